package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.MantisChallenge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Bootstrap of a new validator's ledger from the archive live MANTIS validators start from
 * ({@code config.DATALOG_ARCHIVE_URL}): when no ledger file exists, the archive is downloaded with an
 * HTTP GET into a temporary file beside the ledger (refused beyond a size limit), imported with
 * {@link LedgerArchive} into a temporary ledger, and only then moved into place. On any failure the
 * temporaries are removed and the validator starts with an empty ledger; the outcome says why.
 */
public final class LedgerBootstrap {
    /** The datalog.db MANTIS's config.py names at the repository's HEAD. */
    public static final String MANTIS_DATALOG_URL = "https://pub-879ad825983e43529792665f4f510cd6.r2.dev/datalog.db";

    private LedgerBootstrap() {}

    /** What happened. */
    public enum Kind { EXISTING, IMPORTED, EMPTY }

    /** The outcome: {@code result} is set when IMPORTED, {@code reason} when EMPTY. */
    public record Outcome(Kind kind, LedgerArchive.ImportResult result, long downloadedBytes, String reason) {
    }

    /** The archive a fresh validator of {@code protocol} starts from ({@code config.DATALOG_ARCHIVE_URL}). */
    public static URI defaultUrl(io.tao4j.mantis.protocol.Protocol protocol) {
        return URI.create(protocol.constants().datalogArchiveUrl());
    }

    /**
     * As {@link #ensure(Path, URI, long, Duration, List, LedgerArchive.Progress)} for a protocol version:
     * {@code url} null = the protocol's {@link #defaultUrl}; the archive is imported with
     * {@link LedgerArchive#importArchive(Path, Path, io.tao4j.mantis.protocol.Protocol, LedgerArchive.Progress)}.
     */
    public static Outcome ensure(Path ledger, URI url, long maxBytes, Duration timeout,
                                 io.tao4j.mantis.protocol.Protocol protocol, LedgerArchive.Progress progress) {
        URI u = url != null ? url : defaultUrl(protocol);
        return ensure(ledger, u, maxBytes, timeout, progress,
                (download, staged) -> LedgerArchive.importArchive(download, staged, protocol, progress));
    }

    /**
     * Ensures a ledger exists at {@code ledger}; see the class comment. Never throws for a failed download
     * or import: those give {@link Kind#EMPTY} (the caller then opens an empty ledger).
     */
    public static Outcome ensure(Path ledger, URI url, long maxBytes, Duration timeout, List<MantisChallenge> challenges,
                                 LedgerArchive.Progress progress) {
        return ensure(ledger, url, maxBytes, timeout, progress,
                (download, staged) -> LedgerArchive.importArchive(download, staged, challenges, progress));
    }

    private interface Importer {
        LedgerArchive.ImportResult run(Path download, Path staged);
    }

    private static Outcome ensure(Path ledger, URI url, long maxBytes, Duration timeout, LedgerArchive.Progress progress,
                                  Importer importer) {
        if (Files.exists(ledger)) {
            return new Outcome(Kind.EXISTING, null, 0, null);
        }
        Path dir = ledger.toAbsolutePath().getParent();
        Path download = dir.resolve(ledger.getFileName() + ".download");
        Path staged = dir.resolve(ledger.getFileName() + ".import");
        long bytes = 0;
        try {
            Files.createDirectories(dir);
            deleteDb(staged);
            bytes = download(url, download, maxBytes, timeout, progress);
            LedgerArchive.ImportResult r = importer.run(download, staged);
            Files.deleteIfExists(staged.resolveSibling(staged.getFileName() + "-wal"));
            Files.deleteIfExists(staged.resolveSibling(staged.getFileName() + "-shm"));
            Files.move(staged, ledger, StandardCopyOption.ATOMIC_MOVE);
            return new Outcome(Kind.IMPORTED, r, bytes, null);
        } catch (IOException | RuntimeException e) {
            deleteDb(staged);
            return new Outcome(Kind.EMPTY, null, bytes, "bootstrap from " + url + " failed: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(download);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }

    /** HTTP GET of {@code url} into {@code to}; fails on a non-200 status or beyond {@code maxBytes}. */
    static long download(URI url, Path to, long maxBytes, Duration timeout, LedgerArchive.Progress progress) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("--datalog-url must be http or https: " + url);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        HttpResponse<InputStream> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download interrupted", e);
        }
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) {
                throw new IOException("HTTP " + resp.statusCode());
            }
            long declared = resp.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > maxBytes) {
                throw new IOException("archive of " + declared + " bytes exceeds the limit of " + maxBytes);
            }
            long n = 0;
            long nextReport = 0;
            byte[] buf = new byte[1 << 16];
            try (OutputStream out = Files.newOutputStream(to)) {
                int r;
                while ((r = in.read(buf)) >= 0) {
                    n += r;
                    if (n > maxBytes) {
                        throw new IOException("archive exceeds the limit of " + maxBytes + " bytes");
                    }
                    out.write(buf, 0, r);
                    if (n >= nextReport) {
                        progress.report("download", n, declared);
                        nextReport = n + (16L << 20);
                    }
                }
            }
            progress.report("download", n, declared);
            return n;
        }
    }

    private static void deleteDb(Path p) {
        for (String suffix : new String[]{"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(p.resolveSibling(p.getFileName() + suffix));
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
