package io.tao4j.mantis.validator;

import io.tao4j.crypto.bls.G2Point;
import io.tao4j.mantis.payload.PayloadOpener;
import io.tao4j.mantis.payload.PayloadSealer;
import io.tao4j.mantis.payload.RejectReason;
import io.tao4j.drand.tlock.Tlock;
import io.tao4j.drand.tlock.TlockLayout;
import io.tao4j.localnet.beacon.LocalBeacon;
import io.tao4j.mantis.ledger.DatalogReader;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.salience.MantisConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Payloads sealed to a local drand-scheme beacon go through the validator's decryption path into the ledger. */
class DecryptorTest {
    static final String A = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
    static final String B = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

    /** The test's drand-scheme beacon. */
    static LocalBeacon beacon() {
        return new LocalBeacon("decryptor-test", 1_700_000_000L, 3, "quicknet");
    }

    /** The public key of an owner secret of our own: {@code first}, 2, 3, …, 32. */
    static byte[] ownerPk(int first) {
        byte[] secret = new byte[32];
        for (int i = 0; i < 32; i++) {
            secret[i] = (byte) (i + 1);
        }
        secret[0] = (byte) first;
        return io.tao4j.crypto.aead.X25519.publicKey(secret);
    }

    /** Seals to the beacon for the owner key, current layout. */
    static PayloadSealer sealer(LocalBeacon beacon, byte[] ownerPk) {
        return new PayloadSealer(new Tlock(G2Point.fromCompressed(beacon.publicKey())), ownerPk, TlockLayout.CURRENT, new SecureRandom());
    }

    @Test
    void maturePayloadsOpenIntoTheLedgerAndBadOnesAreCountedByReason(@TempDir Path dir) throws Exception {
        LocalBeacon beacon = beacon();
        byte[] owner = new byte[32];
        owner[0] = 9; // an owner key of our own: the opener is configured with the same one
        byte[] ownerPk = io.tao4j.crypto.aead.X25519.publicKey(owner);
        PayloadSealer sealer = sealer(beacon, ownerPk);
        AtomicLong published = new AtomicLong(100); // rounds up to 100 are out
        PayloadOpener.SignatureSource sigs = r -> r <= published.get() ? beacon.signature(r) : null;
        Decryptor d = new Decryptor(new PayloadOpener(ownerPk), sigs, 300, 1000);

        String good = "{\"hotkey\":\"" + A + "\",\"ETH\":[0.5,-0.5],\"ETHLBFGS\":[0.2,0.2,0.2,0.2,0.2,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5]}";
        String wrongHotkey = "{\"hotkey\":\"" + A + "\",\"ETH\":[0.5,-0.5]}"; // collected under B, claims A
        try (Ledger l = Ledger.open(dir.resolve("ledger.db"), MantisConfig.CHALLENGES)) {
            l.appendStep(1000, Map.of("ETH", 3000.0, "ETHLBFGS", 3000.0), Map.of(
                    A, sealer.seal(A, 90, good.getBytes(StandardCharsets.UTF_8)).toJson().getBytes(StandardCharsets.UTF_8),
                    B, sealer.seal(B, 90, wrongHotkey.getBytes(StandardCharsets.UTF_8)).toJson().getBytes(StandardCharsets.UTF_8),
                    "garbage", "not json".getBytes(StandardCharsets.UTF_8)));
            l.appendStep(1005, Map.of("ETH", 3001.0), Map.of(
                    A, sealer.seal(A, 150, good.getBytes(StandardCharsets.UTF_8)).toJson().getBytes(StandardCharsets.UTF_8)));

            assertThat(d.process(l, 1200).opened()).isZero(); // nothing mature yet
            Decryptor.Report r = d.process(l, 1305);
            assertThat(r.opened()).isEqualTo(1);
            assertThat(r.rejected()).containsEntry(RejectReason.HOTKEY_MISMATCH, 1).containsEntry(RejectReason.NOT_JSON_OBJECT, 1);
            assertThat(r.waiting()).isEqualTo(1); // round 150 is not out yet: kept, not zeroed
            assertThat(r.processed()).containsExactlyInAnyOrder(new Decryptor.Processed(1000, A, null, false),
                    new Decryptor.Processed(1000, B, RejectReason.HOTKEY_MISMATCH, false),
                    new Decryptor.Processed(1000, "garbage", RejectReason.NOT_JSON_OBJECT, false));
            assertThat(r.processed()).filteredOn(Decryptor.Processed::opened).extracting(Decryptor.Processed::hotkey).containsExactly(A);
            assertThat(l.pendingCount()).isEqualTo(1);
            assertThat(l.firstSeen()).containsEntry(A, 1000L).doesNotContainKey(B);

            published.set(200);
            Decryptor.Report later = d.process(l, 1310);
            assertThat(later.opened()).isEqualTo(1);
            assertThat(later.processed()).containsExactly(new Decryptor.Processed(1005, A, null, false));
            assertThat(l.pendingCount()).isZero();
        }
        var td = DatalogReader.read(dir.resolve("ledger.db"), MantisConfig.CHALLENGES, OptionalLong.empty());
        assertThat(td.series("ETHLBFGS").orElseThrow().hotkeys()).containsExactly(A);
    }

