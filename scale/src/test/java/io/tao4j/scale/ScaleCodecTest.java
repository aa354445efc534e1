package io.tao4j.scale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScaleCodecTest {

    /** Compact encodings from the SCALE spec (parity-scale-codec compact.rs tests). */
    @ParameterizedTest
    @CsvSource({
            "0, 00", "1, 04", "42, a8", "63, fc", "64, 0101", "69, 1501", "16383, fdff", "16384, 02000100",
            "1073741823, feffffff", "1073741824, 0300000040", "4294967295, 03ffffffff", "4294967296, 070000000001",
            "18446744073709551615, 13ffffffffffffffff",
            "340282366920938463463374607431768211455, 33ffffffffffffffffffffffffffffffff"})
    void compact(String value, String hex) {
        BigInteger v = new BigInteger(value);
        assertThat(HexCodec.encode(new ScaleWriter().writeCompact(v).toByteArray())).isEqualTo(hex);
        if (v.bitLength() < 63) {
            assertThat(HexCodec.encode(new ScaleWriter().writeCompact(v.longValue()).toByteArray())).isEqualTo(hex);
        }
        ScaleReader r = new ScaleReader(HexCodec.decode(hex));
        assertThat(r.readCompact()).isEqualTo(v);
        r.expectEnd("compact");
    }

    /** Reading {@code hex} with {@code read} fails with a {@link ScaleException} naming {@code problem}. */
    static void rejects(String hex, java.util.function.Consumer<ScaleReader> read, String problem) {
        assertThatThrownBy(() -> read.accept(new ScaleReader(HexCodec.decode(hex))))
                .isInstanceOf(ScaleException.class).hasMessageContaining(problem);
    }

    @Test
    void nonCanonicalCompactRejected() {
        rejects("0100", ScaleReader::readCompact, "non-canonical");
        rejects("0300000000", ScaleReader::readCompact, "non-canonical");
    }

    @Test
    void fixedWidthIntegersLittleEndian() {
        ScaleWriter w = new ScaleWriter();
        w.writeU8(0xab).writeU16(0x1234).writeU32(0xdeadbeefL).writeU64(-1L).writeI64(-2)
                .writeU128(BigInteger.ONE.shiftLeft(127)).writeSigned(BigInteger.valueOf(-1), 16).writeBool(true);
        byte[] b = w.toByteArray();
        assertThat(HexCodec.encode(b)).isEqualTo("ab" + "3412" + "efbeadde" + "ffffffffffffffff" + "feffffffffffffff"
                + "00000000000000000000000000000080" + "ffffffffffffffffffffffffffffffff" + "01");
        ScaleReader r = new ScaleReader(b);
        assertThat(r.readU8()).isEqualTo(0xab);
        assertThat(r.readU16()).isEqualTo(0x1234);
        assertThat(r.readU32()).isEqualTo(0xdeadbeefL);
        assertThat(r.readU64Big()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(r.readI64()).isEqualTo(-2);
        assertThat(r.readU128()).isEqualTo(BigInteger.ONE.shiftLeft(127));
        assertThat(r.readI128()).isEqualTo(BigInteger.valueOf(-1));
        assertThat(r.readBool()).isTrue();
        r.expectEnd("test");
    }

    @Test
    void stringsAndByteVectors() {
        byte[] b = new ScaleWriter().writeString("héllo").writeByteVec(new byte[] {1, 2, 3}).toByteArray();
        assertThat(HexCodec.encode(b)).isEqualTo("1868c3a96c6c6f" + "0c010203");
        ScaleReader r = new ScaleReader(b);
        assertThat(r.readString()).isEqualTo("héllo");
        assertThat(r.readByteVec()).containsExactly(1, 2, 3);
    }

    @Test
    void truncatedInputNamesWhatAndOffset() {
        ScaleReader r = new ScaleReader(HexCodec.decode("010203"));
        r.readU8();
        assertThatThrownBy(r::readU32).isInstanceOf(ScaleException.class)
                .hasMessage("truncated input reading u32: need 4 byte(s), 2 left (at offset 1)")
                .extracting(e -> ((ScaleException) e).offset()).isEqualTo(1L);
        rejects("0c01", ScaleReader::readByteVec, "truncated input reading bytes");
        assertThatThrownBy(() -> new ScaleReader(new byte[0]).readCompact())
                .isInstanceOf(ScaleException.class).hasMessageContaining("compact").hasMessageContaining("offset 0");
        rejects("13ffff", ScaleReader::readCompact, "truncated");
        rejects("02", ScaleReader::readBool, "invalid bool");
        rejects("0001", reader -> reader.expectEnd("thing"), "2 unread trailing byte(s)");
        rejects("08ff", ScaleReader::readString, "truncated");
        rejects("04ff", ScaleReader::readString, "not valid UTF-8");
    }

    @Test
    void writerRejectsOutOfRange() {
        assertThatThrownBy(() -> new ScaleWriter().writeU16(65536)).isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> new ScaleWriter().writeU8(-1)).isInstanceOf(ScaleException.class);
        assertThatThrownBy(() -> new ScaleWriter().writeUnsigned(BigInteger.ONE.shiftLeft(128), 16))
                .isInstanceOf(ScaleException.class).hasMessageContaining("u128");
        assertThatThrownBy(() -> new ScaleWriter().writeSigned(BigInteger.ONE.shiftLeft(127), 16))
                .isInstanceOf(ScaleException.class).hasMessageContaining("i128");
        assertThatThrownBy(() -> new ScaleWriter().writeCompact(BigInteger.valueOf(-1)))
                .isInstanceOf(ScaleException.class);
    }

    @Test
    void hexErrors() {
        assertThatThrownBy(() -> HexCodec.decode("0xabc")).hasMessageContaining("odd");
        assertThatThrownBy(() -> HexCodec.decode("0xzz")).hasMessageContaining("invalid hex digit 'z'");
    }

    /** fixtures/vectors/subtensor_golden_vectors.txt §6: U64F64 1234.5. */
    @Test
    void fixedPoint() {
        BigInteger bits = new BigInteger("22772505558994441469952");
        assertThat(FixedPoint.u64f64(bits)).isEqualByComparingTo("1234.5");
        assertThat(FixedPoint.u64f64Bits(new BigDecimal("1234.5"))).isEqualTo(bits);
        assertThat(HexCodec.encode(new ScaleWriter().writeU128(bits).toByteArray()))
                .isEqualTo("0000000000000080d204000000000000");
        assertThat(FixedPoint.i96f32(BigInteger.valueOf(-3L << 31))).isEqualByComparingTo("-1.5");
        assertThat(FixedPoint.u64f64(BigInteger.ONE)).isEqualByComparingTo(
                BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(64))));
        assertThatThrownBy(() -> FixedPoint.u64f64(BigInteger.valueOf(-1))).isInstanceOf(ScaleException.class);
    }
}
