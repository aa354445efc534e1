package io.tao4j.mantis.ledger;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PyJson against Python 3's own {@code json.dumps} output (values printed by CPython 3.11). */
class PyJsonTest {
    @Test
    void floatsAreWrittenAsPythonsRepr() {
        double[] v = {1e16, 1e15, 0.0001, 1e-05, 123456789012345678.0, 5e-324, 1.7976931348623157e308, -0.0, 0.0,
            0.1 + 0.2, 100.0, 1.5, -2.5e-05, 83825.64196838377, 2.2250738585072014e-308, 9007199254740993.0, 0.001,
            1234.5678, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<String> out = new ArrayList<>();
        for (double d : v) {
            out.add(PyJson.num(d));
        }
        assertThat("[" + String.join(", ", out) + "]").isEqualTo("[1e+16, 1000000000000000.0, 0.0001, 1e-05, "
                + "1.2345678901234568e+17, 5e-324, 1.7976931348623157e+308, -0.0, 0.0, 0.30000000000000004, 100.0, 1.5, "
                + "-2.5e-05, 83825.64196838377, 2.2250738585072014e-308, 9007199254740992.0, 0.001, 1234.5678, NaN, "
                + "Infinity, -Infinity]");
    }

    @Test
    void stringListsUseDefaultSeparatorsAndAsciiEscapes() {
        assertThat(PyJson.strings(List.of("a\"b", "\\", "é", "\n", "x\u0001")))
                .isEqualTo("[\"a\\\"b\", \"\\\\\", \"\\u00e9\", \"\\n\", \"x\\u0001\"]");
        assertThat(PyJson.strings(List.of())).isEqualTo("[]");
    }

    @Test
    void float16FromDoubleRoundsOnceAsNumpy() {
        // 0.1 + 0.2 and values just beside a float16 tie: numpy.float16(x) from the double, not via float32
        assertThat(EmbeddingBlobs.halfOf(0.30000000000000004)).isEqualTo((short) 0x34CD);
        assertThat(EmbeddingBlobs.halfOf(1.0 + Math.pow(2, -11))).isEqualTo((short) 0x3C00); // tie → even
        assertThat(EmbeddingBlobs.halfOf(1.0 + Math.pow(2, -11) + Math.pow(2, -40))).isEqualTo((short) 0x3C01);
        assertThat(EmbeddingBlobs.halfOf(65520.0)).isEqualTo((short) 0x7C00); // overflow → inf
        assertThat(EmbeddingBlobs.halfOf(-Math.pow(2, -24))).isEqualTo((short) 0x8001); // smallest subnormal
        assertThat(EmbeddingBlobs.halfOf(Math.pow(2, -26))).isEqualTo((short) 0x0000);
    }
}
