package io.tao4j.scale.metadata;

import io.tao4j.scale.Fixtures;
import io.tao4j.scale.HexCodec;
import io.tao4j.scale.ScaleException;
import io.tao4j.scale.ScaleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataLoaderTest {

    private static byte[] raw393() throws IOException {
        return Files.readAllBytes(Fixtures.metadataFile("finney-spec393.v16.scale"));
    }

    @Test
    void detectsEveryInputForm(@TempDir Path dir) throws IOException {
        byte[] scale = raw393();
        String hex = HexCodec.encode0x(scale);
        byte[] wrapped = new ScaleWriter().writeU8(1).writeByteVec(scale).toByteArray();
        byte[] lengthOnly = new ScaleWriter().writeByteVec(scale).toByteArray();
        Object[][] forms = {
                {"raw.scale", scale},
                {"meta.hex", (hex + "\n").getBytes(StandardCharsets.US_ASCII)},
                {"nohex.hex", hex.substring(2).getBytes(StandardCharsets.US_ASCII)},
                {"fixture.json", ("{\"source\":\"x\",\"metadata\":\"" + hex + "\"}").getBytes(StandardCharsets.UTF_8)},
                {"rpc.json", ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + hex + "\"}").getBytes(StandardCharsets.UTF_8)},
                {"at_version.hex", HexCodec.encode0x(wrapped).getBytes(StandardCharsets.US_ASCII)},
                {"at_version.scale", wrapped},
                {"opaque.scale", lengthOnly},
        };
        for (Object[] f : forms) {
            Path p = dir.resolve((String) f[0]);
            Files.write(p, (byte[]) f[1]);
            Metadata m = MetadataLoader.load(p);
            assertThat(m.specVersion()).as((String) f[0]).isEqualTo(393);
        }
        assertThat(MetadataLoader.fromHex(HexCodec.encode0x(wrapped)).version()).isEqualTo(16);
    }

    @Test
    void rejectsNonMetadataWithNamedReason(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("x.json");
        Files.writeString(p, "{\"foo\":1}");
        assertThatThrownBy(() -> MetadataLoader.load(p)).isInstanceOf(ScaleException.class)
                .hasMessageContaining("no hex string field 'metadata'");
        assertThatThrownBy(() -> MetadataLoader.fromBytes("hello".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no 'meta' magic");
        assertThatThrownBy(() -> MetadataLoader.fromHex("0x00")).hasMessageContaining("None");
        assertThatThrownBy(() -> MetadataLoader.load(dir.resolve("missing.scale")))
                .hasMessageContaining("cannot read metadata file");
        byte[] v13 = {0x6d, 0x65, 0x74, 0x61, 13, 0};
        assertThatThrownBy(() -> MetadataLoader.fromBytes(v13)).hasMessageContaining("unsupported metadata version 13");
        byte[] extra = Arrays.copyOf(raw393(), raw393().length + 1);
        assertThatThrownBy(() -> MetadataDecoder.decode(extra)).hasMessageContaining("1 unread trailing byte");
    }

    /** Truncated or corrupted blobs fail with ScaleException, never an index or other runtime error. */
    @Test
    void corruptBlobsFailCleanly() throws IOException {
        byte[] scale = raw393();
        Random rnd = new Random(42);
        for (int i = 0; i < 30; i++) {
            int cut = 5 + rnd.nextInt(scale.length - 5);
            byte[] truncated = Arrays.copyOf(scale, cut);
            assertThatThrownBy(() -> MetadataDecoder.decode(truncated)).as("cut at " + cut)
                    .isInstanceOf(ScaleException.class);
        }
        for (int i = 0; i < 30; i++) {
            byte[] corrupt = scale.clone();
            int pos = 5 + rnd.nextInt(scale.length - 5);
            corrupt[pos] = (byte) rnd.nextInt(256);
            try {
                MetadataDecoder.decode(corrupt);
            } catch (ScaleException expected) {
                // a named decoding error is the correct outcome; a flipped doc byte may also decode fine
            }
        }
    }
}
