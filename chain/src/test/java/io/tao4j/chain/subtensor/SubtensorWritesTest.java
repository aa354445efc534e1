package io.tao4j.chain.subtensor;

import io.tao4j.chain.ChainException;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.RuntimeVersion;
import io.tao4j.chain.rpc.RpcException;
import io.tao4j.chain.testing.FakeNode;
import io.tao4j.chain.testing.Fixtures;
import io.tao4j.chain.tx.ExtrinsicEncoder;
import io.tao4j.chain.tx.TxOutcome;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Sr25519;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.scale.ScaleReader;
import io.tao4j.scale.metadata.Metadata;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subtensor reads and writes against a scripted node whose storage is written with the real metadata. */
class SubtensorWritesTest {
    static final byte[] FINNEY = Hex.decode("0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03");
    static final Sr25519KeyPair HOT = Sr25519KeyPair.fromUri("//Alice");
    static final Sr25519KeyPair COLD = Sr25519KeyPair.fromUri("//Bob");
    static final String HOT_SS58 = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    static final String COLD_SS58 = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

    static FakeNode node(Metadata md, long spec) {
        FakeNode n = new FakeNode(md, FINNEY, spec);
        n.put("SubtensorModule", "Uids", List.of(35, HOT_SS58), 3)
                .put("SubtensorModule", "LastUpdate", List.of(35), List.of(0, 0, 0, 850))
                .put("SubtensorModule", "WeightsSetRateLimit", List.of(35), 100)
                .put("SubtensorModule", "CommitRevealWeightsEnabled", List.of(35), false);
        return n;
    }

    static Subtensor st(FakeNode n, Metadata md, long spec) {
        return Subtensor.of(new OnlineClient(n, md, FINNEY, new RuntimeVersion(spec, 1)));
    }

    /** Splits a submitted v4 extrinsic: returns {signer, signature, rest(extra ‖ call)}. */
    static byte[][] parts(String hex) {
        ScaleReader r = new ScaleReader(Hex.decode(hex));
        r.readCompact();
        assertThat(r.readU8()).isEqualTo(0x84);
        assertThat(r.readU8()).isEqualTo(0);
        byte[] signer = r.readBytes(32);
        assertThat(r.readU8()).isEqualTo(1);
        byte[] sig = r.readBytes(64);
        return new byte[][]{signer, sig, r.readBytes(r.remaining())};
    }

