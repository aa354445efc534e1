package io.tao4j.cli.demo.web;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the system's headless Chromium (Debian's {@code chromium} package) against a page: to dump the DOM after
 * the page's scripts ran, or to save a PNG screenshot. Each run uses a fresh profile directory, no sandbox, no
 * GPU and no background networking, so it touches nothing but the given URL. A run that does not end in time is
 * killed with its whole process tree.
 */
public final class HeadlessChromium {
    /** The flags every run gets (besides the profile directory). */
    static final List<String> BASE_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--disable-crash-reporter",
            "--disable-breakpad", "--mute-audio", "--hide-scrollbars");

    private final Path binary;

    public HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** {@code /usr/bin/chromium}, else {@code chromium} on the PATH; empty when neither exists. */
    public static Optional<HeadlessChromium> find() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/bin/chromium"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "chromium"));
                }
            }
        }
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst().map(HeadlessChromium::new);
    }

    public Path binary() {
        return binary;
    }

    /** What a run printed. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    /**
     * Loads {@code url}, lets its scripts run for {@code virtualTimeMillis} of virtual time (timers fire
     * at once, the page's fetches complete) and returns the serialized DOM.
     */
    public Run dumpDom(URI url, int virtualTimeMillis, Path workDir, Duration timeout) throws IOException, TimeoutException {
        return run(List.of("--dump-dom", "--virtual-time-budget=" + virtualTimeMillis, "--enable-logging=stderr", "--v=0",
                url.toString()), workDir, timeout);
    }

    /** Loads {@code url} in a {@code width}×{@code height} window and saves what it shows as a PNG. */
    public Run screenshot(URI url, Path png, int width, int height, int virtualTimeMillis, Path workDir, Duration timeout)
            throws IOException, TimeoutException {
        Files.deleteIfExists(png);
        return run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--virtual-time-budget=" + virtualTimeMillis, url.toString()), workDir, timeout);
    }

    /** Runs Chromium with {@link #BASE_FLAGS}, a fresh profile under {@code workDir} and {@code args}. */
    public Run run(List<String> args, Path workDir, Duration timeout) throws IOException, TimeoutException {
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory(workDir, "profile-");
        Path out = Files.createTempFile(workDir, "chromium-", ".out");
        Path err = Files.createTempFile(workDir, "chromium-", ".err");
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(BASE_FLAGS);
        cmd.add("--user-data-dir=" + profile.toAbsolutePath());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("HOME", workDir.toAbsolutePath().toString());
        Process p = pb.start();
        boolean done;
        try {
            done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for chromium", e);
        }
        if (!done) {
            killTree(p);
            throw new TimeoutException("chromium did not finish within " + timeout.toSeconds() + " s (killed); stderr: "
                    + tail(Files.readString(err, StandardCharsets.UTF_8)));
        }
        killTree(p); // helpers that outlived the browser
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String tail(String s) {
        return s.length() <= 2000 ? s : "…" + s.substring(s.length() - 2000);
    }
}
