package io.tao4j.localnet.runtime;

import io.tao4j.chain.subtensor.TimelockedWeights;
import io.tao4j.drand.ChainInfo;
import io.tao4j.localnet.beacon.LocalBeacon;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Timelocked commit-reveal in the runtime, driven block by block: commits are encrypted by the chain module's
 * {@link TimelockedWeights} (the SDK's layout) to the local beacon, and the runtime decrypts them with the pulse.
 */
class TimelockedCommitsTest {
    static final long TAO = TestGenesis.TAO;
    static final AccountId ALICE = id(1), ALICE_OWNER = id(2), BOB = id(3), VALIDATOR = id(4), CHARLIE = id(5),
            MINER = id(6), STRANGER = id(7);
    static final LocalBeacon BEACON = new LocalBeacon("timelock-test", 0, 3, "quicknet");
    static final ChainInfo CHAIN = new ChainInfo("quicknet", BEACON.publicKey(), 3, 0, BEACON.genesisSeed(),
            BEACON.chainHash(), LocalBeacon.SCHEME);
    final SecureRandom random = new SecureRandom();
    final SubtensorRuntime rt = new SubtensorRuntime();

    static AccountId id(int n) {
        return TestGenesis.id(n, 0x5C);
    }

    @BeforeEach
    void genesis() {
        rt.setBeaconPublicKey(BEACON.publicKey());
        rt.endow(ALICE, 1_000_000 * TAO);
        TestGenesis.validatorAndMiner(rt, new Subnet.Params(35, ALICE, ALICE_OWNER, 20, 0, 5, 64, 256, 1, true, true, TAO, TAO, 0),
                BOB, VALIDATOR, CHARLIE, MINER, 10_000 * TAO);
        assertThat(rt.registration().subnet(35).uidOf(MINER)).isEqualTo(2);
        rt.createSubnet(new Subnet.Params(36, ALICE, ALICE_OWNER, 20, 0, 0, 64, 256, 1, false, true, TAO, TAO, 0));
        rt.registerAtGenesis(36, BOB, VALIDATOR);
        rt.refreshPermits();
    }

    void block() {
        rt.initializeBlock(rt.block() + 1);
    }

    byte[] commit(AccountId hotkey, long round, int[] uids, int[] values) {
        return TimelockedWeights.encrypt(TimelockedWeights.payload(hotkey.bytes(), uids, values, 0), round, random, CHAIN);
    }

    void pulse(long round) {
        rt.dispatch(() -> rt.writePulses(List.of(DrandPallet.pulseOf(round, BEACON.signature(round)))));
    }

    @Test
    void aCommitIsRevealedInTheNextEpochOnceItsPulseIsStored() {
        Subnet s = rt.subnet(35);
        while (rt.block() < 10) {
            block();
        }
        long epoch = s.epochIndex(rt.block());
        List<RuntimeEvent> ev = rt.dispatch(() -> rt.commitTimelockedWeights(VALIDATOR, 35, 0,
                commit(VALIDATOR, 500, new int[]{2}, new int[]{65535}), 500, 4));
        assertThat(ev).singleElement().satisfies(e -> {
            assertThat(e.variant()).isEqualTo("TimelockedWeightsCommitted");
            assertThat(e.fields()).hasSize(4).element(1).isEqualTo(35);
            assertThat(e.fields().get(3)).isEqualTo(500L);
        });
        assertThat(rt.subnet(35).lastUpdate().get(1)).isEqualTo(10);
        Map<Long, List<SubtensorRuntime.TimelockedCommit>> stored = rt.timelockedCommits().get(35);
        assertThat(stored).containsOnlyKeys(epoch);
        // the reveal epoch starts; no pulse yet → the commit waits
        while (s.epochIndex(rt.block() + 1) == epoch) {
            block();
        }
        block();
        assertThat(rt.subnet(35).weights(1)).isEmpty();
        assertThat(rt.timelockedCommits().get(35)).containsOnlyKeys(epoch);
        pulse(500);
        List<RuntimeEvent> reveal = rt.initializeBlock(rt.block() + 1);
        assertThat(reveal).extracting(RuntimeEvent::variant).contains("WeightsSet", "TimelockedWeightsRevealed");
        assertThat(rt.subnet(35).weights(1)).singleElement().satisfies(w -> assertThat(w).containsExactly(2, 65535));
        assertThat(rt.timelockedCommits()).doesNotContainKey(35);
        assertThat(rt.subnet(35).lastUpdate().get(1)).isEqualTo(10); // the reveal does not touch LastUpdate
    }

    @Test
    void commitsWhosePulseNeverArrivesExpireAfterTheRevealEpoch() {
        Subnet s = rt.subnet(35);
        rt.dispatch(() -> rt.commitTimelockedWeights(VALIDATOR, 35, 0, commit(VALIDATOR, 900, new int[]{2}, new int[]{1}), 900, 4));
        long epoch = s.epochIndex(rt.block());
        while (s.epochIndex(rt.block()) <= epoch + 1) {
            block();
        }
        assertThat(rt.timelockedCommits()).doesNotContainKey(35);
        assertThat(rt.subnet(35).weights(1)).isEmpty();
    }

    @Test
    void undecryptableAndForeignCommitsAreDropped() {
        pulse(100);
        rt.dispatch(() -> rt.commitTimelockedWeights(VALIDATOR, 35, 0, new byte[]{1, 2, 3}, 100, 4));
        for (int i = 0; i < 5; i++) {
            block();
        }
        // garbage above cannot be decrypted; this one decrypts but its payload names another hotkey
        rt.dispatch(() -> rt.commitTimelockedWeights(VALIDATOR, 35, 0, commit(STRANGER, 100, new int[]{2}, new int[]{9}), 100, 4));
        long epoch = rt.subnet(35).epochIndex(rt.block());
        while (rt.subnet(35).epochIndex(rt.block()) <= epoch + 1) {
            block();
        }
        assertThat(rt.timelockedCommits()).doesNotContainKey(35);
        assertThat(rt.subnet(35).weights(1)).isEmpty();
    }

    @Test
    void refusalsInTheChainsOrder() {
        byte[] c = commit(VALIDATOR, 100, new int[]{2}, new int[]{1});
        assertThatThrownBy(() -> rt.dispatch(() -> rt.commitTimelockedWeights(VALIDATOR, 99, 0, c, 100, 4)))
                .hasMessage("SubtensorModule.SubnetNotExists");
        assertThatThrownBy(() -> rt.dispatch(() -> rt.commitTimelockedWeights(VALIDATOR, 35, 1, c, 100, 4)))
                .hasMessage("SubtensorModule.MechanismDoesNotExist");
        assertThatThrownBy(() -> rt.dispatch(() -> rt.commitTimelockedWeights(VALIDATOR, 36, 0, c, 100, 4)))
                .hasMessage("SubtensorModule.CommitRevealDisabled");
        assertThatThrownBy(() -> rt.dispatch(() -> rt.commitTimelockedWeights(VALIDATOR, 35, 0, c, 100, 3)))
                .hasMessage("SubtensorModule.IncorrectCommitRevealVersion");
        assertThatThrownBy(() -> rt.dispatch(() -> rt.commitTimelockedWeights(STRANGER, 35, 0, c, 100, 4)))
                .hasMessage("SubtensorModule.HotKeyNotRegisteredInSubNet");
        block();
        rt.dispatch(() -> rt.commitTimelockedWeights(VALIDATOR, 35, 0, c, 100, 4));
        block();
        assertThatThrownBy(() -> rt.dispatch(() -> rt.commitTimelockedWeights(VALIDATOR, 35, 0, c, 100, 4)))
                .hasMessage("SubtensorModule.CommittingWeightsTooFast");
        assertThatThrownBy(() -> rt.dispatch(() -> rt.setWeights(VALIDATOR, 35, List.of(2), List.of(1), 0)))
                .hasMessage("SubtensorModule.CommitRevealEnabled");
        // subnet 36 has no rate limit: the 11th unrevealed commit of one epoch is refused once CR is on there
        assertThatThrownBy(() -> rt.dispatch(() -> rt.sudoSetCommitRevealWeightsEnabled(BOB, 36, true)))
                .isInstanceOf(DispatchException.class).satisfies(e -> assertThat(((DispatchException) e).isBadOrigin()).isTrue());
        assertThatThrownBy(() -> rt.dispatch(() -> rt.sudoSetCommitRevealWeightsEnabled(ALICE, 77, true)))
                .hasMessage("AdminUtils.SubnetDoesNotExist");
        rt.dispatch(() -> rt.sudoSetCommitRevealWeightsEnabled(ALICE, 36, true));
        assertThat(rt.subnet(36).params().commitRevealEnabled()).isTrue();
        while (rt.subnet(36).isEpochBlock(rt.block()) || rt.subnet(36).isEpochBlock(rt.block() + 1)) {
            block();
        }
        for (int i = 0; i < SubtensorRuntime.MAX_UNREVEALED_COMMITS; i++) {
            rt.dispatch(() -> rt.commitTimelockedWeights(VALIDATOR, 36, 0, c, 100, 4));
        }
        assertThatThrownBy(() -> rt.dispatch(() -> rt.commitTimelockedWeights(VALIDATOR, 36, 0, c, 100, 4)))
                .hasMessage("SubtensorModule.TooManyUnrevealedCommits");
    }

    @Test
    void theLegacyPayloadWithoutHotkeyIsAcceptedAsTheChainDoes() {
        byte[] legacy = new io.tao4j.scale.ScaleWriter().writeCompact(1).writeU16(2).writeCompact(1).writeU16(7).writeU64(0)
                .toByteArray();
        java.util.ArrayList<Integer> uids = new java.util.ArrayList<>();
        java.util.ArrayList<Integer> values = new java.util.ArrayList<>();
        assertThat(SubtensorRuntime.decodePayload(legacy, VALIDATOR, uids, values)).isZero();
        assertThat(uids).containsExactly(2);
        assertThat(values).containsExactly(7);
        byte[] foreign = TimelockedWeights.payload(STRANGER.bytes(), new int[]{2}, new int[]{7}, 0);
        assertThatThrownBy(() -> SubtensorRuntime.decodePayload(foreign, VALIDATOR, new java.util.ArrayList<>(),
                new java.util.ArrayList<>())).hasMessageContaining("not the committer");
    }
}
