package io.tao4j.lfc;

import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.localnet.Localnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The validator's and sweeper's failure paths against the localnet's real Subtensor answers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ValidatorFailurePathsTest {
    static final int NETUID = 35;
    static Localnet net;
    static WsRpcClient ws;
    static Subtensor chain;
    static ExecutorService pool = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void start() throws Exception {
        net = Localnet.start(Localnet.Config.defaults().fast().forTests());
        ws = WsRpcClient.connect(net.rpcUrl());
        chain = Subtensor.of(OnlineClient.connect(ws)).withTimeout(Duration.ofSeconds(20));
        for (int i = 0; i < 3; i++) {
            net.produceBlock();
        }
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        ws.close();
        net.close();
    }

    static LfcWeightValidator loop(String hotkeyUri, Integer target) {
        return new LfcWeightValidator(chain, Sr25519KeyPair.fromUri(hotkeyUri),
                new LfcWeightValidator.Config(NETUID, target, 10, Duration.ofSeconds(10), Duration.ofMillis(20), false), null, null);
    }

    /** Runs a step on another thread while producing blocks, so that submissions are included and finalized. */
    static LfcWeightValidator.Step stepWithBlocks(LfcWeightValidator v) throws Exception {
        return WithBlocks.run(net, pool, v::step);
    }

    @Test
    void unregisteredHotkeyRetriesInTenSecondsAndAlertsOnce() throws Exception {
        Webhook hook = new Webhook();
        List<String> bodies = hook.bodies;
        try (SlackNotifier slack = new SlackNotifier(SlackNotifier.Role.VALIDATOR, "x",
                hook.url(), null, java.time.Clock.systemUTC())) {
            LfcWeightValidator v = new LfcWeightValidator(chain, Sr25519KeyPair.fromUri("//Ferdie//nobody"),
                    new LfcWeightValidator.Config(NETUID, 2, 10, Duration.ofSeconds(10), Duration.ofMillis(20), false), slack, null);
            LfcWeightValidator.Step s = v.step();
            assertThat(s.kind()).isEqualTo(LfcWeightValidator.Kind.NOT_REGISTERED);
            assertThat(s.waitTime()).isEqualTo(Duration.ofSeconds(10));
            assertThat(v.step().kind()).isEqualTo(LfcWeightValidator.Kind.NOT_REGISTERED);
            assertThat(bodies).hasSize(1);
            assertThat(bodies.get(0)).contains("is not registered on subnet 35").contains("#ff9900");
            assertThat(slack.dailySummaryPayload().toString()).contains("Registration Failures\",\"value\":\"2\"");
        } finally {
            hook.close();
        }
    }

    @Test
    void hotkeyWithoutPermitSleepsUntilTheNextEpoch() {
        // //Charlie//miner is registered (UID 2) without stake, hence without a validator permit
        LfcWeightValidator.Step s = loop("//Charlie//miner", 2).step();
        assertThat(s.kind()).isEqualTo(LfcWeightValidator.Kind.NO_PERMIT);
        long since = chain.blocksSinceLastStep(NETUID, null);
        assertThat(s.waitTime()).isNull();
        assertThat(s.waitBlocks()).isEqualTo(20 - since + 1);
    }

    @Test
    void targetThatIsNotOnTheSubnetIsRefusedBeforeSubmitting() {
        LfcWeightValidator.Step s = loop("//Bob//validator", 99).step();
        assertThat(s.kind()).isEqualTo(LfcWeightValidator.Kind.TARGET_MISSING);
        assertThat(s.message()).contains("target UID 99 does not exist on subnet 35 (it has 4 UIDs)");
    }

    @Test
    void autoTargetIsTheSubnetOwnersUid() {
        LfcWeightValidator v = new LfcWeightValidator(chain, Sr25519KeyPair.fromUri("//Bob//validator"),
                new LfcWeightValidator.Config(NETUID, null, 10, Duration.ofSeconds(10), Duration.ofMillis(20), true), null, null);
        assertThat(v.resolveTarget()).isEqualTo(0);
        LfcWeightValidator.Step s = v.step();
        assertThat(s.kind()).isEqualTo(LfcWeightValidator.Kind.DRY_RUN);
        assertThat(s.targetUid()).isZero();
        assertThat(s.waitBlocks()).isEqualTo(10);
    }

    @Test
    void tooFastWeightsAreBenignAndWaitTheInterval() throws Exception {
        LfcWeightValidator v = loop("//Bob//validator", 2);
        for (int i = 0; i < 6; i++) {
            net.produceBlock(); // past the rate limit of 5 blocks
        }
        LfcWeightValidator.Step first = stepWithBlocks(v);
        assertThat(first.kind()).isEqualTo(LfcWeightValidator.Kind.WEIGHTS_SET);
        assertThat(first.waitBlocks()).isEqualTo(10);
        LfcWeightValidator.Step again = v.step();
        assertThat(again.kind()).isEqualTo(LfcWeightValidator.Kind.FAILED);
        assertThat(again.failure()).isEqualTo(FailureType.BENIGN);
        assertThat(again.message()).contains("too soon");
        assertThat(again.waitTime()).isNull();
        assertThat(again.waitBlocks()).isEqualTo(10);

        // past the SDK's client-side gate the chain itself refuses: pool rejection 1010 "Custom error: 6"
        OnlineClient c = chain.client();
        byte[] call = chain.setWeightsCall(NETUID, io.tao4j.chain.subtensor.WeightConversion.convert(new int[]{2}, new double[]{1.0}), 0);
        io.tao4j.chain.tx.TxOutcome out = c.submit(c.sign(call, Sr25519KeyPair.fromUri("//Bob//validator")),
                OnlineClient.WaitFor.IN_BLOCK, Duration.ofSeconds(5));
        assertThat(out).isInstanceOf(io.tao4j.chain.tx.TxOutcome.Rejected.class);
        var rejected = new io.tao4j.chain.subtensor.SetWeightsResult(false,
                io.tao4j.chain.subtensor.SetWeightsResult.Status.REJECTED, out.message(), out);
        assertThat(FailureClassifier.classify(rejected)).isEqualTo(FailureType.BENIGN);
        // the reference's text rule alone would call this critical ("invalid transaction")
        assertThat(FailureClassifier.classify(FailureClassifier.describe(rejected))).isEqualTo(FailureType.CRITICAL);
    }

    @Test
    void sweeperRefusesAnAggregatorOwnedByAnotherColdkey() {
        Sweeper s = new Sweeper(chain, Sr25519KeyPair.fromUri("//Charlie"), new Sweeper.Config(NETUID,
                Sr25519KeyPair.fromUri("//Charlie//miner").ss58(), Sr25519KeyPair.fromUri("//Bob//validator").ss58(),
                Sr25519KeyPair.fromUri("//Dave").ss58(), false, false, Duration.ofSeconds(1)), null, null);
        List<String> owned = s.ownedHotkeys();
        assertThatThrownBy(() -> s.requireAggregatorOwned(owned)).isInstanceOf(LfcException.class)
                .hasMessageContaining("aggregator hotkey " + Sr25519KeyPair.fromUri("//Bob//validator").ss58()
                        + " is not owned by this wallet's coldkey " + Sr25519KeyPair.fromUri("//Charlie").ss58());
    }

    @Test
    void dryRunSweeperSubmitsNothing() throws Exception {
        Sr25519KeyPair charlie = Sr25519KeyPair.fromUri("//Charlie");
        String miner = Sr25519KeyPair.fromUri("//Charlie//miner").ss58();
        // give the miner hotkey some stake of its own coldkey
        assertThat(WithBlocks.run(net, pool, () -> chain.addStake(charlie, miner, NETUID, 2_000_000_000L,
                OnlineClient.WaitFor.IN_BLOCK)).isSuccess()).isTrue();
        long before = chain.stake(charlie.ss58(), miner, NETUID, null).stake();
        assertThat(before).isPositive();
        Sweeper s = new Sweeper(chain, charlie, new Sweeper.Config(NETUID, miner,
                Sr25519KeyPair.fromUri("//Charlie//aggregator").ss58(), Sr25519KeyPair.fromUri("//Dave").ss58(), false, true,
                Duration.ofSeconds(1)), null, null);
        ch.qos.logback.classic.Logger sweeperLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Sweeper.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        sweeperLog.addAppender(lines);
        Sweeper.Result r;
        try {
            r = s.sweepToAggregator();
        } finally {
            sweeperLog.detachAppender(lines);
        }
        assertThat(r.attempted()).isFalse();
        assertThat(r.amount()).isEqualTo(before);
        assertThat(r.detail()).contains("dry run");
        assertThat(lines.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.startsWith("Dry run: would move " + SweepPlanner.alpha(before)))
                .noneMatch(m -> m.startsWith("Moving "));
        assertThat(chain.stake(charlie.ss58(), miner, NETUID, null).stake()).isEqualTo(before);
    }

    static io.tao4j.chain.subtensor.SetWeightsResult rejected(int code, String msg, String data, Integer custom) {
        var out = new io.tao4j.chain.tx.TxOutcome.Rejected("0x00", code, msg, data, custom, null);
        return new io.tao4j.chain.subtensor.SetWeightsResult(false, io.tao4j.chain.subtensor.SetWeightsResult.Status.REJECTED,
                out.message(), out);
    }

    /** A validator whose submissions get the scripted answers in turn (a RuntimeException is thrown). */
    static LfcWeightValidator scripted(List<Object> answers, List<Integer> calls) {
        return new LfcWeightValidator(chain, Sr25519KeyPair.fromUri("//Bob//validator"),
                new LfcWeightValidator.Config(NETUID, 2, 10, Duration.ofSeconds(10), Duration.ofMillis(5), false), null, null,
                ChainHealth.DEFAULT_THRESHOLD, (hk, n, uids, w, vk, wf) -> {
                    calls.add(uids[0]);
                    Object a = answers.get(Math.min(calls.size() - 1, answers.size() - 1));
                    if (a instanceof RuntimeException e) {
                        throw e;
                    }
                    return (io.tao4j.chain.subtensor.SetWeightsResult) a;
                });
    }

    static final io.tao4j.chain.subtensor.SetWeightsResult OK = new io.tao4j.chain.subtensor.SetWeightsResult(true,
            io.tao4j.chain.subtensor.SetWeightsResult.Status.SUCCESS, "Successfully set weights and Finalized.", null);

    @Test
    void transientPoolErrorsAreRetriedWithinOneStep() {
        List<Integer> calls = new java.util.ArrayList<>();
        LfcWeightValidator v = scripted(List.of(
                rejected(1014, "Priority is too low", "Priority is too low: (0 vs 0)", null),
                rejected(1012, "Transaction is temporarily banned", null, null),
                rejected(1010, "Invalid Transaction", "Transaction is outdated", null),
                new io.tao4j.chain.rpc.RpcTimeoutException("author_submitAndWatchExtrinsic: no response within 30 s"),
                OK), calls);
        LfcWeightValidator.Step s = v.step();
        assertThat(s.kind()).isEqualTo(LfcWeightValidator.Kind.WEIGHTS_SET);
        assertThat(calls).containsExactly(2, 2, 2, 2, 2);
    }

    @Test
    void retriesStopAfterFiveTries() {
        List<Integer> calls = new java.util.ArrayList<>();
        LfcWeightValidator.Step s = scripted(List.of(rejected(1014, "Priority is too low", null, null)), calls).step();
        assertThat(calls).hasSize(LfcWeightValidator.MAX_ATTEMPTS);
        assertThat(s.kind()).isEqualTo(LfcWeightValidator.Kind.FAILED);
        assertThat(s.message()).contains("Priority is too low");
    }

    @Test
    void aRateLimitRejectionIsRetriedUntilTheGateSaysTooSoon() {
        List<Integer> calls = new java.util.ArrayList<>();
        LfcWeightValidator.Step s = scripted(List.of(rejected(1010, "Invalid Transaction", "Custom error: 6", 6),
                new io.tao4j.chain.subtensor.SetWeightsResult(false, io.tao4j.chain.subtensor.SetWeightsResult.Status.TOO_SOON,
                        "No attempt made. Perhaps it is too soon to commit weights!", null)), calls).step();
        assertThat(calls).hasSize(2);
        assertThat(s.failure()).isEqualTo(FailureType.BENIGN);
        assertThat(s.waitBlocks()).isEqualTo(10);
    }

    @Test
    void dispatchErrorsAndOtherRejectionsAreNotRetried() {
        List<Integer> calls = new java.util.ArrayList<>();
        LfcWeightValidator.Step s = scripted(List.of(rejected(1010, "Invalid Transaction", "Custom error: 1", 1)), calls).step();
        assertThat(calls).hasSize(1);
        assertThat(s.kind()).isEqualTo(LfcWeightValidator.Kind.FAILED);
        calls.clear();
        LfcWeightValidator.Step e = scripted(List.of(new IllegalStateException("boom")), calls).step();
        assertThat(calls).hasSize(LfcWeightValidator.MAX_ATTEMPTS);
        assertThat(e.kind()).isEqualTo(LfcWeightValidator.Kind.ERROR);
    }

    @Test
    void amountsUnderTheChainsMinimumStakeMoveAreSkipped() throws Exception {
        Sr25519KeyPair ferdie = Sr25519KeyPair.fromUri("//Ferdie");
        String miner = Sr25519KeyPair.fromUri("//Charlie//miner").ss58();
        String aggregator = Sr25519KeyPair.fromUri("//Charlie//aggregator").ss58();
        for (String hotkey : List.of(miner, aggregator)) {
            assertThat(WithBlocks.run(net, pool, () -> chain.addStake(ferdie, hotkey, NETUID, 1_000_000L,
                    OnlineClient.WaitFor.IN_BLOCK)).isSuccess()).isTrue();
        }
        long onMiner = chain.stake(ferdie.ss58(), miner, NETUID, null).stake();
        long onAggregator = chain.stake(ferdie.ss58(), aggregator, NETUID, null).stake();
        assertThat(onMiner).isPositive().isLessThan(Sweeper.DEFAULT_MIN_STAKE_RAO);
        Sweeper s = new Sweeper(chain, ferdie, new Sweeper.Config(NETUID, miner, aggregator, Sr25519KeyPair.fromUri("//Dave").ss58(),
                false, false, Duration.ofSeconds(1)), null, null);
        // spec-393 metadata has no InitialMinStake constant: Subtensor's DefaultMinStake
        assertThat(s.minStakeRao()).isEqualTo(2_000_000L);
        Sweeper.Result sweep = s.sweepToAggregator();
        assertThat(sweep.attempted()).isFalse();
        assertThat(sweep.detail()).contains("below the chain's minimum stake movement of 0.002000000 α");
        Sweeper.Result transfer = s.transferAggregated();
        assertThat(transfer.attempted()).isFalse();
        assertThat(transfer.detail()).contains("below the chain's minimum");
        assertThat(chain.stake(ferdie.ss58(), miner, NETUID, null).stake()).isEqualTo(onMiner);
        assertThat(chain.stake(ferdie.ss58(), aggregator, NETUID, null).stake()).isEqualTo(onAggregator);
    }
}
