package io.tao4j.cli.mantis;

import io.tao4j.cli.GroupCommand;

import io.tao4j.cli.Json;

import io.tao4j.cli.CliException;
import io.tao4j.mantis.ledger.DatalogReader;
import io.tao4j.mantis.ledger.LedgerArchive;
import io.tao4j.mantis.ledger.LedgerBootstrap;
import io.tao4j.mantis.ledger.LedgerStats;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.validator.ValidatorConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** `tao4j mantis ledger import|export|stats`: move MANTIS history into and out of the validator's ledger. */
@Command(name = "ledger",
        mixinStandardHelpOptions = true,
        description = "Import, export and summarise the MANTIS validator ledger (MANTIS datalog.db schema).",
        subcommands = {MantisLedgerCommand.Import.class, MantisLedgerCommand.Export.class, MantisLedgerCommand.Stats.class})
public final class MantisLedgerCommand extends GroupCommand {

    static LedgerArchive.Progress progressTo(PrintWriter err) {
        return new LedgerArchive.Progress() {
            final long start = System.nanoTime();

            @Override
            public void report(String phase, long done, long total) {
                double s = (System.nanoTime() - start) / 1e9;
                if (total > 0) {
                    err.printf("%s %d/%d (%.0f%%) %.1fs%n", phase, done, total, 100.0 * done / total, s);
                } else {
                    err.printf("%s %d %.1fs%n", phase, done, s);
                }
                err.flush();
            }
        };
    }

    /** What every ledger verb has: its spec and {@code --protocol}. */
    abstract static class Verb implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        ProtocolOption protocol = new ProtocolOption();
    }

    /** `import`: a datalog.db or pickled DataLog archive (file or URL) into a new ledger. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a MANTIS archive (SQLite datalog.db, or the older pickled DataLog, .pkl or .pkl.gz) "
                    + "into a new ledger. Progress goes to stderr.")
    public static final class Import extends Verb {
        @Option(names = "--ledger", required = true, paramLabel = "<file>", description = "Ledger to create (must not hold steps).")
        Path ledger;

        static final class Source {
            @Option(names = "--archive", paramLabel = "<file>", description = "Archive file to import.")
            Path archive;

            @Option(names = "--datalog-url", paramLabel = "<url>",
                    description = "Download the archive (e.g. " + LedgerBootstrap.MANTIS_DATALOG_URL + ") if the ledger does not exist yet.")
            URI url;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(names = "--max-bytes", paramLabel = "<n>", defaultValue = "17179869184",
                description = "Largest archive to download (default ${DEFAULT-VALUE}).")
        long maxBytes;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ValidatorConfig cfg = ValidatorConfig.defaults(protocol.protocol());
            List<MantisChallenge> challenges = cfg.legacyChallenges();
            if (!cfg.nonLegacyChallenges().isEmpty()) {
                err.println("warning: MANTIS protocol " + cfg.protocol().id() + ": this ledger does not hold "
                        + cfg.nonLegacyChallenges().stream().map(c -> c.ticker()).toList()
                        + " yet; their rows are skipped as unknown tickers");
            }
            LedgerArchive.ImportResult r;
            if (source.archive != null) {
                try {
                    r = LedgerArchive.importArchive(source.archive, ledger, challenges, progressTo(err));
                } catch (DatalogReader.LedgerException e) {
                    throw new CliException(e.getMessage(), e);
                }
            } else {
                if (maxBytes <= 0) {
                    throw new CliException("--max-bytes must be positive, got " + maxBytes);
                }
                LedgerBootstrap.Outcome o = LedgerBootstrap.ensure(ledger, source.url, maxBytes, Duration.ofMinutes(30),
                        challenges, progressTo(err));
                switch (o.kind()) {
                    case EXISTING -> {
                        out.println("ledger " + ledger + " already exists; nothing downloaded");
                        return 0;
                    }
                    case EMPTY -> throw new CliException(o.reason());
                    default -> r = o.result();
                }
                out.println("downloaded " + o.downloadedBytes() + " bytes");
            }
            out.printf("imported %s: %d steps, %d challenge rows (%d vectors), %d pending payloads, %d drand rounds, "
                            + "%d hotkeys first seen%n", r.format(), r.blocks(), r.challengeRows(), r.embeddingVectors(),
                    r.rawPayloads(), r.drandRounds(), r.firstSeenHotkeys());
            out.printf("skipped %d rows of unknown tickers, dropped %d malformed embeddings%n",
                    r.skippedUnknownTicker(), r.droppedMalformedEmbeddings());
            out.flush();
            return 0;
        }
    }

    /** `export`: a compact copy of the ledger (a datalog.db MANTIS and tao4j both open). */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a compact copy of the ledger (SQLite VACUUM INTO; MANTIS datalog.db schema).")
    public static final class Export extends Verb {
        @Option(names = "--ledger", required = true, paramLabel = "<file>", description = "Ledger to export.")
        Path ledger;

        @Option(names = "--out", required = true, paramLabel = "<file>", description = "Target file (must not exist).")
        Path out;

        @Override
        public Integer call() {
            io.tao4j.mantis.protocol.Protocol p = protocol.protocol();
            try {
                LedgerArchive.export(ledger, out);
                LedgerStats s = LedgerStats.of(out);
                spec.commandLine().getOut().printf("exported %d steps to %s (%d bytes)%n", s.blocks(), out, s.fileBytes());
                spec.commandLine().getOut().println(coverage(p, s));
            } catch (DatalogReader.LedgerException e) {
                throw new CliException(e.getMessage(), e);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** `stats`: summary of a ledger or datalog.db. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Summarise a ledger or MANTIS datalog.db: steps, block range, rows per ticker, hotkeys.")
    public static final class Stats extends Verb {
        @Option(names = "--ledger", required = true, paramLabel = "<file>", description = "Ledger or datalog.db.")
        Path ledger;

        @Option(names = "--json", description = "Print the statistics as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            io.tao4j.mantis.protocol.Protocol p = protocol.protocol();
            LedgerStats s;
            try {
                s = LedgerStats.of(ledger);
            } catch (DatalogReader.LedgerException e) {
                throw new CliException(e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? Json.MAPPER.writeValueAsString(s) + "\n" : s.render());
            if (!json) {
                out.println(coverage(p, s));
            }
            out.flush();
            return 0;
        }
    }

    /** Which of the protocol's challenges the ledger has no rows for, and which of its tickers the protocol lacks. */
    static String coverage(io.tao4j.mantis.protocol.Protocol p, LedgerStats s) {
        List<String> absent = p.tickers().stream().filter(t -> !s.tickers().containsKey(t)).toList();
        List<String> foreign = s.tickers().keySet().stream().filter(t -> p.byTicker(t).isEmpty()).sorted().toList();
        return String.format("protocol %s: challenges without rows %s, tickers not in the protocol %s", p.id(), absent, foreign);
    }
}
