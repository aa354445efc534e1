package io.tao4j.crypto.bls;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrandBlsTest {
    static final HexFormat HEX = HexFormat.of();
    static final String QUICKNET_PK = "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c"
            + "8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb"
            + "5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a";
    static final String SIG_1000 = "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125"
            + "e342b73a8dd2bacbe47e4b6b63ed5e39";
    static final BigInteger P = new BigInteger("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f624"
            + "1eabfffeb153ffffb9feffffffffaaab", 16);

    record Beacon(long round, String sig, String message, String hashToG1) {
    }

    static String fixture(String name) throws IOException {
        return Files.readString(Path.of(System.getProperty("tao4j.shared"), "fixtures", "vectors", name));
    }

    static List<Beacon> beacons() throws IOException {
        Matcher m = Pattern.compile("\"round\":\\s*(\\d+),\\s*\"signature\":\\s*\"([0-9a-f]+)\",\\s*"
                + "\"randomness_sha256_of_signature\":\\s*\"[0-9a-f]+\",\\s*"
                + "\"message_sha256_round_be_u64\":\\s*\"([0-9a-f]+)\",\\s*"
                + "\"hash_to_g1_compressed\":\\s*\"([0-9a-f]+)\"").matcher(fixture("drand_quicknet_beacons.json"));
        List<Beacon> out = new ArrayList<>();
        while (m.find()) {
            out.add(new Beacon(Long.parseLong(m.group(1)), m.group(2), m.group(3), m.group(4)));
        }
        return out;
    }

    static G2Point pk() {
        return G2Point.fromCompressed(HEX.parseHex(QUICKNET_PK));
    }

    @Test
    void round1000SignatureVerifiesAndOneBitChangeDoesNot() {
        assertThat(DrandBls.verify(pk(), 1000, HEX.parseHex(SIG_1000))).isTrue();
        byte[] flipped = HEX.parseHex(SIG_1000);
        flipped[47] ^= 1;
        assertThat(DrandBls.verify(pk(), 1000, flipped)).isFalse();
        assertThat(DrandBls.verify(pk(), 999, HEX.parseHex(SIG_1000))).isFalse();
    }

    @Test
    void everyFixtureBeaconVerifiesAndHashesAsRecorded() throws IOException {
        List<Beacon> all = beacons();
        assertThat(all).hasSize(9);
        for (Beacon b : all) {
            assertThat(HEX.formatHex(DrandBls.roundMessage(b.round))).isEqualTo(b.message);
            assertThat(HEX.formatHex(DrandBls.roundPoint(b.round).toCompressed())).isEqualTo(b.hashToG1);
            assertThat(DrandBls.verify(pk(), b.round, HEX.parseHex(b.sig))).as("round %d", b.round).isTrue();
            assertThat(DrandBls.verify(pk(), b.round + 1, HEX.parseHex(b.sig))).as("round %d + 1", b.round).isFalse();
            // re-encoding is byte-identical
            assertThat(G1Point.fromCompressed(HEX.parseHex(b.sig)).toCompressed()).isEqualTo(HEX.parseHex(b.sig));
        }
        assertThat(pk().toCompressed()).isEqualTo(HEX.parseHex(QUICKNET_PK));
    }

    @Test
    void malformedPointsAreRefusedWithAReason() {
        assertThatThrownBy(() -> G1Point.fromCompressed(new byte[47]))
                .isInstanceOfSatisfying(BlsException.class, e -> assertThat(e.reason()).isEqualTo(BlsException.Reason.BAD_LENGTH));
        byte[] uncompressed = HEX.parseHex(SIG_1000);
        uncompressed[0] &= 0x7f;
        assertThatThrownBy(() -> G1Point.fromCompressed(uncompressed))
                .isInstanceOfSatisfying(BlsException.class, e -> assertThat(e.reason()).isEqualTo(BlsException.Reason.NOT_COMPRESSED));
        byte[] inf = new byte[48];
        inf[0] = (byte) 0xc0;
        assertThatThrownBy(() -> G1Point.fromCompressed(inf))
                .isInstanceOfSatisfying(BlsException.class, e -> assertThat(e.reason()).isEqualTo(BlsException.Reason.INFINITY));
        assertThat(DrandBls.verify(pk(), 1000, inf)).isFalse();
        byte[] garbage = new byte[48];
        java.util.Arrays.fill(garbage, (byte) 0xff);
        garbage[0] = (byte) 0x9f; // x >= p
        assertThatThrownBy(() -> G1Point.fromCompressed(garbage))
                .isInstanceOfSatisfying(BlsException.class, e -> assertThat(e.reason()).isEqualTo(BlsException.Reason.NOT_ON_CURVE));
        assertThat(DrandBls.verify(pk(), 1000, garbage)).isFalse();
        assertThatThrownBy(() -> G2Point.fromCompressed(HEX.parseHex(SIG_1000)))
                .isInstanceOfSatisfying(BlsException.class, e -> assertThat(e.reason()).isEqualTo(BlsException.Reason.BAD_LENGTH));
    }

    @Test
    void curvePointOutsideTheSubgroupIsRefused() {
        // y^2 = x^3 + 4 over Fp; pick the first x whose right-hand side is a square: such points are on the
        // curve but (the cofactor being large) not in the prime-order subgroup.
        BigInteger x = BigInteger.ONE;
        while (true) {
            BigInteger rhs = x.pow(3).add(BigInteger.valueOf(4)).mod(P);
            BigInteger y = rhs.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
            if (y.multiply(y).mod(P).equals(rhs)) {
                break;
            }
            x = x.add(BigInteger.ONE);
        }
        byte[] enc = new byte[48];
        byte[] xb = x.toByteArray();
        System.arraycopy(xb, 0, enc, 48 - xb.length, xb.length);
        enc[0] |= (byte) 0x80;
        assertThatThrownBy(() -> G1Point.fromCompressed(enc))
                .isInstanceOfSatisfying(BlsException.class, e -> assertThat(e.reason()).isEqualTo(BlsException.Reason.NOT_IN_SUBGROUP));
        assertThat(DrandBls.verify(pk(), 1000, enc)).isFalse();
    }

    @Test
    void gtSerializationMatchesArkworksAsHashedByTimelock() throws Exception {
        String tl = fixture("timelock_quicknet_r1000.json");
        Matcher u = Pattern.compile("\"U_g2_compressed\":\\s*\"([0-9a-f]+)\"").matcher(tl);
        Matcher h = Pattern.compile("\"sha256_of_ark_serialized_gt\":\\s*\"([0-9a-f]+)\"").matcher(tl);
        int n = 0;
        G1Point sig = G1Point.fromCompressed(HEX.parseHex(SIG_1000));
        while (u.find() && h.find()) {
            GtElement gt = Pairing.pair(sig, G2Point.fromCompressed(HEX.parseHex(u.group(1))));
            byte[] ser = gt.toArkworksBytes();
            assertThat(ser).hasSize(576);
            assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(ser))).isEqualTo(h.group(1));
            n++;
        }
        assertThat(n).isEqualTo(12);
    }

    @Test
    void bilinearity() {
        BigInteger k = new BigInteger("123456789abcdef", 16);
        G1Point g1 = G1Point.generator();
        G2Point g2 = G2Point.generator();
        assertThat(Pairing.pair(g1.multiply(k), g2).isEqual(Pairing.pair(g1, g2.multiply(k)))).isTrue();
        assertThat(Pairing.pair(g1.multiply(k), g2).isEqual(Pairing.pair(g1, g2))).isFalse();
    }

    @Test
    void pointsAreValuesByTheirEncoding() {
        G1Point a = G1Point.fromCompressed(HEX.parseHex(SIG_1000));
        G1Point b = G1Point.fromCompressed(HEX.parseHex(SIG_1000));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(G1Point.generator());
        assertThat(a.toString()).isEqualTo("G1Point[" + SIG_1000 + "]");
        G2Point pk = pk();
        assertThat(pk).isEqualTo(G2Point.fromCompressed(HEX.parseHex(QUICKNET_PK))).isNotEqualTo(G2Point.generator());
        assertThat(pk.toString()).startsWith("G2Point[83cf0f28");
        assertThat((Object) G1Point.generator()).isNotEqualTo(G2Point.generator());
    }
}
