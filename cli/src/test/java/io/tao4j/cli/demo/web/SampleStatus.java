package io.tao4j.cli.demo.web;

import io.tao4j.cli.demo.web.DemoStatus.Chain;
import io.tao4j.cli.demo.web.DemoStatus.Lfc;
import io.tao4j.cli.demo.web.DemoStatus.Mantis;
import io.tao4j.cli.demo.web.DemoStatus.Miner;
import io.tao4j.cli.demo.web.DemoStatus.MinerWeight;
import io.tao4j.cli.demo.web.DemoStatus.StakePoint;
import io.tao4j.cli.demo.web.DemoStatus.StepPoint;
import io.tao4j.cli.demo.web.DemoStatus.Subnet;
import io.tao4j.cli.demo.web.DemoStatus.Weights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A populated snapshot shaped like a few minutes of {@code tao4j demo}, built only through the public
 * {@code with…} API the orchestrator uses: subnet 35 with tempo 20 (emission lands on the miner hotkey each
 * epoch and the sweeper moves it to the aggregator, then transfers it to the treasury), subnet 123 with four
 * miners whose payloads are collected every 5 blocks and open 3 steps later (the garbage miner's are rejected,
 * the copycat's time out now and then).
 */
final class SampleStatus {
    static final String BASELINE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    static final String NOISY = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
    static final String GARBAGE = "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y";
    static final String COPYCAT = "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy";
    static final String LFC_MINER = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw";
    static final String AGGREGATOR = "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL";
    static final String TREASURY = "5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY";

    static final int LFC_TEMPO = 20;
    static final double EMISSION_PER_EPOCH = 8.2;

    private SampleStatus() {
    }

    /** The demo at {@code head} (at least 40). */
    static DemoStatus at(long head) {
        long started = 1_780_000_000_000L;
        DemoStatus s = DemoStatus.empty().withStarted(started).withUpdated(started + head * 250);
        s = s.withChain(s.chain().withBlocks(head, head - 2).withBlockMillis(250)
                .withSubnet(new Subnet(35, "LFC", LFC_TEMPO, head / (LFC_TEMPO + 1)))
                .withSubnet(new Subnet(123, "MANTIS", 10, head / 11)));

        // subnet 35: the miner's alpha grows with each epoch's emission; two blocks later the sweeper moves it to
        // the aggregator hotkey, one block after that it is transferred to the treasury coldkey
        Lfc lfc = s.lfc().withAccounts(35, LFC_MINER, AGGREGATOR, TREASURY);
        double miner = 0, aggregator = 0, treasury = 0, swept = 0, transferred = 0;
        long sweeps = 0;
        for (long b = 1; b <= head; b++) {
            long inEpoch = b % (LFC_TEMPO + 1);
            if (inEpoch == 0) {
                miner += EMISSION_PER_EPOCH;
            } else if (inEpoch == 2 && miner > 0) {
                aggregator += miner * 0.9995; // the move pays a small fee
                swept += miner;
                miner = 0;
            } else if (inEpoch == 3 && aggregator > 0) {
                treasury += aggregator;
                transferred += aggregator;
                aggregator = 0;
                sweeps++;
            }
            if (b % 2 == 0) {
                lfc = lfc.withPoint(new StakePoint(b, miner, aggregator, treasury));
            }
        }
        lfc = lfc.withSweepTotals(sweeps, swept, transferred).withWeights(head - head % (LFC_TEMPO + 1), Map.of(0, 0.0, 1, 1.0), head / 100);
        s = s.withLfc(lfc);

        // subnet 123
        List<Miner> miners = List.of(new Miner("baseline", "baseline", BASELINE, 1), new Miner("noisy", "noisy", NOISY, 2),
                new Miner("garbage", "garbage", GARBAGE, 3), new Miner("copycat", "copycat", COPYCAT, 4));
        Mantis m = s.mantis().withNetuid(123).withMiners(miners);
        // each step's payloads as known now: opened once their time-lock round came (3 steps later), pending before
        List<StepPoint> points = new ArrayList<>();
        long collected = 0, decrypted = 0, steps = 0, notV2 = 0, timeout = 0, pendingNow = 0;
        for (long b = 20; b <= head; b += 5) {
            steps++;
            int arrived = b % 35 == 0 ? 2 : 3; // now and then the copycat's upload times out
            Map<String, Integer> rejected = new LinkedHashMap<>();
            rejected.put("NOT_V2", 1);
            notV2++;
            if (arrived == 2) {
                rejected.put("TIMEOUT", 1);
                timeout++;
            }
            collected += arrived;
            boolean open = b <= head - 15;
            if (open) {
                decrypted += arrived;
            } else {
                pendingNow += arrived;
            }
            points.add(new StepPoint(b, open ? arrived : 0, open ? 0 : arrived, rejected, 0));
        }
        // the backlog over time: what had been collected and was not open yet at each step
        List<StepPoint> withBacklog = new ArrayList<>();
        for (StepPoint p : points) {
            long backlog = points.stream().filter(q -> q.block() <= p.block() && q.block() > p.block() - 15)
                    .mapToLong(q -> q.ok() + q.pending()).sum();
            withBacklog.add(new StepPoint(p.block(), p.ok(), p.pending(), p.rejected(), backlog));
        }
        m = m.withSteps(withBacklog);
        long pending = collected - decrypted;
        m = m.withTotals(collected, decrypted, Map.of("NOT_V2", notV2, "TIMEOUT", timeout), pending, steps);
        m = m.withWeights(new Weights(head - head % 10, List.of(new MinerWeight(1, BASELINE, "baseline", 0.46),
                new MinerWeight(2, NOISY, "noisy", 0.21), new MinerWeight(3, GARBAGE, "garbage", 0.0),
                new MinerWeight(4, COPYCAT, "copycat", 0.33))), head / 60);
        Map<String, Map<String, Double>> sal = new LinkedHashMap<>();
        String[] challenges = {"ETH", "ETHHITFIRST", "ETHLBFGS", "BTCLBFGS", "CADUSD", "NZDUSD", "CHFUSD", "XAGUSD"};
        for (int i = 0; i < challenges.length; i++) {
            Map<String, Double> per = new LinkedHashMap<>();
            per.put("baseline", 0.35 + 0.04 * (i % 3));
            per.put("noisy", 0.12 + 0.03 * (i % 4));
            per.put("garbage", 0.0);
            per.put("copycat", 0.28 + 0.02 * (i % 2));
            sal.put(challenges[i], per);
        }
        // the four multi-asset challenges: TRADE-MIX in warm-up burns its pool, the others have no output yet
        sal.put("TRADEMIX", Map.of("__burn__", 1.0));
        List<DemoStatus.ChallengeInfo> all = new ArrayList<>();
        for (io.tao4j.mantis.protocol.Challenge c : io.tao4j.mantis.protocol.Protocol.BCFF57B.challenges()) {
            all.add(new DemoStatus.ChallengeInfo(c.ticker(), c.name(), c.weight()));
        }
        m = m.withScoring(new DemoStatus.Scoring("bcff57b", all, 0.35, 0.4154, 0.4151, 1.0, 0.3, true));
        s = s.withMantis(m.withSalience(head - head % 10, sal));

        for (long b = Math.max(1, head - 60); b <= head; b += 7) {
            s = s.withEvent(String.format("block %d: mantis collected %d payloads, %d pending decryption", b, 3, 9));
            if (b % 3 == 0) {
                s = s.withEvent(String.format("block %d: sweeper moved %.3f alpha to the aggregator and on to the treasury",
                        b, EMISSION_PER_EPOCH * 0.9995));
            }
        }
        return s;
    }
}
