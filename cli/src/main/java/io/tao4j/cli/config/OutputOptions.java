package io.tao4j.cli.config;

import io.tao4j.cli.CliException;
import picocli.CommandLine.Option;

/**
 * btcli's output habits, as a picocli mixin: {@code --json} ({@code --json-output}, {@code --json-out}),
 * {@code --quiet}, {@code --verbose}, {@code --no-prompt} ({@code -y}, {@code --yes}, {@code --no_prompt}).
 * With {@code --json} the result is one JSON document on stdout and nothing else is printed there.
 */
public final class OutputOptions {
    @Option(names = {"--json", "--json-output", "--json-out"}, description = "Print the result as JSON (btcli's shape).")
    boolean json;

    @Option(names = "--quiet", description = "Print only the result and errors.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print more detail (e.g. exact values instead of rounded ones).")
    boolean verbose;

    @Option(names = {"--no-prompt", "-y", "--yes", "--no_prompt"}, description = "Never ask for confirmation.")
    boolean noPrompt;

    public boolean json() {
        return json;
    }

    /** {@code --quiet} (or {@code --json}, which keeps stdout to the JSON document). */
    public boolean quiet() {
        return quiet || json;
    }

    /**
     * {@code --verbose}.
     *
     * @throws CliException (exit 2) when both --quiet and --verbose are given, as btcli refuses them together
     */
    public boolean verbose() {
        if (quiet && verbose) {
            throw new CliException("--quiet and --verbose cannot be used together; choose one", 2);
        }
        return verbose;
    }

    public boolean noPrompt() {
        return noPrompt;
    }
}
