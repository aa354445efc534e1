package io.tao4j.mantis.salience.math;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.salience.Vectors;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** numpy default_rng bit parity (spec §5.1 vectors and tools/parity/mantis/gen_head_rng_vectors.py). */
class Pcg64Test {
    private static final JsonNode V = Vectors.load("head_rng_vectors.json");

    private static String hex128(long[] hiLo) {
        return String.format("0x%016x%016x", hiLo[0], hiLo[1]);
    }

    @Test
    void specVectorsSeed42And1042() {
        Pcg64 g = new Pcg64(42);
        assertThat(hex128(g.state())).isEqualTo("0xcea44f6798798f2aacbc7c9d68860ac8");
        assertThat(hex128(g.increment())).isEqualTo("0xfa505436c9a8416e66caf2e28d25abff");
        assertThat(g.nextLong()).isEqualTo(0xc621fbcd16d92688L);
        assertThat(g.nextLong()).isEqualTo(0x705a5661a791ffc1L);
        assertThat(new Pcg64(42).integers(0, 33881, 4)).containsExactly(3023, 26222, 22177, 14869);
        assertThat(new Pcg64(1042).integers(0, 33881, 4)).containsExactly(25526, 12109, 236, 12610);
    }

    @Test
    void seedsMatchNumpy() {
        for (JsonNode c : V.get("seeds")) {
            Pcg64 g = new Pcg64(c.get("seed").asLong());
            assertThat(hex128(g.state())).as("state seed %s", c.get("seed")).isEqualTo(c.get("state").asText());
            assertThat(hex128(g.increment())).as("inc").isEqualTo(c.get("inc").asText());
            for (JsonNode r : c.get("raw")) {
                assertThat(String.format("0x%016x", g.nextLong())).isEqualTo(r.asText());
            }
        }
    }

    @Test
    void integersMatchNumpy() {
        int n = 0;
        for (JsonNode c : V.get("integers")) {
            Pcg64 g = new Pcg64(c.get("seed").asLong());
            long lo = c.get("low").asLong();
            long hi = c.get("high").asLong();
            long[] v = g.integers(lo, hi, c.get("size").asInt());
            long[] w = g.integers(lo, hi, 3);
            for (int i = 0; i < v.length; i++) {
                assertThat(BigInteger.valueOf(v[i])).as("%s", c).isEqualTo(new BigInteger(c.get("values").get(i).asText()));
            }
            for (int i = 0; i < 3; i++) {
                assertThat(BigInteger.valueOf(w[i])).as("next %s", c).isEqualTo(new BigInteger(c.get("next").get(i).asText()));
            }
            n++;
        }
        assertThat(n).isGreaterThan(200);
    }

    @Test
    void badArgumentsAreNamedErrors() {
        assertThatThrownBy(() -> new Pcg64(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> new Pcg64(1).integers(5, 5, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low >= high");
    }
}
