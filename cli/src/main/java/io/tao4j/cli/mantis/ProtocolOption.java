package io.tao4j.cli.mantis;

import io.tao4j.cli.CliException;
import io.tao4j.mantis.protocol.Protocol;
import io.tao4j.mantis.validator.ProtocolScoring;
import io.tao4j.mantis.validator.ValidatorConfig;
import picocli.CommandLine.Option;

/**
 * {@code --protocol}: the MANTIS protocol version a command scores, validates, collects or mines with
 * ({@link Protocol#of}); default bcff57b, what subnet 123 runs.
 */
public final class ProtocolOption {
    @Option(names = "--protocol", paramLabel = "VERSION", defaultValue = "bcff57b",
            description = "MANTIS protocol version: bcff57b (what subnet 123 runs; default) or 2e9bc5b (the original 8 challenges).")
    String value = "bcff57b";

    /** The chosen version. @throws CliException (exit 2) saying what to type */
    public Protocol protocol() {
        try {
            return Protocol.of(value);
        } catch (IllegalArgumentException e) {
            throw new CliException("--protocol: " + e.getMessage(), 2);
        }
    }

    /**
     * What the offline salience commands score this protocol's challenges with: the protocol's own engine, as the
     * validator ({@link ProtocolScoring#plan}).
     */
    public ProtocolScoring.Plan scoringPlan() {
        return ProtocolScoring.plan(ValidatorConfig.defaults(protocol()));
    }
}
