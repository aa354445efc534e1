package io.tao4j.cli.demo.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.cli.demo.web.DemoStatus.MinerWeight;
import io.tao4j.cli.demo.web.DemoStatus.StakePoint;
import io.tao4j.cli.demo.web.DemoStatus.StepPoint;
import io.tao4j.cli.demo.web.DemoStatus.Weights;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StatusServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StatusServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(10));
        b = switch (method) {
            case "GET" -> b.GET();
            case "HEAD" -> b.method("HEAD", HttpRequest.BodyPublishers.noBody());
            default -> b.method(method, HttpRequest.BodyPublishers.ofString("x"));
        };
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    @Test
    void bindsLoopbackOnAFreePortAndStopsOnClose() throws Exception {
        server = StatusServer.start(0, DemoStatus.empty());
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/"));
        assertThat(get("/").statusCode()).isEqualTo(200);
        URI url = server.url();
        server.close();
        server = null;
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> StatusServer.start(70000, DemoStatus.empty())).hasMessageContaining("70000");
    }

    @Test
    void apiStatusIsTheSnapshotAsJsonAndFollowsPublish() throws Exception {
        DemoStatus s = SampleStatus.at(240);
        server = StatusServer.start(0, s);
        HttpResponse<String> r = get("/api/status");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode j = JSON.readTree(r.body());

        assertThat(fieldNames(j)).containsExactlyInAnyOrder("startedMillis", "updatedMillis", "elapsedMillis", "chain", "lfc",
                "mantis", "events");
        assertThat(j.get("elapsedMillis").asLong()).isEqualTo(240 * 250);
        JsonNode chain = j.get("chain");
        assertThat(chain.get("head").asLong()).isEqualTo(240);
        assertThat(chain.get("finalized").asLong()).isEqualTo(238);
        assertThat(chain.get("blockMillis").asLong()).isEqualTo(250);
        assertThat(chain.get("subnets")).hasSize(2);
        assertThat(fieldNames(chain.get("subnets").get(0))).containsExactlyInAnyOrder("netuid", "name", "tempo", "epochs");
        assertThat(chain.get("subnets").get(0).get("netuid").asInt()).isEqualTo(35);
        assertThat(chain.get("subnets").get(0).get("epochs").asLong()).isEqualTo(240 / 21);
        assertThat(chain.get("subnets").get(1).get("tempo").asInt()).isEqualTo(10);

        JsonNode lfc = j.get("lfc");
        assertThat(fieldNames(lfc)).containsExactlyInAnyOrder("netuid", "minerHotkey", "aggregatorHotkey", "treasuryColdkey",
                "flow", "sweeps", "alphaSwept", "alphaTransferred", "weights", "weightsBlock", "weightSets");
        assertThat(lfc.get("flow")).hasSize(s.lfc().flow().size());
        JsonNode lastPoint = lfc.get("flow").get(s.lfc().flow().size() - 1);
        assertThat(fieldNames(lastPoint)).containsExactlyInAnyOrder("block", "miner", "aggregator", "treasury");
        assertThat(lastPoint.get("block").asLong()).isEqualTo(240);
        assertThat(lastPoint.get("treasury").asDouble()).isEqualTo(s.lfc().latest().treasury());
        assertThat(lfc.get("sweeps").asLong()).isEqualTo(11);
        assertThat(lfc.get("weights").get("1").asDouble()).isEqualTo(1.0);
        assertThat(lfc.get("treasuryColdkey").asText()).isEqualTo(SampleStatus.TREASURY);

        JsonNode m = j.get("mantis");
        assertThat(fieldNames(m)).containsExactlyInAnyOrder("netuid", "miners", "steps", "collected", "decrypted", "rejected",
                "pending", "ledgerSteps", "weights", "weightSets", "salience", "salienceBlock", "scoring");
        JsonNode step = m.get("steps").get(0);
        assertThat(fieldNames(step)).containsExactlyInAnyOrder("block", "ok", "pending", "rejected", "pendingDecryptions", "total");
        assertThat(step.get("block").asLong()).isEqualTo(20);
        assertThat(step.get("ok").asInt()).isEqualTo(3);
        assertThat(step.get("pending").asInt()).isZero();
        JsonNode lastStep = m.get("steps").get(m.get("steps").size() - 1);
        assertThat(lastStep.get("block").asLong()).isEqualTo(240);
        assertThat(lastStep.get("pending").asInt()).isEqualTo(3);
        assertThat(lastStep.get("pendingDecryptions").asLong()).isEqualTo(9);
        assertThat(step.get("rejected").get("NOT_V2").asInt()).isEqualTo(1);
        assertThat(step.get("total").asInt()).isEqualTo(4);
        assertThat(m.get("weights").get("block").asLong()).isEqualTo(240);
        JsonNode w0 = m.get("weights").get("weights").get(0);
        assertThat(fieldNames(w0)).containsExactlyInAnyOrder("uid", "hotkey", "name", "weight");
        assertThat(w0.get("name").asText()).isEqualTo("baseline");
        assertThat(w0.get("weight").asDouble()).isEqualTo(0.46);
        assertThat(fieldNames(m.get("salience"))).containsExactly("ETH", "ETHHITFIRST", "ETHLBFGS", "BTCLBFGS", "CADUSD", "NZDUSD",
                "CHFUSD", "XAGUSD", "TRADEMIX");
        assertThat(m.get("salience").get("TRADEMIX").get("__burn__").asDouble()).isEqualTo(1.0);
        JsonNode sc = m.get("scoring");
        assertThat(fieldNames(sc)).containsExactlyInAnyOrder("protocol", "challenges", "burnPct", "burnShare", "onChainBurn",
                "tradeMixBurn", "emaAlpha", "emaApplied");
        assertThat(sc.get("challenges")).hasSize(12);
        assertThat(sc.get("challenges").get(11).get("ticker").asText()).isEqualTo("TRADEMIX");
        assertThat(sc.get("burnPct").asDouble()).isEqualTo(0.35);
        assertThat(sc.get("onChainBurn").asDouble()).isEqualTo(0.4151);
        assertThat(sc.get("emaApplied").asBoolean()).isTrue();
        assertThat(fieldNames(m.get("salience").get("ETH"))).containsExactly("baseline", "noisy", "garbage", "copycat");
        assertThat(m.get("miners").get(2).get("kind").asText()).isEqualTo("garbage");
        assertThat(m.get("miners").get(2).get("uid").asInt()).isEqualTo(3);
        assertThat(j.get("events").size()).isEqualTo(s.events().size()).isPositive();

        server.update(x -> x.withChain(x.chain().withBlocks(241, 239)).withEvent("block 241: hello"));
        JsonNode j2 = JSON.readTree(get("/api/status?t=1").body());
        assertThat(j2.get("chain").get("head").asLong()).isEqualTo(241);
        assertThat(j2.get("events").get(j2.get("events").size() - 1).asText()).isEqualTo("block 241: hello");
        server.publish(DemoStatus.empty());
        JsonNode empty = JSON.readTree(get("/api/status").body());
        assertThat(empty.get("chain").get("head").asLong()).isZero();
        assertThat(empty.get("mantis").get("weights").get("block").asLong()).isEqualTo(-1);
        assertThat(empty.get("lfc").get("flow")).isEmpty();
    }

    @Test
    void metricsAreWellFormedPrometheusTextWithTheSnapshotsNumbers() throws Exception {
        DemoStatus s = SampleStatus.at(240);
        server = StatusServer.start(0, s);
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Map<String, Double> v = parseExposition(r.body());

        assertThat(v.get("tao4j_demo_chain_head_block")).isEqualTo(240.0);
        assertThat(v.get("tao4j_demo_chain_finalized_block")).isEqualTo(238.0);
        assertThat(v.get("tao4j_demo_elapsed_seconds")).isEqualTo(60.0);
        assertThat(v.get("tao4j_demo_subnet_epochs_total{name=LFC,netuid=35}")).isEqualTo(11.0);
        assertThat(v.get("tao4j_demo_subnet_tempo_blocks{name=MANTIS,netuid=123}")).isEqualTo(10.0);
        StakePoint last = s.lfc().latest();
        assertThat(v.get("tao4j_demo_lfc_stake_alpha{holder=miner}")).isEqualTo(last.miner());
        assertThat(v.get("tao4j_demo_lfc_stake_alpha{holder=aggregator}")).isEqualTo(last.aggregator());
        assertThat(v.get("tao4j_demo_lfc_stake_alpha{holder=treasury}")).isCloseTo(last.treasury(), within(1e-12)).isPositive();
        assertThat(v.get("tao4j_demo_lfc_sweeps_total")).isEqualTo(11.0);
        assertThat(v.get("tao4j_demo_lfc_alpha_swept_total")).isEqualTo(s.lfc().alphaSwept());
        assertThat(v.get("tao4j_demo_lfc_alpha_transferred_total")).isEqualTo(s.lfc().alphaTransferred());
        assertThat(v.get("tao4j_demo_lfc_weight{uid=1}")).isEqualTo(1.0);
        assertThat(v.get("tao4j_demo_lfc_weight{uid=0}")).isEqualTo(0.0);
        assertThat(v.get("tao4j_demo_mantis_payloads_collected_total")).isEqualTo((double) s.mantis().collected());
        assertThat(v.get("tao4j_demo_mantis_payloads_decrypted_total")).isEqualTo((double) s.mantis().decrypted());
        assertThat(v.get("tao4j_demo_mantis_payloads_rejected_total{reason=NOT_V2}")).isEqualTo(s.mantis().rejected().get("NOT_V2").doubleValue());
        assertThat(v.get("tao4j_demo_mantis_pending_decryptions")).isEqualTo((double) s.mantis().pending()).isPositive();
        assertThat(v.get("tao4j_demo_mantis_ledger_steps")).isEqualTo(45.0);
        assertThat(v.get("tao4j_demo_mantis_weights_block")).isEqualTo(240.0);
        assertThat(v.get("tao4j_demo_mantis_weight{hotkey=" + SampleStatus.COPYCAT + ",miner=copycat,uid=4}")).isEqualTo(0.33);
        assertThat(v.get("tao4j_demo_mantis_salience{challenge=ETHLBFGS,miner=baseline}")).isCloseTo(0.43, within(1e-12));
        assertThat(v.keySet().stream().filter(k -> k.startsWith("tao4j_demo_mantis_salience{"))).hasSize(33);
        assertThat(v.get("tao4j_demo_mantis_burn_on_chain")).isEqualTo(0.4151);
        assertThat(v.get("tao4j_demo_mantis_burn_pct")).isEqualTo(0.35);
        assertThat(v.get("tao4j_demo_mantis_ema_applied")).isEqualTo(1.0);

        // an empty snapshot still exposes the scalar families, and nothing per UID
        Map<String, Double> e = parseExposition(PrometheusText.render(DemoStatus.empty()));
        assertThat(e).containsEntry("tao4j_demo_chain_head_block", 0.0).containsEntry("tao4j_demo_mantis_weights_block", -1.0);
        assertThat(e.keySet()).noneMatch(k -> k.contains("{"));
    }

    @Test
    void labelValuesAndHelpAreEscaped() {
        String evil = "evil \"quoted\" back\\slash\nnewline";
        DemoStatus s = DemoStatus.empty().withMantis(DemoStatus.empty().mantis()
                .withWeights(new Weights(7, List.of(new MinerWeight(9, "5X", evil, 0.5))), 1)
                .withSalience(7, Map.of("ETH", Map.of(evil, 0.25))));
        String text = PrometheusText.render(s);
        assertThat(text).contains("miner=\"evil \\\"quoted\\\" back\\\\slash\\nnewline\"");
        Map<String, Double> v = parseExposition(text);
        assertThat(v.get("tao4j_demo_mantis_salience{challenge=ETH,miner=" + evil + "}")).isEqualTo(0.25);
        assertThat(v.get("tao4j_demo_mantis_weight{hotkey=5X,miner=" + evil + ",uid=9}")).isEqualTo(0.5);
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        server = StatusServer.start(0, DemoStatus.empty());
        for (String p : List.of("/nope", "/static/", "/static/chart.js", "/api/status/x", "/metrics/", "/static/../index.html.bak")) {
            HttpResponse<String> r = get(p);
            assertThat(r.statusCode()).as(p).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).as(p).hasValue("text/plain; charset=utf-8");
        }
        for (String m : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            for (String p : List.of("/", "/api/status", "/metrics", "/nope")) {
                HttpResponse<String> r = send(m, p);
                assertThat(r.statusCode()).as(m + " " + p).isEqualTo(405);
                assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
                assertThat(r.body()).contains(m);
            }
        }
        HttpResponse<String> head = send("HEAD", "/api/status");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(send("HEAD", "/missing").statusCode()).isEqualTo(404);
    }

    @Test
    void thePageAndTheChartLibraryAreServedLocallyWithTheirContentTypes() throws Exception {
        server = StatusServer.start(0, DemoStatus.empty());
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'")
                .contains("connect-src 'self'").doesNotContain("http");
        assertThat(page.body()).contains("<script src=\"/static/chart.umd.min.js\"").contains("<script src=\"/static/status.js\"")
                .contains("href=\"/static/status.css\"");

        HttpResponse<String> lib = get("/static/chart.umd.min.js");
        assertThat(lib.statusCode()).isEqualTo(200);
        assertThat(lib.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        String version = server.chartJsVersionServed();
        assertThat(version).matches("4\\.[0-9.]+");
        assertThat(lib.body()).startsWith("/*!\n * Chart.js v" + version).contains("Chart=");
        assertThat(lib.body().length()).isGreaterThan(100_000);
        try (InputStream in = getClass().getResourceAsStream("/META-INF/resources/webjars/chart.js/" + version + "/dist/chart.umd.min.js")) {
            assertThat(lib.body()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        HttpResponse<String> js = get("/static/status.js");
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.body()).contains("/api/status");
        HttpResponse<String> css = get("/static/status.css");
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        // the page's own files name no outside address (it must work offline)
        for (String body : List.of(page.body(), js.body(), css.body())) {
            assertThat(body).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
        }
    }

    @Test
    void snapshotsRejectBadValuesByNameAndAreImmutable() {
        assertThatThrownBy(() -> new StakePoint(1, Double.NaN, 0, 0)).hasMessageContaining("stakePoint.miner");
        assertThatThrownBy(() -> DemoStatus.empty().chain().withBlocks(-1, 0)).hasMessageContaining("chain.head");
        assertThatThrownBy(() -> new StepPoint(5, 1, 0, Map.of("NOT_V2", -1), 0)).hasMessageContaining("step.rejected");
        assertThatThrownBy(() -> new DemoStatus.Subnet(70000, "x", 1, 0)).hasMessageContaining("subnet.netuid");
        assertThatThrownBy(() -> DemoStatus.empty().withEvent(null)).hasMessageContaining("event");
        Map<String, Map<String, Double>> bad = new HashMap<>();
        bad.put("ETH", Map.of("m", Double.POSITIVE_INFINITY));
        assertThatThrownBy(() -> DemoStatus.empty().mantis().withSalience(1, bad)).hasMessageContaining("mantis.salience[ETH]");

        Map<String, Integer> rej = new LinkedHashMap<>(Map.of("TIMEOUT", 1));
        StepPoint p = new StepPoint(5, 2, 1, rej, 3);
        rej.put("NOT_V2", 4);
        assertThat(p.rejected()).containsOnlyKeys("TIMEOUT");
        assertThatThrownBy(() -> p.rejected().put("X", 1)).isInstanceOf(UnsupportedOperationException.class);

        DemoStatus.Lfc lfc = DemoStatus.empty().lfc();
        for (int b = 1; b <= DemoStatus.MAX_POINTS + 50; b++) {
            lfc = lfc.withPoint(new StakePoint(b, b, 0, 0));
        }
        lfc = lfc.withPoint(new StakePoint(DemoStatus.MAX_POINTS + 50, 1, 2, 3));
        assertThat(lfc.flow()).hasSize(DemoStatus.MAX_POINTS);
        assertThat(lfc.flow().get(0).block()).isEqualTo(51);
        assertThat(lfc.latest()).isEqualTo(new StakePoint(DemoStatus.MAX_POINTS + 50, 1, 2, 3));
        DemoStatus s = DemoStatus.empty();
        for (int i = 0; i < DemoStatus.MAX_EVENTS + 5; i++) {
            s = s.withEvent("e" + i);
        }
        assertThat(s.events()).hasSize(DemoStatus.MAX_EVENTS).startsWith("e5").endsWith("e" + (DemoStatus.MAX_EVENTS + 4));
        assertThat(StakePoint.ofRao(3, 1_500_000_000L, 0, 2_000_000_000_000L)).isEqualTo(new StakePoint(3, 1.5, 0, 2000));
        assertThat(s.withStarted(1000).withUpdated(61_000).elapsedMillis()).isEqualTo(60_000);
        assertThat(s.withStarted(0).withUpdated(61_000).elapsedMillis()).isZero();
        assertThat(DemoStatus.empty().chain().withSubnet(new DemoStatus.Subnet(123, "M", 10, 1))
                .withSubnet(new DemoStatus.Subnet(35, "L", 20, 1)).withSubnet(new DemoStatus.Subnet(123, "M", 10, 2)).subnets())
                .extracting(DemoStatus.Subnet::netuid, DemoStatus.Subnet::epochs)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(35, 1L), org.assertj.core.groups.Tuple.tuple(123, 2L));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static final Pattern HELP = Pattern.compile("# HELP (tao4j_demo_[a-z0-9_]+) (\\S.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (tao4j_demo_[a-z0-9_]+) (counter|gauge)");
    private static final Pattern SAMPLE = Pattern.compile("(tao4j_demo_[a-z0-9_]+)(\\{.*})? (\\S+)");

    /**
     * Parses the text format strictly: every line is HELP, TYPE or a sample; a family's HELP and TYPE come once,
     * before its samples; counters end in _total; samples are unique. Keys are {@code name{k=v,...}} with label
     * values unescaped, in the written order.
     */
    static Map<String, Double> parseExposition(String text) {
        assertThat(text).endsWith("\n");
        Map<String, Double> out = new LinkedHashMap<>();
        Set<String> helped = new HashSet<>();
        Map<String, String> typed = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher h = HELP.matcher(line);
            Matcher t = TYPE.matcher(line);
            Matcher s = SAMPLE.matcher(line);
            if (h.matches()) {
                assertThat(helped.add(h.group(1))).as("one HELP for " + h.group(1)).isTrue();
            } else if (t.matches()) {
                assertThat(helped).as("HELP before TYPE: " + line).contains(t.group(1));
                assertThat(typed.put(t.group(1), t.group(2))).as("one TYPE for " + t.group(1)).isNull();
                if (t.group(2).equals("counter")) {
                    assertThat(t.group(1)).endsWith("_total");
                }
            } else if (s.matches()) {
                assertThat(typed).as("TYPE before sample: " + line).containsKey(s.group(1));
                String key = s.group(1) + (s.group(2) == null ? "" : parseLabels(s.group(2)));
                double value = switch (s.group(3)) {
                    case "NaN" -> Double.NaN;
                    case "+Inf" -> Double.POSITIVE_INFINITY;
                    case "-Inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(s.group(3));
                };
                assertThat(out.put(key, value)).as("unique sample " + key).isNull();
            } else {
                throw new AssertionError("not a Prometheus text line: " + line);
            }
        }
        return out;
    }

    private static String parseLabels(String braces) {
        StringBuilder key = new StringBuilder("{");
        int i = 1;
        boolean first = true;
        while (braces.charAt(i) != '}') {
            int eq = braces.indexOf("=\"", i);
            assertThat(eq).as("label in " + braces).isPositive();
            String name = braces.substring(i, eq);
            assertThat(name).matches("[a-zA-Z_][a-zA-Z0-9_]*");
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (braces.charAt(j) != '"') {
                char c = braces.charAt(j);
                if (c == '\\') {
                    char n = braces.charAt(++j);
                    value.append(switch (n) {
                        case 'n' -> '\n';
                        case '\\' -> '\\';
                        case '"' -> '"';
                        default -> throw new AssertionError("bad escape \\" + n + " in " + braces);
                    });
                } else {
                    assertThat(c).as("raw newline in label").isNotEqualTo('\n');
                    value.append(c);
                }
                j++;
            }
            key.append(first ? "" : ",").append(name).append('=').append(value);
            first = false;
            i = j + 1;
            if (braces.charAt(i) == ',') {
                i++;
            }
        }
        assertThat(i).isEqualTo(braces.length() - 1);
        return key.append('}').toString();
    }
}