    @Test
    void setWeightsSendsSetMechanismWeightsSignedByTheHotkey() {
        Metadata md = Fixtures.spec393();
        FakeNode n = node(md, 393).accept(List.of("\"ready\"", "{\"inBlock\":\"" + FakeNode.INCLUDED + "\"}"),
                i -> List.of(FakeNode.success(0), FakeNode.success(i)));
        SetWeightsResult r = st(n, md, 393).setWeights(HOT, 35, new int[]{5, 0}, new double[]{0.25, 1.0}, 9012002,
                OnlineClient.WaitFor.IN_BLOCK);
        assertThat(r.status()).isEqualTo(SetWeightsResult.Status.SUCCESS);
        assertThat(r.success()).isTrue();
        assertThat(n.submitted).hasSize(1);
        byte[][] p = parts(n.submitted.get(0));
        assertThat(p[0]).isEqualTo(HOT.publicKey());
        // extra: era (32 @ 1000 = 0x8400) ‖ nonce 5 ‖ tip 0 ‖ mode 0, then set_mechanism_weights(35, 0, [0,5], [65535,16384], 9012002)
        byte[] expectedCall = n.codec().encodeCall("SubtensorModule", "set_mechanism_weights", Map.of("netuid", 35,
                "mecid", 0, "dests", List.of(0, 5), "weights", List.of(65535, 16384), "version_key", 9012002));
        assertThat(Hex.encode(p[2])).isEqualTo("8400" + "14" + "00" + "00" + Hex.encode(expectedCall));
        assertThat(Hex.encode(expectedCall)).startsWith("0777");
        // and the signature verifies over call ‖ extra ‖ additional with the finalized head as birth block
        byte[] extra = Arrays.copyOfRange(p[2], 0, 5);
        byte[] payload = concat(expectedCall, extra, Hex.decode("89010000" + "01000000" + Hex.encode(FINNEY)
                + "11".repeat(32) + "00"));
        assertThat(Sr25519.verify(HOT.publicKey(), ExtrinsicEncoder.messageToSign(payload), p[1])).isTrue();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] b : parts) {
            n += b.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] b : parts) {
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }

    @Test
    void setWeightsOnSpec233UsesSetWeights() {
        Metadata md = Fixtures.spec233();
        FakeNode n = node(md, 233).accept(List.of("{\"inBlock\":\"" + FakeNode.INCLUDED + "\"}"), i -> List.of(FakeNode.success(i)));
        SetWeightsResult r = st(n, md, 233).setWeights(HOT, 35, new int[]{3}, new double[]{1.0}, 0, OnlineClient.WaitFor.IN_BLOCK);
        assertThat(r.success()).isTrue();
        assertThat(Hex.encode(parts(n.submitted.get(0))[2])).endsWith("0700" + "2300" + "04" + "0300" + "04" + "ffff" + "0000000000000000");
    }

    @Test
    void tooEarlyIsEitherIncludedThenFailedOrRejectedByThePool() {
        Metadata md = Fixtures.spec393();
        // older runtimes: included, ExtrinsicFailed(Module 7, error 28) = SettingWeightsTooFast in spec 393
        FakeNode failed = node(md, 393).accept(List.of("{\"inBlock\":\"" + FakeNode.INCLUDED + "\"}"),
                i -> List.of(FakeNode.failedModule(i, 7, 28)));
        SetWeightsResult f = st(failed, md, 393).setWeights(HOT, 35, new int[]{0}, new double[]{1}, 0, OnlineClient.WaitFor.IN_BLOCK);
        assertThat(f.status()).isEqualTo(SetWeightsResult.Status.FAILED);
        assertThat(((TxOutcome.Included) f.outcome()).error().qualifiedName()).isEqualTo("SubtensorModule.SettingWeightsTooFast");
        assertThat(f.message()).contains("SettingWeightsTooFast");

        // newer runtimes: refused by the pool with Custom error 6
        FakeNode rejected = node(md, 393);
        rejected.onSubscribe("author_submitAndWatchExtrinsic", p -> {
            throw new RpcException("Invalid Transaction", 1010, "Custom error: 6");
        });
        SetWeightsResult r = st(rejected, md, 393).setWeights(HOT, 35, new int[]{0}, new double[]{1}, 0, OnlineClient.WaitFor.IN_BLOCK);
        assertThat(r.status()).isEqualTo(SetWeightsResult.Status.REJECTED);
        assertThat(((TxOutcome.Rejected) r.outcome()).isRateLimited()).isTrue();
    }

    @Test
    void sdkPreChecksSendNothing() {
        Metadata md = Fixtures.spec393();
        FakeNode n = node(md, 393);
        Subtensor s = st(n, md, 393);
        assertThat(s.setWeights(COLD, 35, new int[]{0}, new double[]{1}, 0, OnlineClient.WaitFor.IN_BLOCK).status())
                .isEqualTo(SetWeightsResult.Status.NOT_REGISTERED);
        n.bestBlock = 950; // 950 - 850 = 100, not > 100
        SetWeightsResult soon = s.setWeights(HOT, 35, new int[]{0}, new double[]{1}, 0, OnlineClient.WaitFor.IN_BLOCK);
        assertThat(soon.status()).isEqualTo(SetWeightsResult.Status.TOO_SOON);
        assertThat(soon.message()).isEqualTo("No attempt made. Perhaps it is too soon to commit weights!");
        n.bestBlock = 1000;
        assertThat(s.setWeights(HOT, 35, new int[]{0}, new double[]{0}, 0, OnlineClient.WaitFor.IN_BLOCK).status())
                .isEqualTo(SetWeightsResult.Status.EMPTY_WEIGHTS);
        assertThat(n.count("author_submitAndWatchExtrinsic")).isZero();
    }

    /**
     * Commit-reveal subnet: a timelocked commit to the round bittensor-drand's generate_commit computes. Tempo 360,
     * block 1000, netuid 35, reveal period 1: epoch (1000+36)/361 = 2, reveal epoch 3, first reveal block
     * 3·361−36 = 1047, target 1050, 50 blocks = 600 s ahead. With the clock at genesis + 3·30662982 − 600 the round is
     * 30662982, a real quicknet beacon (fixtures/vectors/drand_quicknet_beacons.json): its signature decrypts the
     * commit to the SCALE WeightsTlockPayload.
     */
    @Test
    void commitRevealSubnetGetsATimelockedCommitDecryptableWithTheRealBeacon() throws Exception {
        Metadata md = Fixtures.spec393();
        FakeNode n = node(md, 393).accept(List.of("{\"inBlock\":\"" + FakeNode.INCLUDED + "\"}"), i -> List.of(FakeNode.success(i)));
        n.put("SubtensorModule", "CommitRevealWeightsEnabled", List.of(35), true)
                .put("SubtensorModule", "Tempo", List.of(35), 360)
                .put("SubtensorModule", "RevealPeriodEpochs", List.of(35), 1);
        long round = 30662982L;
        long nowMillis = (1692803367L + 3 * round - 600) * 1000 + 500;
        Subtensor s = st(n, md, 393).withClock(java.time.Clock.fixed(java.time.Instant.ofEpochMilli(nowMillis), java.time.ZoneOffset.UTC));
        SetWeightsResult r = s.setWeights(HOT, 35, new int[]{5, 0}, new double[]{0.5, 1.0}, 1020, OnlineClient.WaitFor.IN_BLOCK);
        assertThat(r.status()).isEqualTo(SetWeightsResult.Status.COMMITTED);
        assertThat(r.success()).isTrue();
        assertThat(r.message()).contains("reveal round " + round);

        // the submitted call: commit_timelocked_mechanism_weights(35, 0, commit, round, 4)
        byte[] rest = parts(n.submitted.get(0))[2];
        ScaleReader call = new ScaleReader(Arrays.copyOfRange(rest, 5, rest.length));
        assertThat(call.readU8()).isEqualTo(7);
        assertThat(call.readU8()).isEqualTo(md.call("SubtensorModule", "commit_timelocked_mechanism_weights").index());
        assertThat(call.readU16()).isEqualTo(35);
        assertThat(call.readU8()).isZero();
        byte[] ciphertext = call.readByteVec();
        assertThat(call.readU64()).isEqualTo(round);
        assertThat(call.readU16()).isEqualTo(4);
        assertThat(call.hasRemaining()).isFalse();

        com.fasterxml.jackson.databind.JsonNode beacons = Fixtures.JSON.readTree(
                Fixtures.shared("fixtures", "vectors", "drand_quicknet_beacons.json").toFile()).get("beacons");
        String sig = null;
        for (var b : beacons) {
            if (b.get("round").asLong() == round) {
                sig = b.get("signature").asText();
            }
        }
        byte[] plain = io.tao4j.drand.tlock.Tlock.decrypt(ciphertext, Hex.decode(sig));
        assertThat(io.tao4j.drand.tlock.TlockCiphertext.detectLayout(ciphertext)).isEqualTo(io.tao4j.drand.tlock.TlockLayout.LEGACY);
        // WeightsTlockPayload{hotkey: Vec<u8>, uids: [0,5], values: [65535, 32768], version_key: 1020}
        assertThat(Hex.encode(plain)).isEqualTo("80" + Hex.encode(HOT.publicKey()) + "08" + "0000" + "0500" + "08" + "ffff" + "0080"
                + "fc03000000000000");
    }

    @Test
    void stakeFromRuntimeApiAndMoveAll() {
        Metadata md = Fixtures.spec393();
        FakeNode n = node(md, 393);
        var m = md.runtimeApi("StakeInfoRuntimeApi", "get_stake_info_for_hotkey_coldkey_netuid");
        byte[] answer = io.tao4j.chain.Values.encode(md.types(), m.output(), Map.of("hotkey", HOT_SS58, "coldkey", COLD_SS58,
                "netuid", 1, "stake", 123456789, "locked", 0, "emission", 0, "tao_emission", 0, "drain", 0,
                "is_registered", true), "StakeInfo");
        n.on("state_call", p -> {
            assertThat(p.get(0)).isEqualTo("StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid");
            String in = (String) p.get(1);
            assertThat(in).isEqualTo(Hex.encode0x(HOT.publicKey()) + Hex.encode(COLD.publicKey()) + "0100");
            return FakeNode.JSON.getNodeFactory().textNode(Hex.encode0x(answer));
        });
        n.accept(List.of("{\"inBlock\":\"" + FakeNode.INCLUDED + "\"}"), i -> List.of(FakeNode.success(i)));
        Subtensor s = st(n, md, 393);
        StakeInfo info = s.stake(COLD_SS58, HOT_SS58, 1, null);
        assertThat(info.stake()).isEqualTo(123456789L);
        assertThat(info.source()).isEqualTo("StakeInfoRuntimeApi");

        TxOutcome out = s.moveStake(COLD, HOT_SS58, 1, COLD_SS58, 1, null, OnlineClient.WaitFor.IN_BLOCK);
        assertThat(out.isSuccess()).isTrue();
        byte[][] p = parts(n.submitted.get(0));
        assertThat(p[0]).isEqualTo(COLD.publicKey());
        // golden vectors §3: move_stake(alice→bob, 1→1, 123456789)
        assertThat(Hex.encode(p[2])).endsWith("0755d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
                + "8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a480100010015cd5b0700000000");

        assertThatThrownBy(() -> s.transferStake(COLD, HOT_SS58, HOT_SS58, 1, 1, 123456790L, OnlineClient.WaitFor.IN_BLOCK))
                .isInstanceOf(ChainException.class).hasMessageContaining("Not enough stake");
    }

    @Test
    void stakeFromShareStorageOnARuntimeWithoutTheApi() {
        Metadata md = Fixtures.spec233();
        FakeNode n = node(md, 233);
        BigInteger one = BigInteger.ONE.shiftLeft(64);
        n.put("SubtensorModule", "Alpha", List.of(HOT_SS58, COLD_SS58, 1), Map.of("bits", one.multiply(BigInteger.valueOf(12345)).divide(BigInteger.TEN)))
                .put("SubtensorModule", "TotalHotkeyShares", List.of(HOT_SS58, 1), Map.of("bits", one.multiply(BigInteger.valueOf(2469))))
                .put("SubtensorModule", "TotalHotkeyAlpha", List.of(HOT_SS58, 1), 1_000_000_000L);
        StakeInfo info = st(n, md, 233).stake(COLD_SS58, HOT_SS58, 1, null);
        assertThat(info.source()).isEqualTo("storage");
        // 10^9 × 1234.5 / 2469 = 5 × 10^8 (bits of 1234.5 are inexact by < 2^-64: truncation gives 499999999)
        assertThat(info.stake()).isBetween(499_999_999L, 500_000_000L);
        assertThat(st(n, md, 233).stake(HOT_SS58, COLD_SS58, 1, null).stake()).isZero();
    }

    @Test
    void commitmentsOfASubnetAndSetCommitment() {
        Metadata md = Fixtures.spec393();
        FakeNode n = node(md, 393);
        String url = "https://pub-0123456789abcdef0123456789abcdef.r2.dev/" + HOT_SS58;
        n.put("Commitments", "CommitmentOf", List.of(35, HOT_SS58), Map.of("deposit", 0, "block", 77,
                        "info", Map.of("fields", List.of(Map.of("Raw" + url.length(), url.getBytes())))))
                .put("Commitments", "CommitmentOf", List.of(35, COLD_SS58), Map.of("deposit", 0, "block", 78,
                        "info", Map.of("fields", List.of(Map.of("Raw3", new byte[]{'a', (byte) 0xff, 'b'})))))
                .put("Commitments", "CommitmentOf", List.of(35, "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y"),
                        Map.of("deposit", 0, "block", 79, "info", Map.of("fields", List.of(Map.of("TimelockEncrypted",
                                Map.of("encrypted", new byte[]{1, 2, 3}, "reveal_round", 5))))))
                .put("Commitments", "CommitmentOf", List.of(36, COLD_SS58), Map.of("deposit", 0, "block", 78,
                        "info", Map.of("fields", List.of(Map.of("Raw1", new byte[]{'x'})))));
        n.accept(List.of("{\"finalized\":\"" + FakeNode.INCLUDED + "\"}"), i -> List.of(FakeNode.success(i)));
        Subtensor s = st(n, md, 393);
        Map<String, String> all = s.allCommitments(35, null);
        assertThat(all).containsOnly(Map.entry(HOT_SS58, url), Map.entry(COLD_SS58, "ab"));
        assertThat(s.commitment(36, COLD_SS58, null)).contains("x");
        assertThat(s.commitment(37, COLD_SS58, null)).isEmpty();

        TxOutcome out = s.setCommitment(HOT, 35, url, OnlineClient.WaitFor.FINALIZED);
        assertThat(out.isSuccess()).isTrue();
        assertThat(Hex.encode(parts(n.submitted.get(0))[2])).endsWith("1200" + "2300" + "04" + "65" + Hex.encode(url.getBytes()));
        assertThatThrownBy(() -> s.setCommitmentCall(35, "x".repeat(129))).hasMessageContaining("128");
    }

    @Test
    void readsApplyDefaultsAndSdkFormulas() {
        Metadata md = Fixtures.spec393();
        FakeNode n = node(md, 393);
        n.put("SubtensorModule", "NetworksAdded", List.of(35), true)
                .put("SubtensorModule", "BlocksSinceLastStep", List.of(35), 40)
                .put("SubtensorModule", "ValidatorPermit", List.of(35), List.of(false, true))
                .put("SubtensorModule", "OwnedHotkeys", List.of(COLD_SS58), List.of(HOT_SS58))
                .put("System", "Account", List.of(COLD_SS58), Map.of("nonce", 1, "consumers", 0, "providers", 1, "sufficients", 0,
                        "data", Map.of("free", 5_000_000_000L, "reserved", 0, "frozen", 0, "flags", 0)));
        Subtensor s = st(n, md, 393);
        assertThat(s.tempo(35, null)).isEqualTo(360); // metadata default in S343+
        assertThat(s.tempo(36, null)).isNull();       // subnet does not exist
        assertThat(s.nextEpochStartBlock(35, 1000L)).isEqualTo(1000 - 40 + 360 + 1);
        assertThat(s.validatorPermit(35, 1, null)).isTrue();
        assertThat(s.validatorPermit(35, 5, null)).isFalse();
        assertThat(s.weightsVersionKey(35, null)).isZero();
        assertThat(s.commitRevealEnabled(36, null)).isTrue(); // default true in S343+
        assertThat(s.ownedHotkeys(COLD_SS58, null)).containsExactly(HOT_SS58);
        assertThat(s.ownedHotkeys(HOT_SS58, null)).isEmpty();
        assertThat(s.freeBalance(COLD_SS58, null)).isEqualTo(BigInteger.valueOf(5_000_000_000L));
        assertThat(s.subnetOwnerHotkey(35, null)).isEqualTo("5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM");
        assertThat(s.lastUpdate(35, null)).containsExactly(0L, 0L, 0L, 850L);
    }
}
