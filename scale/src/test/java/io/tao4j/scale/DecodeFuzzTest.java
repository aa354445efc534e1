package io.tao4j.scale;

import io.tao4j.scale.metadata.Metadata;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Random bytes decoded as every type of a real registry: either a value or a ScaleException, nothing else. */
class DecodeFuzzTest {

    @Test
    void randomInputOnlyEverFailsWithScaleException() {
        Metadata m = Fixtures.metadata("finney-spec393.v16.scale");
        TypeRegistry t = m.types();
        Random rnd = new Random(Long.getLong("fuzz.seed", 7));
        int iterations = Integer.getInteger("fuzz.iterations", 12);
        int ok = 0;
        int rejected = 0;
        for (PortableType type : t.types()) {
            for (int i = 0; i < iterations; i++) {
                byte[] b = new byte[rnd.nextInt(i % 2 == 0 ? 8 : 96)];
                rnd.nextBytes(b);
                if (i % 3 == 0 && b.length > 0) {
                    b[0] = (byte) (rnd.nextInt(8) << 2); // small compact / low variant index: reach deeper
                }
                try {
                    ScaleReader r = new ScaleReader(b);
                    var value = DynamicCodec.decode(t, type.id(), r);
                    // whatever decodes must re-encode to exactly the bytes it consumed
                    byte[] again = DynamicCodec.encode(t, type.id(), value, "fuzz");
                    assertThat(again).as("type %d %s", type.id(), t.describe(type.id()))
                            .isEqualTo(java.util.Arrays.copyOf(b, r.position()));
                    ok++;
                } catch (ScaleException expected) {
                    rejected++;
                }
            }
        }
        assertThat(ok).isPositive();
        assertThat(rejected).isPositive();
    }
}
