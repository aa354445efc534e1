package io.tao4j.localnet.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubtensorRuntimeTest {
    static final long TAO = TestGenesis.TAO;
    static final AccountId ALICE = id(1), ALICE_OWNER = id(2), BOB = id(3), BOB_VALIDATOR = id(4),
            CHARLIE = id(5), MINER = id(6), AGGREGATOR = id(7), DAVE = id(8), EVE = id(9);

    SubtensorRuntime rt;

    static AccountId id(int n) {
        return TestGenesis.id(n, 0xAA);
    }

    /** Subnet 35 shaped like the localnet genesis for the Liquidity Flow Controller. */
    @BeforeEach
    void genesis() {
        rt = new SubtensorRuntime();
        for (AccountId a : List.of(ALICE, BOB, CHARLIE, DAVE, EVE)) {
            rt.endow(a, 1_000_000 * TAO);
        }
        rt.setStakeThreshold(TAO);
        rt.createSubnet(new Subnet.Params(35, ALICE, ALICE_OWNER, 20, 0, 5, 64, 256, 1, false, true, TAO, TAO, 0));
        assertThat(rt.registerAtGenesis(35, BOB, BOB_VALIDATOR)).isEqualTo(1);
        assertThat(rt.registerAtGenesis(35, CHARLIE, MINER)).isEqualTo(2);
        assertThat(rt.registerAtGenesis(35, CHARLIE, AGGREGATOR)).isEqualTo(3);
        rt.stakeAtGenesis(BOB, BOB_VALIDATOR, 35, 10_000 * TAO);
        rt.refreshPermits();
    }

    void advanceTo(long block) {
        while (rt.block() < block) {
            rt.initializeBlock(rt.block() + 1);
        }
    }

    long nextEpochBlock(Subnet s, long from) {
        long b = from;
        while (!s.isEpochBlock(b)) {
            b++;
        }
        return b;
    }

    @Test
    void epochRunsAtSubtensorsEpochBlockAndSdkFormulaPredictsIt() {
        Subnet s = rt.subnet(35);
        advanceTo(3);
        long next = nextEpochBlock(s, 4);
        // SDK9 get_next_epoch_start_block = block − BlocksSinceLastStep + tempo + 1 once one epoch has run
        advanceTo(next);
        assertThat(rt.subnet(35).blocksSinceLastStep()).isZero();
        assertThat(rt.subnet(35).lastMechanismStepBlock()).isEqualTo(next);
        advanceTo(next + 7);
        Subnet now = rt.subnet(35);
        assertThat(rt.block() - now.blocksSinceLastStep() + now.params().tempo() + 1).isEqualTo(nextEpochBlock(now, next + 1));
        assertThat((next + 35 + 1) % 21).isEqualTo(20);
    }

    @Test
    void liquidityFlowControllerCycleMovesAllMinerEmissionToTheTreasury() {
        rt.initializeBlock(1);
        rt.dispatch(() -> rt.setWeights(BOB_VALIDATOR, 35, List.of(2), List.of(65535), 0));
        long e1 = nextEpochBlock(rt.subnet(35), 2);
        advanceTo(e1);
        Subnet s = rt.subnet(35);
        assertThat(s.incentive().get(2)).isEqualTo(65535);
        assertThat(s.dividends().get(1)).isEqualTo(65535);
        long emitted = s.emission().get(2);
        long pending = (e1) * TAO; // emission per block since genesis, all distributed at the epoch
        assertThat(emitted).isEqualTo(pending * 41 / 100);
        assertThat(rt.stake(CHARLIE, MINER, 35)).isEqualTo(emitted);

        // sweeper: move all alpha miner → aggregator, then transfer it to the treasury coldkey
        rt.dispatch(() -> rt.moveStake(CHARLIE, MINER, AGGREGATOR, 35, 35, rt.stake(CHARLIE, MINER, 35)));
        assertThat(rt.stake(CHARLIE, MINER, 35)).isZero();
        assertThat(rt.stake(CHARLIE, AGGREGATOR, 35)).isEqualTo(emitted);
        rt.dispatch(() -> rt.transferStake(CHARLIE, DAVE, AGGREGATOR, 35, 35, rt.stake(CHARLIE, AGGREGATOR, 35)));
        assertThat(rt.stake(CHARLIE, AGGREGATOR, 35)).isZero();
        assertThat(rt.stake(DAVE, AGGREGATOR, 35)).isEqualTo(emitted);

        // second epoch: the same again, the treasury accumulates exactly what the miner earned
        long e2 = nextEpochBlock(rt.subnet(35), e1 + 1);
        advanceTo(e2);
        long emitted2 = rt.subnet(35).emission().get(2);
        assertThat(emitted2).isEqualTo(21 * TAO * 41 / 100);
        rt.dispatch(() -> rt.moveStake(CHARLIE, MINER, AGGREGATOR, 35, 35, rt.stake(CHARLIE, MINER, 35)));
        rt.dispatch(() -> rt.transferStake(CHARLIE, DAVE, AGGREGATOR, 35, 35, rt.stake(CHARLIE, AGGREGATOR, 35)));
        assertThat(rt.stake(DAVE, AGGREGATOR, 35)).isEqualTo(emitted + emitted2);
        assertThat(rt.stake(CHARLIE, MINER, 35) + rt.stake(CHARLIE, AGGREGATOR, 35)).isZero();
        // owner got its 18 %
        assertThat(rt.stake(ALICE, ALICE_OWNER, 35)).isEqualTo(e1 * TAO * 18 / 100 + 21 * TAO * 18 / 100);
    }

    @Test
    void setWeightsErrorsComeInTheChainsOrder() {
        rt.initializeBlock(1);
        assertThatThrownBy(() -> rt.dispatch(() -> rt.setWeights(EVE, 35, List.of(2), List.of(1), 0)))
                .isInstanceOf(DispatchException.class).hasMessage("SubtensorModule.HotKeyNotRegisteredInSubNet");
        // the miner has no stake: the stake threshold fails before the permit check
        assertThatThrownBy(() -> rt.dispatch(() -> rt.setWeights(MINER, 35, List.of(0), List.of(1), 0)))
                .hasMessage("SubtensorModule.NotEnoughStakeToSetWeights");
        rt.stakeAtGenesis(CHARLIE, MINER, 35, 2 * TAO);
        Subnet.Params p = rt.subnet(35).params();
        assertThat(p.maxAllowedValidators()).isEqualTo(64);
        assertThatThrownBy(() -> rt.dispatch(() -> rt.setWeights(BOB_VALIDATOR, 35, List.of(2, 2), List.of(1, 1), 0)))
                .hasMessage("SubtensorModule.DuplicateUids");
        assertThatThrownBy(() -> rt.dispatch(() -> rt.setWeights(BOB_VALIDATOR, 35, List.of(9), List.of(1), 0)))
                .hasMessage("SubtensorModule.UidVecContainInvalidOne");
        assertThatThrownBy(() -> rt.dispatch(() -> rt.setWeights(BOB_VALIDATOR, 35, List.of(2, 3), List.of(1), 0)))
                .hasMessage("SubtensorModule.WeightVecNotEqualSize");
        rt.dispatch(() -> rt.setWeights(BOB_VALIDATOR, 35, List.of(2), List.of(7), 0));
        assertThat(rt.subnet(35).weights(1)).singleElement().satisfies(e -> assertThat(e).containsExactly(2, 65535));
        assertThatThrownBy(() -> rt.dispatch(() -> rt.setWeights(BOB_VALIDATOR, 35, List.of(2), List.of(7), 0)))
                .hasMessage("SubtensorModule.SettingWeightsTooFast");
        advanceTo(6); // rate limit 5 blocks: accepted again at last + 5
        rt.dispatch(() -> rt.setWeights(BOB_VALIDATOR, 35, List.of(2), List.of(7), 0));
    }

    @Test
    void permitAndVersionKeyAreEnforced() {
        SubtensorRuntime r = new SubtensorRuntime();
        r.endow(BOB, 100 * TAO);
        r.createSubnet(new Subnet.Params(123, ALICE, ALICE_OWNER, 10, 7, 1, 1, 8, 1, false, true, TAO, TAO, 0));
        r.registerAtGenesis(123, BOB, BOB_VALIDATOR);
        r.registerAtGenesis(123, CHARLIE, MINER);
        r.stakeAtGenesis(BOB, BOB_VALIDATOR, 123, 5 * TAO);
        r.stakeAtGenesis(CHARLIE, MINER, 123, TAO);
        r.refreshPermits(); // one validator slot: Bob's hotkey has the most stake
        r.initializeBlock(1);
        assertThat(r.subnet(123).validatorPermit()).containsExactly(false, true, false);
        assertThatThrownBy(() -> r.dispatch(() -> r.setWeights(MINER, 123, List.of(1), List.of(1), 7)))
                .hasMessage("SubtensorModule.NeuronNoValidatorPermit");
        // a single self-weight needs no permit
        r.dispatch(() -> r.setWeights(MINER, 123, List.of(2), List.of(1), 7));
        assertThatThrownBy(() -> r.dispatch(() -> r.setWeights(BOB_VALIDATOR, 123, List.of(2), List.of(1), 6)))
                .hasMessage("SubtensorModule.IncorrectWeightVersionKey");
        r.dispatch(() -> r.setWeights(BOB_VALIDATOR, 123, List.of(2), List.of(1), 8));
    }

    @Test
    void aFailedCallLeavesNoTrace() {
        rt.initializeBlock(1);
        long before = rt.freeBalance(CHARLIE);
        assertThatThrownBy(() -> rt.dispatch(() -> {
            rt.addStake(CHARLIE, MINER, 35, 10 * TAO);
            rt.transferKeepAlive(CHARLIE, DAVE, Long.MAX_VALUE / 2);
        })).isInstanceOf(DispatchException.class).hasMessage("Balances.InsufficientBalance");
        assertThat(rt.freeBalance(CHARLIE)).isEqualTo(before);
        assertThat(rt.stake(CHARLIE, MINER, 35)).isZero();
    }

    @Test
    void stakeRulesFollowSubtensor() {
        rt.initializeBlock(1);
        assertThatThrownBy(() -> rt.dispatch(() -> rt.addStake(CHARLIE, EVE, 35, TAO)))
                .hasMessage("SubtensorModule.HotKeyAccountNotExists");
        assertThatThrownBy(() -> rt.dispatch(() -> rt.addStake(CHARLIE, MINER, 35, 1000)))
                .hasMessage("SubtensorModule.AmountTooLow");
        assertThatThrownBy(() -> rt.dispatch(() -> rt.addStake(CHARLIE, MINER, 99, TAO)))
                .hasMessage("SubtensorModule.SubnetNotExists");
        rt.dispatch(() -> rt.addStake(CHARLIE, MINER, 35, 10 * TAO));
        assertThat(rt.freeBalance(CHARLIE)).isEqualTo(1_000_000 * TAO - 10 * TAO);
        assertThatThrownBy(() -> rt.dispatch(() -> rt.moveStake(CHARLIE, MINER, AGGREGATOR, 35, 35, 10 * TAO + 1)))
                .hasMessage("SubtensorModule.NotEnoughStakeToWithdraw");
        assertThatThrownBy(() -> rt.dispatch(() -> rt.moveStake(CHARLIE, MINER, MINER, 35, 35, TAO)))
                .hasMessage("SubtensorModule.SameNetuid");
        rt.dispatch(() -> rt.removeStake(CHARLIE, MINER, 35, 4 * TAO));
        assertThat(rt.stake(CHARLIE, MINER, 35)).isEqualTo(6 * TAO);
        assertThat(rt.freeBalance(CHARLIE)).isEqualTo(1_000_000 * TAO - 6 * TAO);
    }

    @Test
    void transferRespectsTheSubnetsTransferToggle() {
        SubtensorRuntime r = new SubtensorRuntime();
        r.createSubnet(new Subnet.Params(7, ALICE, ALICE_OWNER, 10, 0, 1, 8, 8, 1, false, false, TAO, TAO, 0));
        r.registerAtGenesis(7, CHARLIE, MINER);
        r.stakeAtGenesis(CHARLIE, MINER, 7, 5 * TAO);
        r.initializeBlock(1);
        assertThatThrownBy(() -> r.dispatch(() -> r.transferStake(CHARLIE, DAVE, MINER, 7, 7, TAO)))
                .hasMessage("SubtensorModule.TransferDisallowed");
    }

    @Test
    void sharePoolGivesEmissionProRataAndNeverMintsOnRounding() {
        SharePool p = new SharePool();
        p.add(BOB, 3 * TAO);
        p.add(DAVE, TAO);
        p.emit(4 * TAO);
        assertThat(p.value(BOB)).isEqualTo(6 * TAO);
        assertThat(p.value(DAVE)).isEqualTo(2 * TAO);
        p.add(EVE, 1);
        p.remove(BOB, 1_234_567_891L);
        assertThat(p.value(BOB) + p.value(DAVE) + p.value(EVE)).isLessThanOrEqualTo(p.totalAlpha());
        p.remove(BOB, p.value(BOB));
        assertThat(p.value(BOB)).isZero();
        assertThat(p.sharesBits(BOB)).isZero();
        assertThatThrownBy(() -> p.remove(DAVE, p.value(DAVE) + 1)).hasMessage("SubtensorModule.NotEnoughStakeToWithdraw");
    }

    @Test
    void commitmentsNeedRegistrationAndRespectTheSpaceLimitPerEpoch() {
        rt.initializeBlock(1);
        byte[] url = "http://127.0.0.1:9000/5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty".getBytes();
        assertThatThrownBy(() -> rt.dispatch(() -> rt.setCommitment(EVE, 35, List.of(SubtensorRuntime.CommitmentField.raw(url)))))
                .hasMessage("Commitments.AccountNotAllowedCommit");
        List<SubtensorRuntime.CommitmentField> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(SubtensorRuntime.CommitmentField.raw(new byte[]{1}));
        }
        assertThatThrownBy(() -> rt.dispatch(() -> rt.setCommitment(MINER, 35, four)))
                .hasMessage("Commitments.TooManyFieldsInCommitmentInfo");
        for (int i = 0; i < 31; i++) { // 31 × 100 bytes = MaxSpace 3100
            rt.dispatch(() -> rt.setCommitment(MINER, 35, List.of(SubtensorRuntime.CommitmentField.raw(url))));
        }
        assertThatThrownBy(() -> rt.dispatch(() -> rt.setCommitment(MINER, 35, List.of(SubtensorRuntime.CommitmentField.raw(url)))))
                .hasMessage("Commitments.SpaceLimitExceeded");
        assertThat(rt.commitment(35, MINER)).get().satisfies(c -> {
            assertThat(c.block()).isEqualTo(1);
            assertThat(c.fields().get(0).tag()).isEqualTo(url.length + 1);
        });
        advanceTo(nextEpochBlock(rt.subnet(35), 2) + 1); // a new epoch index frees the space
        rt.dispatch(() -> rt.setCommitment(MINER, 35, List.of(SubtensorRuntime.CommitmentField.raw(url))));
        assertThat(rt.commitments(35)).containsOnlyKeys(MINER);
    }

    @Test
    void registrationBurnsAndPrunesTheWeakestWhenFull() {
        SubtensorRuntime r = new SubtensorRuntime();
        r.endow(EVE, 100 * TAO);
        r.createSubnet(new Subnet.Params(2, ALICE, ALICE_OWNER, 10, 0, 1, 8, 3, 1, false, true, TAO, TAO, 0));
        r.initializeBlock(1);
        r.dispatch(() -> r.burnedRegister(EVE, 2, id(40)));
        r.dispatch(() -> r.burnedRegister(EVE, 2, id(41)));
        assertThat(r.freeBalance(EVE)).isEqualTo(98 * TAO);
        assertThatThrownBy(() -> r.dispatch(() -> r.burnedRegister(EVE, 2, id(41))))
                .hasMessage("SubtensorModule.HotKeyAlreadyRegisteredInSubNet");
        assertThatThrownBy(() -> r.dispatch(() -> r.burnedRegister(DAVE, 2, id(42))))
                .hasMessage("SubtensorModule.NotEnoughBalanceToStake");
        r.dispatch(() -> r.burnedRegister(EVE, 2, id(42))); // full: uid 1 (lowest emission, not the owner) is replaced
        assertThat(r.subnet(2).keys()).containsExactly(ALICE_OWNER, id(42), id(41));
        assertThat(r.ownedHotkeys(EVE)).containsExactly(id(40), id(41), id(42));
        assertThatThrownBy(() -> r.dispatch(() -> r.burnedRegister(BOB, 2, id(40))))
                .hasMessage("SubtensorModule.NonAssociatedColdKey");
    }

    /** Every error the runtime raises is a real variant of that pallet's Error enum in spec 393. */
    @Test
    void everyErrorNameExistsInRealSubtensorMetadata() throws Exception {
        JsonNode summary = new ObjectMapper().readTree(Path.of(System.getProperty("tao4j.shared"),
                "fixtures", "vectors", "subtensor_metadata_summary.json").toFile()).get("cortexlm-v16").get("errors");
        Set<String> known = new HashSet<>();
        summary.fields().forEachRemaining(e -> e.getValue().forEach(v -> known.add(e.getKey() + "." + v.get(1).asText())));
        known.add("Balances.InsufficientBalance"); // Balances errors are listed too; keep explicit for clarity
        // and every pallet's errors of the spec-393 metadata the node serves (Drand, AdminUtils, …)
        io.tao4j.scale.metadata.Metadata m393 = io.tao4j.localnet.node.NodeMetadata.load().model();
        m393.pallets().forEach(p -> m393.errors(p.name()).forEach(v -> known.add(p.name() + "." + v.name())));
        // the runtime and its pallets: every source file of the package
        StringBuilder sources = new StringBuilder();
        try (var files = Files.list(Path.of("src/main/java/io/tao4j/localnet/runtime"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                sources.append(Files.readString(f));
            }
        }
        String src = sources.toString();
        Set<String> used = new HashSet<>();
        Matcher m = Pattern.compile("subtensor\\(\"(\\w+)\"\\)").matcher(src);
        while (m.find()) {
            used.add("SubtensorModule." + m.group(1));
        }
        m = Pattern.compile("new DispatchException\\(\"(\\w+)\", \"(\\w+)\"\\)").matcher(src);
        while (m.find()) {
            used.add(m.group(1) + "." + m.group(2));
        }
        assertThat(used).hasSizeGreaterThan(20);
        assertThat(known).containsAll(used);
    }
}
