package io.tao4j.mantis.ledger;

import io.tao4j.mantis.salience.math.Half;
import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.SyntheticData;
import io.tao4j.mantis.salience.TrainingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatalogReaderTest {
    @TempDir
    Path dir;

    @Test
    void halfConversionsRoundTripAndRound() {
        assertThat(Half.toFloat((short) 0x3C00)).isEqualTo(1.0f);
        assertThat(Half.toFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(Half.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Half.toFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(Float.isNaN(Half.toFloat((short) 0x7E00))).isTrue();
        for (int b = 0; b < 0x7C00; b++) assertThat(Half.fromFloat(Half.toFloat((short) b))).isEqualTo((short) b);
        assertThat(Half.fromFloat(1.0f + 0x1p-11f)).isEqualTo((short) 0x3C00); // tie -> even
        assertThat(Half.fromFloat(1.0f + 0x1p-11f + 0x1p-20f)).isEqualTo((short) 0x3C01);
        assertThat(Half.fromFloat(1e6f)).isEqualTo((short) 0x7C00);
    }

    @Test
    void unpackFollowsLedgerFormat() {
        byte[] blob = DatalogFixture.pack(List.of("a", "b"), List.of(new float[] {0.5f, -1f}, new float[] {0.25f, 2f}));
        var m = DatalogReader.unpack(blob, 2);
        assertThat(m.get("a")).containsExactly(0.5f, -1f);
        assertThat(m.get("b")).containsExactly(0.25f, 2f);
        // wrong length -> {} as in _unpack_embeddings
        assertThat(DatalogReader.unpack(blob, 3)).isEmpty();
        assertThat(DatalogReader.unpack(new byte[0], 2)).isEmpty();
        assertThatThrownBy(() -> DatalogReader.unpack(new byte[] {'[', ']'}, 2))
                .hasMessageContaining("separator");
    }

    @Test
    void readsPriceAndBinarySeriesAsTheValidatorBuildsThem() throws Exception {
        List<String> roles = List.of("signal", "noise", "zero", "late");
        List<MantisChallenge> chs = List.of(MantisConfig.byTicker("ETH").orElseThrow(),
                MantisConfig.byTicker("ETHLBFGS").orElseThrow());
        int rows = 400;
        TrainingData data = SyntheticData.generate(5, rows, roles, chs);
        double[] binPrices = new double[rows];
        for (int t = 0; t < rows; t++) binPrices[t] = 100.0 + (t % 7) * 0.5 + t * 0.01;
        binPrices[10] = Double.NaN;
        Path db = dir.resolve("datalog.db");
        DatalogFixture.write(db, data, binPrices);

        TrainingData read = DatalogReader.read(db, MantisConfig.CHALLENGES, OptionalLong.empty());
        assertThat(read.asMap().keySet()).containsExactly("ETH", "ETHLBFGS");
        ChallengeSeries lb = read.series("ETHLBFGS").orElseThrow();
        ChallengeSeries orig = data.series("ETHLBFGS").orElseThrow();
        // the never-submitting miner is absent from every hotkeys column, so it is not a hotkey
        assertThat(lb.hotkeys()).containsExactly("hk000-signal", "hk001-noise", "hk003-late");
        assertThat(lb.prices()).containsExactly(orig.prices());
        assertThat(lb.embeddingsAsFloat()[0]).containsExactly(orig.embeddingsAsFloat()[0]); // multiples of 1/1024: exact in f16
        assertThat(lb.embeddingsAsFloat()[2]).containsExactly(orig.embeddingsAsFloat()[3]);

        // binary: rows whose future (t+60) price exists; SQLite stores the NaN at t=10 as NULL, so that
        // row has no price and is dropped
        ChallengeSeries bin = read.series("ETH").orElseThrow();
        assertThat(bin.rows()).isEqualTo(rows - 60 - 1);
        float expected = (float) ((binPrices[60] - binPrices[0]) / binPrices[0]);
        assertThat(bin.returns()[0]).isEqualTo(expected);
        assertThat(bin.returns()[10]).isEqualTo((float) ((binPrices[71] - binPrices[11]) / binPrices[11]));

        TrainingData until = DatalogReader.read(db, MantisConfig.CHALLENGES, OptionalLong.of(DatalogFixture.FIRST_SIDX + 99));
        assertThat(until.series("ETHLBFGS").orElseThrow().rows()).isEqualTo(100);
        // futures may lie beyond the cut; the NULL-price row is dropped
        assertThat(until.series("ETH").orElseThrow().rows()).isEqualTo(99);
    }

    @Test
    void engineOnTheLedgerEqualsEngineOnTheSameDataInMemory() throws Exception {
        // every miner submits at least once, so the ledger's hotkey list equals the generated one; values are
        // multiples of 1/1024 (exact in float16) and prices round-trip through SQLite REAL exactly
        List<String> roles = List.of("signal", "weak", "noise", "late");
        List<MantisChallenge> chs = List.of(MantisConfig.byTicker("ETHLBFGS").orElseThrow(),
                MantisConfig.byTicker("ETHHITFIRST").orElseThrow());
        TrainingData data = SyntheticData.generate(9, 15000, roles, chs);
        Path db = dir.resolve("e2e.db");
        DatalogFixture.write(db, data, null);
        TrainingData read = DatalogReader.read(db, MantisConfig.CHALLENGES, OptionalLong.empty());
        for (MantisChallenge ch : chs) {
            assertThat(SyntheticData.digest(read.series(ch.ticker()).orElseThrow()))
                    .isEqualTo(SyntheticData.digest(data.series(ch.ticker()).orElseThrow()));
        }
        var engine = new io.tao4j.mantis.salience.SalienceEngine();
        var a = engine.multiSalience(read);
        var b = engine.multiSalience(data);
        assertThat(a.total()).isNotEmpty().isEqualTo(b.total());
        assertThat(a.perChallenge()).isEqualTo(b.perChallenge());
    }

    @Test
    void rejectsMissingAndForeignFiles() throws Exception {
        assertThatThrownBy(() -> DatalogReader.read(dir.resolve("nope.db"), MantisConfig.CHALLENGES, OptionalLong.empty()))
                .hasMessageContaining("not found");
        Path other = dir.resolve("other.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + other)) {
            c.createStatement().executeUpdate("CREATE TABLE t (x INTEGER)");
        }
        assertThatThrownBy(() -> DatalogReader.read(other, MantisConfig.CHALLENGES, OptionalLong.empty()))
                .hasMessageContaining("no challenge_data");
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "this is not sqlite at all, just some text padding".repeat(50));
        assertThatThrownBy(() -> DatalogReader.read(junk, MantisConfig.CHALLENGES, OptionalLong.empty()))
                .isInstanceOf(DatalogReader.LedgerException.class);
    }
}
