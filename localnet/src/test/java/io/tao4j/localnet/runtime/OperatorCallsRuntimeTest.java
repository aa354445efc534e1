package io.tao4j.localnet.runtime;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calls the operator commands need: transfers that may reap, transfer_all, limit staking, hash commit-reveal. */
class OperatorCallsRuntimeTest {
    static final long TAO = TestGenesis.TAO;
    static final AccountId ALICE = SubtensorRuntimeTest.id(1), ALICE_OWNER = SubtensorRuntimeTest.id(2),
            BOB = SubtensorRuntimeTest.id(3), BOB_VALIDATOR = SubtensorRuntimeTest.id(4), CHARLIE = SubtensorRuntimeTest.id(5),
            MINER = SubtensorRuntimeTest.id(6), NEW = SubtensorRuntimeTest.id(20);

    SubtensorRuntime rt;

    @BeforeEach
    void genesis() {
        rt = new SubtensorRuntime();
        for (AccountId a : List.of(ALICE, BOB, CHARLIE)) {
            rt.endow(a, 1_000_000 * TAO);
        }
        rt.setStakeThreshold(TAO);
        TestGenesis.validatorAndMiner(rt, new Subnet.Params(35, ALICE, ALICE_OWNER, 20, 0, 5, 64, 256, 1, false, true, TAO, TAO, 0),
                BOB, BOB_VALIDATOR, CHARLIE, MINER, 10_000 * TAO);
        rt.initializeBlock(1);
    }

    static void fails(Runnable call, String error) {
        assertThatThrownBy(call::run).isInstanceOf(DispatchException.class).hasMessageContaining(error);
    }

    @Test
    void transferAllowDeathReapsTheSenderAndKeepAliveRefuses() {
        rt.dispatch(() -> rt.transferKeepAlive(ALICE, NEW, 1000));
        fails(() -> rt.dispatch(() -> rt.transferKeepAlive(NEW, ALICE, 700)), "Expendability");
        long issuance = rt.totalIssuance();
        rt.dispatch(() -> rt.transferAllowDeath(NEW, ALICE, 700)); // leaves 300 < ED 500: reaped, dust burnt
        assertThat(rt.freeBalance(NEW)).isZero();
        assertThat(rt.totalIssuance()).isEqualTo(issuance - 300);
        fails(() -> rt.dispatch(() -> rt.transferAllowDeath(BOB, NEW, 100)), "ExistentialDeposit");
        fails(() -> rt.dispatch(() -> rt.transferAllowDeath(NEW, BOB, 1)), "InsufficientBalance");
    }

    @Test
    void transferAllKeepsTheExistentialDepositOnlyWhenAsked() {
        rt.dispatch(() -> rt.transferKeepAlive(ALICE, NEW, 10 * TAO));
        rt.dispatch(() -> rt.transferAll(NEW, CHARLIE, true));
        assertThat(rt.freeBalance(NEW)).isEqualTo(SubtensorRuntime.EXISTENTIAL_DEPOSIT);
        rt.dispatch(() -> rt.transferAll(NEW, CHARLIE, false));
        assertThat(rt.freeBalance(NEW)).isZero();
        assertThat(rt.freeBalance(CHARLIE)).isEqualTo(1_000_010 * TAO);
    }

    @Test
    void limitStakingGatesOnThePrice() {
        fails(() -> rt.dispatch(() -> rt.addStakeLimit(BOB, BOB_VALIDATOR, 35, TAO, TAO - 1, false)), "ZeroMaxStakeAmount");
        rt.dispatch(() -> rt.addStakeLimit(BOB, BOB_VALIDATOR, 35, TAO, TAO + TAO / 200, false));
        assertThat(rt.stake(BOB, BOB_VALIDATOR, 35)).isEqualTo(10_001 * TAO);
        fails(() -> rt.dispatch(() -> rt.removeStakeLimit(BOB, BOB_VALIDATOR, 35, TAO, TAO + 1, false)), "ZeroMaxStakeAmount");
        rt.dispatch(() -> rt.removeStakeLimit(BOB, BOB_VALIDATOR, 35, 2 * TAO, TAO - TAO / 200, false));
        assertThat(rt.stake(BOB, BOB_VALIDATOR, 35)).isEqualTo(9_999 * TAO);
        fails(() -> rt.dispatch(() -> rt.addStakeLimit(CHARLIE, BOB_VALIDATOR, 35, 2_000_000 * TAO, 2 * TAO, false)),
                "NotEnoughBalanceToStake");
    }

