package io.tao4j.cli.mantis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `tao4j mantis ledger import|export|stats` on the reference-generated archives of the mantis module. */
class MantisLedgerCommandTest {
    static final Path RES = Path.of("..", "mantis", "src", "test", "resources", "ledger");

    @Test
    void importStatsAndExportOfADatalogDb(@TempDir Path dir) throws Exception {
        Path ledger = dir.resolve("ledger.db");
        CliRun imp = CliRun.run("mantis", "ledger", "import", "--ledger", ledger.toString(),
                "--archive", RES.resolve("datalog.db").toString());
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("imported SQLITE: 40 steps, 120 challenge rows")
                .contains("skipped 40 rows of unknown tickers, dropped 1 malformed embeddings");
        assertThat(imp.err()).contains("challenge_data 160/160 (100%)");

        CliRun stats = CliRun.run("mantis", "ledger", "stats", "--ledger", ledger.toString(), "--json");
        assertThat(stats.code()).as(stats.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(stats.out());
        assertThat(s.get("blocks").asLong()).isEqualTo(40);
        assertThat(s.get("distinctHotkeys").asLong()).isEqualTo(6);
        assertThat(s.get("tickers").get("ETHLBFGS").get("withEmbeddings").asLong()).isEqualTo(40);

        Path out = dir.resolve("out.db");
        CliRun exp = CliRun.run("mantis", "ledger", "export", "--ledger", ledger.toString(), "--out", out.toString());
        assertThat(exp.code()).as(exp.err()).isZero();
        assertThat(exp.out()).contains("exported 40 steps");
        CliRun text = CliRun.run("mantis", "ledger", "stats", "--ledger", out.toString());
        assertThat(text.out()).contains("steps: 40 (blocks 6000000..6000195)").contains("distinct hotkeys: 6");
        // the protocol's view of the file: bcff57b's multi-asset challenges have no rows in this ledger yet
        assertThat(text.out()).contains("protocol bcff57b: challenges without rows [").contains("MULTIBREAKOUT, MULTIXSEC, FUNDINGXSEC, TRADEMIX]");
        assertThat(exp.out()).contains("protocol bcff57b: challenges without rows");
        assertThat(imp.err()).contains("warning: MANTIS protocol bcff57b").contains("MULTIBREAKOUT");
        CliRun old = CliRun.run("mantis", "ledger", "stats", "--ledger", out.toString(), "--protocol", "2e9bc5b");
        assertThat(old.out()).contains("protocol 2e9bc5b: challenges without rows");
        assertThat(old.out()).doesNotContain("MULTIBREAKOUT");

        CliRun again = CliRun.run("mantis", "ledger", "import", "--ledger", ledger.toString(),
                "--archive", RES.resolve("datalog.db").toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("import only into a new ledger");
    }

    @Test
    void importOfThePickledDataLogAndBadInput(@TempDir Path dir) throws Exception {
        CliRun imp = CliRun.run("mantis", "ledger", "import", "--ledger", dir.resolve("p.db").toString(),
                "--archive", RES.resolve("mantis_datalog.pkl.gz").toString());
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("imported PICKLE_GZIP: 12 steps, 96 challenge rows");

        Path junk = dir.resolve("junk");
        Files.writeString(junk, "nope");
        CliRun bad = CliRun.run("mantis", "ledger", "import", "--ledger", dir.resolve("q.db").toString(), "--archive", junk.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("not a MANTIS archive");

        CliRun missing = CliRun.run("mantis", "ledger", "stats", "--ledger", dir.resolve("none.db").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("ledger file not found");

        CliRun both = CliRun.run("mantis", "ledger", "import", "--ledger", dir.resolve("r.db").toString(),
                "--archive", junk.toString(), "--datalog-url", "http://127.0.0.1:1/x");
        assertThat(both.code()).isNotZero();

        CliRun unreachable = CliRun.run("mantis", "ledger", "import", "--ledger", dir.resolve("s.db").toString(),
                "--datalog-url", "http://127.0.0.1:1/datalog.db");
        assertThat(unreachable.code()).isEqualTo(1);
        assertThat(unreachable.err()).contains("bootstrap from http://127.0.0.1:1/datalog.db failed");
        assertThat(dir.resolve("s.db")).doesNotExist();
    }
}
