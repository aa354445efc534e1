package io.tao4j.mantis.ledger;

import com.sun.net.httpserver.HttpServer;
import io.tao4j.mantis.salience.MantisConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Bootstrap against a local HTTP server on 127.0.0.1. */
class LedgerBootstrapTest {
    HttpServer server;
    final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        byte[] db = Files.readAllBytes(LedgerArchiveTest.RES.resolve("datalog.db"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/datalog.db", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(200, db.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(db);
            }
        });
        server.createContext("/junk", ex -> {
            byte[] b = "<html>not found page</html>".getBytes();
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Bootstraps the 12-challenge ledger at {@code ledger} from {@code source}, 30 s timeout, no progress output. */
    private static LedgerBootstrap.Outcome ensure(Path ledger, URI source, long maxBytes) {
        return LedgerBootstrap.ensure(ledger, source, maxBytes, Duration.ofSeconds(30), MantisConfig.CHALLENGES,
                LedgerArchive.Progress.NONE);
    }

    @Test
    void downloadsAndImportsWhenNoLedgerExistsThenLeavesItAlone(@TempDir Path dir) {
        Path ledger = dir.resolve("state/ledger.db");
        LedgerBootstrap.Outcome o = ensure(ledger, url("/datalog.db"), 10_000_000);
        assertThat(o.kind()).isEqualTo(LedgerBootstrap.Kind.IMPORTED);
        assertThat(o.result().challengeRows()).isEqualTo(120);
        assertThat(o.downloadedBytes()).isGreaterThan(100_000);
        assertThat(LedgerStats.of(ledger).blocks()).isEqualTo(40);
        assertThat(dir.resolve("state/ledger.db.download")).doesNotExist();
        assertThat(dir.resolve("state/ledger.db.import")).doesNotExist();

        LedgerBootstrap.Outcome again = ensure(ledger, url("/datalog.db"), 10_000_000);
        assertThat(again.kind()).isEqualTo(LedgerBootstrap.Kind.EXISTING);
        assertThat(hits.get()).isEqualTo(1);
    }

    @Test
    void aBcff57bLedgerBootstrapsFromTheProtocolsArchiveIntoTheCompactLayout(@TempDir Path dir) throws Exception {
        assertThat(LedgerBootstrap.defaultUrl(io.tao4j.mantis.protocol.Protocol.BCFF57B))
                .hasToString("https://pub-879ad825983e43529792665f4f510cd6.r2.dev/datalog.db");
        assertThat(LedgerBootstrap.defaultUrl(io.tao4j.mantis.protocol.Protocol.P2E9BC5B).toString()).endsWith("mantis_datalog.pkl");
        Path ledger = dir.resolve("state/ledger.db");
        LedgerBootstrap.Outcome o = LedgerBootstrap.ensure(ledger, url("/datalog.db"), 10_000_000, Duration.ofSeconds(30),
                io.tao4j.mantis.protocol.Protocol.BCFF57B, LedgerArchive.Progress.NONE);
        assertThat(o.kind()).isEqualTo(LedgerBootstrap.Kind.IMPORTED);
        assertThat(o.result().blocks()).isEqualTo(40);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + ledger)) {
            assertThat(LedgerSchema.isCompact(c)).isTrue();
        }
    }

    @Test
    void failuresLeaveNoLedgerAndSayWhy(@TempDir Path dir) {
        Path ledger = dir.resolve("ledger.db");
        LedgerBootstrap.Outcome missing = ensure(ledger, url("/nothing"), 10_000_000);
        assertThat(missing.kind()).isEqualTo(LedgerBootstrap.Kind.EMPTY);
        assertThat(missing.reason()).contains("HTTP 404");

        LedgerBootstrap.Outcome tooBig = ensure(ledger, url("/datalog.db"), 1000);
        assertThat(tooBig.kind()).isEqualTo(LedgerBootstrap.Kind.EMPTY);
        assertThat(tooBig.reason()).contains("exceeds the limit of 1000");

        LedgerBootstrap.Outcome junk = ensure(ledger, url("/junk"), 10_000_000);
        assertThat(junk.kind()).isEqualTo(LedgerBootstrap.Kind.EMPTY);
        assertThat(junk.reason()).contains("not a MANTIS archive");

        LedgerBootstrap.Outcome badScheme = ensure(ledger, URI.create("file:///etc/passwd"), 10_000_000);
        assertThat(badScheme.kind()).isEqualTo(LedgerBootstrap.Kind.EMPTY);
        assertThat(badScheme.reason()).contains("must be http or https");

        assertThat(ledger).doesNotExist();
        assertThat(dir.resolve("ledger.db.download")).doesNotExist();
        assertThat(dir.resolve("ledger.db.import")).doesNotExist();
    }
}
