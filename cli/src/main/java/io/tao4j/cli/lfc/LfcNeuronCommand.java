package io.tao4j.cli.lfc;

import io.tao4j.cli.CliException;
import io.tao4j.cli.PasswordOptions;
import io.tao4j.cli.SubtensorOptions;
import io.tao4j.cli.WalletOptions;
import io.tao4j.lfc.LfcException;
import io.tao4j.lfc.SlackNotifier;
import org.slf4j.Logger;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * What the LFC neurons ({@code validator run}, {@code sweeper}) share: the wallet, its password sources, the chain,
 * Slack and metrics, and how a run starts and ends on Slack.
 */
abstract class LfcNeuronCommand implements Callable<Integer> {
    @Mixin
    WalletOptions wallet;
    @Mixin
    PasswordOptions passwords;
    @Mixin
    SubtensorOptions subtensor;
    @Mixin
    SecretOptions secret;
    @Mixin
    NotifyOptions notify;

    /** The neuron's configuration from {@code build}; a value it refuses ({@link LfcException}) is a usage error (exit 2). */
    static <T> T config(Supplier<T> build) {
        try {
            return build.get();
        } catch (LfcException e) {
            throw new CliException(e.getMessage(), 2);
        }
    }

    /** With Slack on: starts the daily summaries and says the neuron started. */
    static void announceStart(SlackNotifier slack, String message) {
        if (slack != null) {
            slack.startDailySummaries();
            slack.send(message, SlackNotifier.Level.INFO);
        }
    }

    /**
     * With Slack on: says the neuron stopped and closes the notifier; then logs the end of the shutdown on {@code log} (before the
     * shutdown hook is released: after that a signalled JVM halts at once).
     */
    static void announceStop(SlackNotifier slack, String message, Logger log) {
        if (slack != null) {
            slack.send(message, SlackNotifier.Level.INFO);
            slack.close();
        }
        log.info("Shutdown complete.");
    }
}
