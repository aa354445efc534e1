package io.tao4j.cli.demo.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loads the status page in Debian's headless Chromium: the page's script must render all charts from the
 * snapshot (DOM marker, a canvas with data per chart, no script errors or blocked loads) and a screenshot is
 * saved as {@code target/demo-status.png}. Skipped when no chromium binary is installed.
 */
class StatusPageChromiumTest {
    static final List<String> CHARTS = List.of("lfc-flow", "lfc-weights", "mantis-steps", "mantis-pending", "mantis-weights",
            "mantis-salience");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private HeadlessChromium chromium;
    private StatusServer server;

    @BeforeEach
    void findChromium() {
        chromium = HeadlessChromium.find().orElse(null);
        assumeTrue(chromium != null, "chromium not installed; install Debian's chromium to run this test (apt-get install chromium)");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPopulatedSnapshotRendersEveryChartWithData(@TempDir Path work) throws Exception {
        server = StatusServer.start(0, SampleStatus.at(240));
        HeadlessChromium.Run run = chromium.dumpDom(server.url(), 5000, work, TIMEOUT);
        String dom = run.stdout();
        assertThat(run.exitCode()).as(HeadlessChromium.tail(run.stderr())).isZero();
        assertNoPageErrors(run);
        assertThat(bodyAttribute(dom, "data-rendered")).as(dom).isEqualTo("charts:" + CHARTS.size());

        Map<String, Integer> points = canvasPoints(dom);
        assertThat(points).containsOnlyKeys(CHARTS);
        DemoStatus s = server.current();
        assertThat(points.get("lfc-flow")).isEqualTo(3 * s.lfc().flow().size());
        assertThat(points.get("lfc-weights")).isEqualTo(2);
        assertThat(points.get("mantis-steps")).isEqualTo(4 * s.mantis().steps().size()); // ok, pending, NOT_V2, TIMEOUT
        assertThat(points.get("mantis-pending")).isEqualTo(s.mantis().steps().size());
        assertThat(points.get("mantis-weights")).isEqualTo(4);
        assertThat(points.get("mantis-salience")).isEqualTo(12 * 5); // 12 challenges × (4 miners + TRADE-MIX's burn)

        // the numbers and tables are filled in from the snapshot
        assertThat(textOf(dom, "head")).isEqualTo("#240");
        assertThat(textOf(dom, "finalized")).isEqualTo("#238");
        assertThat(textOf(dom, "elapsed")).isEqualTo("00:01:00");
        assertThat(textOf(dom, "lfc-sweeps")).isEqualTo("11");
        assertThat(textOf(dom, "mantis-ledger")).isEqualTo("45");
        assertThat(textOf(dom, "mantis-pending")).isEqualTo(Long.toString(s.mantis().pending()));
        assertThat(dom).contains("SN35 LFC · tempo 20 · 11 epochs").contains(SampleStatus.COPYCAT).contains("copycat")
                .contains(s.events().get(s.events().size() - 1));
        assertThat(dom).contains("class=\"live ok\"");
        // the burn to UID 0, the EMA and the salience matrix of all 12 challenges
        assertThat(textOf(dom, "mantis-protocol")).isEqualTo("bcff57b");
        assertThat(textOf(dom, "mantis-burn-chain")).isEqualTo("41.51 %");
        assertThat(textOf(dom, "mantis-burn-pct")).isEqualTo("burn ≥ 35 %");
        assertThat(textOf(dom, "mantis-burn-trademix")).isEqualTo("100.00 %");
        assertThat(textOf(dom, "mantis-ema")).isEqualTo("α 0.3, applied");
        assertThat(dom).contains("MULTI-BREAKOUT").contains("TRADE-MIX").contains("burn (UID 0)");
        assertThat(Pattern.compile("<td class=\"none\">–</td>").matcher(dom).results().count()).as("3 challenges × 5 columns")
                .isEqualTo(15);
    }

    @Test
    void anEmptySnapshotRendersEmptyChartsWithoutErrors(@TempDir Path work) throws Exception {
        server = StatusServer.start(0, DemoStatus.empty());
        HeadlessChromium.Run run = chromium.dumpDom(server.url(), 3000, work, TIMEOUT);
        assertThat(run.exitCode()).as(HeadlessChromium.tail(run.stderr())).isZero();
        assertNoPageErrors(run);
        assertThat(bodyAttribute(run.stdout(), "data-rendered")).isEqualTo("charts:" + CHARTS.size());
        Map<String, Integer> points = canvasPoints(run.stdout());
        assertThat(points).containsOnlyKeys(CHARTS);
        assertThat(points.values()).containsOnly(0);
        assertThat(textOf(run.stdout(), "head")).isEqualTo("–");
        assertThat(run.stdout()).contains("no events yet");
    }

    @Test
    void aScreenshotOfThePopulatedPageIsSavedAsABuildArtifact(@TempDir Path work) throws Exception {
        server = StatusServer.start(0, SampleStatus.at(240));
        Path png = Path.of("target", "demo-status.png").toAbsolutePath();
        Files.createDirectories(png.getParent());
        HeadlessChromium.Run run = chromium.screenshot(server.url(), png, 1400, 1000, 5000, work, TIMEOUT);
        assertThat(run.exitCode()).as(HeadlessChromium.tail(run.stderr())).isZero();
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(40_000);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1400);
        assertThat(img.getHeight()).isEqualTo(1000);
        // charts were painted: the solid fills of the "ok" payload bars and of the baseline miner's bars are there,
        // and the picture has the colour variety of text and charts, not of a blank page
        Set<Integer> colours = new HashSet<>();
        int okGreen = 0, baselineBlue = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb == 0x16a34a) {
                    okGreen++;
                } else if (rgb == 0x2563eb) {
                    baselineBlue++;
                }
            }
        }
        assertThat(colours.size()).isGreaterThan(200);
        assertThat(okGreen).isGreaterThan(1000);
        assertThat(baselineBlue).isGreaterThan(300);
    }

    static void assertNoPageErrors(HeadlessChromium.Run run) {
        assertThat(bodyAttribute(run.stdout(), "data-errors")).as("script errors counted by the page").isEqualTo("0");
        for (String line : run.stderr().split("\n")) {
            if (line.contains("CONSOLE")) {
                assertThat(line).as("browser console").doesNotContain("Uncaught").doesNotContain("Refused to")
                        .doesNotContain("Failed to load");
            }
        }
    }

    static String bodyAttribute(String dom, String name) {
        Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
        assertThat(body.find()).as("a body element in the dumped DOM").isTrue();
        Matcher a = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(body.group(1));
        return a.find() ? a.group(1) : null;
    }

    static Map<String, Integer> canvasPoints(String dom) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<canvas([^>]*)>").matcher(dom);
        while (m.find()) {
            Matcher chart = Pattern.compile("data-chart=\"([^\"]+)\"").matcher(m.group(1));
            Matcher pts = Pattern.compile("data-points=\"([0-9]+)\"").matcher(m.group(1));
            Matcher size = Pattern.compile("\\swidth=\"([0-9]+)\"").matcher(m.group(1));
            assertThat(chart.find()).as("canvas without data-chart: " + m.group()).isTrue();
            assertThat(pts.find()).as("canvas not rendered: " + m.group()).isTrue();
            assertThat(size.find() && Integer.parseInt(size.group(1)) > 100).as("canvas sized by Chart.js: " + m.group()).isTrue();
            out.put(chart.group(1), Integer.parseInt(pts.group(1)));
        }
        return out;
    }

    static String textOf(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(dom);
        assertThat(m.find()).as("element #" + id).isTrue();
        return m.group(1);
    }
}
