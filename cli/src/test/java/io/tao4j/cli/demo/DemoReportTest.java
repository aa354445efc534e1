package io.tao4j.cli.demo;

import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.salience.SalienceResult;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The MANTIS scoring checks of the demo's report, on hand-built samples. */
class DemoReportTest {
    static final List<Demo.MinerInfo> MINERS = List.of(new Demo.MinerInfo("baseline", DemoHistory.Kind.BASELINE, "hkB", 2),
            new Demo.MinerInfo("noisy", DemoHistory.Kind.NOISY, "hkN", 3), new Demo.MinerInfo("garbage", DemoHistory.Kind.GARBAGE, "hkG", 4),
            new Demo.MinerInfo("copycat", DemoHistory.Kind.COPYCAT, "hkC", 5));

    static DemoState.Sample sample(SalienceResult sal, Map<Integer, Double> weights, double burnShare) {
        return new DemoState.Sample(100, 98, 10, 1, 10, 1, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), null, Map.of(), weights, sal, 0, 0,
                burnShare, true);
    }

    /** Salience where the challenges {@code producing} have output (baseline ahead) and TRADE-MIX burns its pool. */
    static SalienceResult salience(Protocol p, List<String> producing) {
        Map<String, Map<String, Double>> per = new LinkedHashMap<>();
        for (Challenge c : p.challenges()) {
            if (producing.contains(c.ticker())) {
                per.put(c.ticker(), c.ticker().equals("TRADEMIX") ? Map.of("__burn__", 1.0)
                        : Map.of("hkB", 0.6, "hkN", 0.3, "hkC", 0.1));
            }
        }
        return new SalienceResult(Map.of("hkB", 0.5, "hkN", 0.3, "hkC", 0.1, "__burn__", 0.1), per, Map.of());
    }

    static DemoReport.Check check(List<DemoReport.Check> checks, String prefix) {
        return checks.stream().filter(c -> c.name().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void allTwelveChallengesWithOutputTheBurnOnChainAndTheBaselineAheadPass() {
        Protocol p = Protocol.BCFF57B;
        Map<Integer, Double> w = Map.of(0, 0.4149, 2, 0.30, 3, 0.18, 4, 0.0, 5, 0.105);
        List<DemoReport.Check> checks = DemoReport.scoringChecks(p, sample(salience(p, p.tickers()), w, 0.415), MINERS);
        assertThat(checks).hasSize(3).allMatch(DemoReport.Check::ok, "every check passes");
        assertThat(check(checks, "every one of the 12 challenges").detail()).isEqualTo("12 of 12 produced output");
        assertThat(check(checks, "UID 0 holds").detail()).contains("41.49 %").contains("burn 35 %").contains("41.50 %");
    }

    @Test
    void aChallengeWithoutOutputFailsAndIsNamed() {
        Protocol p = Protocol.BCFF57B;
        List<String> eight = p.tickers().subList(0, 8);
        List<DemoReport.Check> checks = DemoReport.scoringChecks(p, sample(salience(p, eight), Map.of(0, 0.4, 2, 0.6), 0.4), MINERS);
        DemoReport.Check c = check(checks, "every one of the 12 challenges");
        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).isEqualTo("8 of 12 produced output; none from [MULTIBREAKOUT, MULTIXSEC, FUNDINGXSEC, TRADEMIX]");
        // an all-zero breakdown is no output either
        Map<String, Map<String, Double>> per = new LinkedHashMap<>(salience(p, p.tickers()).perChallenge());
        per.put("XAGUSD", Map.of("hkB", 0.0));
        SalienceResult zero = new SalienceResult(Map.of("hkB", 1.0), per, Map.of());
        assertThat(check(DemoReport.scoringChecks(p, sample(zero, Map.of(0, 0.4, 2, 0.6), 0.4), MINERS), "every one").ok()).isFalse();
        assertThat(check(DemoReport.scoringChecks(p, sample(null, Map.of(), Double.NaN), MINERS), "every one").detail())
                .isEqualTo("no salience computed yet");
    }

    @Test
    void theBurnCheckFailsWithoutTheBurnOnUidZeroOrWithoutMinerWeight() {
        Protocol p = Protocol.BCFF57B;
        SalienceResult sal = salience(p, p.tickers());
        assertThat(check(DemoReport.scoringChecks(p, sample(sal, Map.of(2, 0.7, 3, 0.3), 0.4), MINERS), "UID 0").ok())
                .as("nothing on UID 0").isFalse();
        assertThat(check(DemoReport.scoringChecks(p, sample(sal, Map.of(0, 0.2, 2, 0.8), 0.4), MINERS), "UID 0").ok())
                .as("less than the burn share").isFalse();
        assertThat(check(DemoReport.scoringChecks(p, sample(sal, Map.of(0, 1.0), 1.0), MINERS), "UID 0").ok())
                .as("everything burned, no miner paid").isFalse();
        // u16 quantisation: a share a hair under 35 % still holds the burn
        assertThat(check(DemoReport.scoringChecks(p, sample(sal, Map.of(0, 0.34995, 2, 0.65005), 0.35), MINERS), "UID 0").ok()).isTrue();
        // 2e9bc5b has no burn: no such check
        assertThat(DemoReport.scoringChecks(Protocol.P2E9BC5B, sample(sal, Map.of(2, 1.0), Double.NaN), MINERS))
                .noneMatch(c -> c.name().startsWith("UID 0"));
    }

    @Test
    void theBaselineMustHaveMoreSalienceThanGarbageAndCopycat() {
        Protocol p = Protocol.BCFF57B;
        Map<String, Map<String, Double>> per = salience(p, p.tickers()).perChallenge();
        SalienceResult copyAhead = new SalienceResult(Map.of("hkB", 0.3, "hkC", 0.4, "hkN", 0.3), per, Map.of());
        DemoReport.Check c = check(DemoReport.scoringChecks(p, sample(copyAhead, Map.of(0, 0.4, 2, 0.6), 0.4), MINERS), "the baseline");
        assertThat(c.ok()).isFalse();
        assertThat(c.detail()).isEqualTo("baseline 0.300, garbage 0.000, copy-cat 0.400");
    }
}