    @Test
    void aPayloadWhoseRoundNeverComesIsDroppedAfterTheBound(@TempDir Path dir) throws Exception {
        LocalBeacon beacon = beacon();
        byte[] ownerPk = ownerPk(1);
        PayloadSealer sealer = sealer(beacon, ownerPk);
        Decryptor d = new Decryptor(new PayloadOpener(ownerPk), r -> null, 300, 1000);
        try (Ledger l = Ledger.open(dir.resolve("ledger.db"), MantisConfig.CHALLENGES)) {
            l.appendStep(1000, Map.of(), Map.of(A, sealer.seal(A, 5, "{\"hotkey\":\"x\"}".getBytes(StandardCharsets.UTF_8)).toJson()
                    .getBytes(StandardCharsets.UTF_8)));
            assertThat(d.process(l, 1400).waiting()).isEqualTo(1);
            assertThat(d.process(l, 1900).waiting()).isEqualTo(1);
            Decryptor.Report r = d.process(l, 2001);
            assertThat(r.droppedUnopened()).isEqualTo(1);
            assertThat(r.processed()).containsExactly(new Decryptor.Processed(1000, A, RejectReason.NO_SIGNATURE, true));
            assertThat(l.pendingCount()).isZero();
        }
    }

    @Test
    void aBcff57bDecryptorValidatesWithHeadRulesAndStoresOnlyWhatTheLedgerHolds(@TempDir Path dir) throws Exception {
        LocalBeacon beacon = beacon();
        byte[] ownerPk = ownerPk(9);
        PayloadSealer sealer = sealer(beacon, ownerPk);
        ValidatorConfig cfg = ValidatorConfig.defaults(io.tao4j.mantis.protocol.Protocol.BCFF57B);
        java.util.Set<String> stored = new java.util.HashSet<>();
        cfg.legacyChallenges().forEach(c -> stored.add(c.ticker()));
        Decryptor d = new Decryptor(new PayloadOpener(ownerPk), beacon::signature, 300, 1000,
                new io.tao4j.mantis.payload.SubmissionValidator(cfg.protocol()), stored);
        // HEAD: MULTIXSEC is a challenge (validated, not stored by this ledger); LBFGS with a null after a non-zero
        // element is NaN at HEAD and 2e9bc5b alike, where the old V2Submission voided the payload
        String a = "{\"hotkey\":\"" + A + "\",\"ETH\":[0.5,-0.5],\"MULTIXSEC\":{\"BTC\":0.5},"
                + "\"ETHLBFGS\":[0.5,null,0.2,0.2,0.2,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5]}";
        String b = "{\"hotkey\":\"" + B + "\",\"ETH\":[0.5,0.5],\"BTCLBFGS\":[0.5,\"x\",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}"; // void
        try (Ledger l = Ledger.open(dir.resolve("ledger.db"), cfg.legacyChallenges())) {
            l.appendStep(1000, Map.of("ETH", 3000.0, "ETHLBFGS", 3000.0), Map.of(
                    A, sealer.seal(A, 5, a.getBytes(StandardCharsets.UTF_8)).toJson().getBytes(StandardCharsets.UTF_8),
                    B, sealer.seal(B, 5, b.getBytes(StandardCharsets.UTF_8)).toJson().getBytes(StandardCharsets.UTF_8)));
            Decryptor.Report r = d.process(l, 1300);
            assertThat(r.opened()).isEqualTo(2);
            assertThat(l.firstSeen()).containsOnlyKeys(A); // B's payload was voided: nothing stored
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
             var rs = c.createStatement().executeQuery("SELECT ticker, hotkeys FROM challenge_data WHERE hotkeys != '[]' ORDER BY ticker")) {
            java.util.Map<String, String> rows = new java.util.TreeMap<>();
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
            // the NaN LBFGS vector is stored as the reference stores it (MULTIXSEC is not a ticker of this ledger)
            assertThat(rows).containsOnlyKeys("ETH", "ETHLBFGS").allSatisfy((t, hks) -> assertThat(hks).contains(A).doesNotContain(B));
        }
    }
}