    @Test
    void hashCommitRevealFollowsTheEpochWindowAndTheHash() {
        List<Integer> uids = List.of(1);
        List<Integer> vals = List.of(65535);
        List<Integer> salt = List.of(1, 2, 3);
        byte[] hash = HashCommitPallet.hash(BOB_VALIDATOR, 35, uids, vals, salt, 0);
        fails(() -> rt.dispatch(() -> rt.commitWeights(BOB_VALIDATOR, 35, hash)), "CommitRevealDisabled");
        rt.dispatch(() -> rt.sudoSetCommitRevealWeightsEnabled(ALICE, 35, true));
        fails(() -> rt.dispatch(() -> rt.revealWeights(BOB_VALIDATOR, 35, uids, vals, salt, 0)), "NoWeightsCommitFound");
        fails(() -> rt.dispatch(() -> rt.commitWeights(SubtensorRuntimeTest.id(30), 35, hash)), "HotKeyNotRegisteredInSubNet");
        rt.dispatch(() -> rt.commitWeights(BOB_VALIDATOR, 35, hash));
        assertThat(rt.weightCommits()).hasSize(1);
        rt.initializeBlock(rt.block() + 1);
        fails(() -> rt.dispatch(() -> rt.commitWeights(BOB_VALIDATOR, 35, hash)), "CommittingWeightsTooFast");
        fails(() -> rt.dispatch(() -> rt.revealWeights(BOB_VALIDATOR, 35, uids, vals, salt, 0)), "RevealTooEarly");
        Subnet s = rt.subnet(35);
        long epoch = s.epochIndex(rt.block());
        while (s.epochIndex(rt.block()) == epoch) {
            rt.initializeBlock(rt.block() + 1);
        }
        fails(() -> rt.dispatch(() -> rt.revealWeights(BOB_VALIDATOR, 35, uids, vals, List.of(9), 0)),
                "InvalidRevealCommitHashNotMatch");
        rt.dispatch(() -> rt.revealWeights(BOB_VALIDATOR, 35, uids, vals, salt, 0));
        assertThat(rt.subnet(35).weights(1)).satisfiesExactly(w -> assertThat(w).containsExactly(1, 65535));
        assertThat(rt.weightCommits()).isEmpty();
    }

    @Test
    void theCommitHashHasTheSdkLayout() { // vector computed with Python hashlib/struct (also in chain's WeightCommitHashTest)
        AccountId alice = new AccountId(io.tao4j.crypto.Hex.decode("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"));
        byte[] h = HashCommitPallet.hash(alice, 1, List.of(1, 2), List.of(65535, 32768), List.of(1, 2, 3, 4, 5, 6, 7, 8), 843000);
        assertThat(io.tao4j.crypto.Hex.encode(h)).isEqualTo("d20868ffb7a9caa253af01cf53c589ce53880acaf838519483a5fc05f7ee479f");
    }

    @Test
    void anUnrevealedCommitExpiresAfterItsEpoch() {
        rt.dispatch(() -> rt.sudoSetCommitRevealWeightsEnabled(ALICE, 35, true));
        byte[] hash = HashCommitPallet.hash(BOB_VALIDATOR, 35, List.of(1), List.of(1), List.of(1), 0);
        rt.dispatch(() -> rt.commitWeights(BOB_VALIDATOR, 35, hash));
        Subnet s = rt.subnet(35);
        long epoch = s.epochIndex(rt.block());
        while (s.epochIndex(rt.block()) < epoch + 2) {
            rt.initializeBlock(rt.block() + 1);
        }
        fails(() -> rt.dispatch(() -> rt.revealWeights(BOB_VALIDATOR, 35, List.of(1), List.of(1), List.of(1), 0)),
                "ExpiredWeightCommit");
    }
}
