package io.tao4j.cli.drand;

import io.tao4j.cli.CliException;
import io.tao4j.drand.ChainInfo;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** `tao4j drand round`: the quicknet round at a time (now, --at, or now + --in). */
@Command(name = "round", mixinStandardHelpOptions = true,
        description = {"Print the drand quicknet round emitted at a time: round = floor((t - genesis)/period) + 1.",
                "With --mantis-lock, print the round MANTIS's miner formula would lock to instead."})
public final class DrandRoundCommand extends DrandSubcommand {
    static final class When {
        @Option(names = "--at", description = "ISO-8601 instant, e.g. 2025-01-01T00:00:00Z.")
        String at;

        @Option(names = "--in", description = "Seconds from now.")
        Double in;
    }

    @ArgGroup(exclusive = true)
    When when;

    @Option(names = "--mantis-lock", description = "Lock seconds for MANTIS's target-round formula (no +1).")
    Double mantisLock;

    @Override
    public Integer call() {
        Instant t = Instant.now();
        if (when != null && when.at != null) {
            try {
                t = OffsetDateTime.parse(when.at).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    t = Instant.parse(when.at);
                } catch (DateTimeParseException e2) {
                    throw new CliException("--at is not an ISO-8601 time with offset: " + when.at, 2);
                }
            }
        } else if (when != null && when.in != null) {
            if (when.in.isNaN() || when.in.isInfinite()) {
                throw new CliException("--in must be a number of seconds", 2);
            }
            t = t.plusNanos((long) (when.in * 1e9));
        }
        ChainInfo q = ChainInfo.QUICKNET;
        long r;
        if (mantisLock != null) {
            r = q.mantisTargetRound(t, mantisLock);
        } else {
            r = q.roundAt(t);
            if (r < 1) {
                throw new CliException("time " + t + " is before quicknet genesis (" + Instant.ofEpochSecond(q.genesisTime()) + ")", 2);
            }
        }
        println(r);
        return 0;
    }
}
