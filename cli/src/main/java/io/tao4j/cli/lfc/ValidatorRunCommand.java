package io.tao4j.cli.lfc;

import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.CliException;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.lfc.LfcMetrics;
import io.tao4j.lfc.SlackNotifier;
import io.tao4j.lfc.LfcWeightValidator;
import io.tao4j.wallet.WalletException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code tao4j lfc validator run}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the validator loop: registered? permit? then set weights [target] = 1.0 every interval.")
public final class ValidatorRunCommand extends LfcNeuronCommand {
    private static final Logger log = LoggerFactory.getLogger(ValidatorRunCommand.class);

    @Option(names = "--netuid", required = true, paramLabel = "NETUID", description = "Subnet to validate on.")
    int netuid;

    @Option(names = {"--target_uid", "--target-uid"}, paramLabel = "UID|auto", defaultValue = "69",
            description = "UID that receives all weight, or 'auto' for the subnet owner hotkey's UID (default: ${DEFAULT-VALUE}).")
    String targetUid;

    @Option(names = "--auto-target", description = "Same as --target_uid auto.")
    boolean autoTarget;

    @Option(names = {"--set_weights_interval", "--set-weights-interval"}, paramLabel = "BLOCKS", defaultValue = "720",
            description = "Blocks to wait after setting weights (default: ${DEFAULT-VALUE}).")
    long interval;

    @Option(names = "--retry-seconds", paramLabel = "SECONDS", defaultValue = "10",
            description = "Wait before retrying after a non-benign failure (default: ${DEFAULT-VALUE}).")
    double retrySeconds;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "0",
            description = "Stop after N loop iterations (default: 0 = run until stopped).")
    int iterations;

    @Option(names = "--dry-run", description = "Do everything except submitting the weights.")
    boolean dryRun;

    Integer parseTarget() {
        if (autoTarget || "auto".equalsIgnoreCase(targetUid.trim())) {
            return null;
        }
        try {
            return Integer.parseInt(targetUid.trim());
        } catch (NumberFormatException e) {
            throw new CliException("--target_uid must be a UID (0-65535) or 'auto', got '" + targetUid + "'", 2);
        }
    }

    @Override
    public Integer call() {
        if (!(retrySeconds > 0) || retrySeconds > 86_400) {
            throw new CliException("--retry-seconds must be between 0 and 86400, got " + retrySeconds, 2);
        }
        if (iterations < 0) {
            throw new CliException("--iterations must be 0 or more, got " + iterations, 2);
        }
        Duration outage = notify.chainOutage();
        LfcWeightValidator.Config config = config(() -> new LfcWeightValidator.Config(netuid, parseTarget(), interval,
                Duration.ofMillis(Math.round(retrySeconds * 1000)),
                Duration.ofMillis(Math.min(2000, Math.max(50, Math.round(retrySeconds * 100)))), dryRun));
        Sr25519KeyPair hotkey;
        try {
            hotkey = wallet.wallet().hotkeyPair(secret.resolver(passwords, null));
        } catch (WalletException e) {
            throw new CliException(e.getMessage());
        }
        log.info("Wallet {} hotkey {} ({})", wallet.name(), wallet.hotkey(), hotkey.ss58());
        SlackNotifier slack = notify.slack(SlackNotifier.Role.VALIDATOR, hotkey.ss58());
        log.info(slack != null ? "Slack notifications enabled" : "Slack notifications disabled");
        try (Subtensor connected = subtensor.connectSubtensor(); LfcMetrics metrics = notify.metrics(); Shutdown shutdown = new Shutdown()) {
            Subtensor chain = subtensor.timelockFor(connected);
            LfcWeightValidator loop = LfcWeightValidator.builder().subtensor(chain).signer(hotkey).config(config).slack(slack)
                    .metrics(metrics).chainOutageAlertAfter(outage).build();
            announceStart(slack, "🚀 Validator started on subnet " + netuid + "\nHotkey: " + SlackNotifier.tail(hotkey.ss58())
                    + "\nNetwork: " + subtensor.network().name() + "\nTarget UID: " + (config.targetUid() == null ? "auto (subnet owner)"
                    : config.targetUid()) + (dryRun ? "\nDry run" : ""));
            try {
                if (iterations == 0) {
                    loop.run(shutdown.stop);
                } else {
                    for (int i = 0; i < iterations && !shutdown.stop.isStopped(); i++) {
                        LfcWeightValidator.Step s = loop.step();
                        log.info("Iteration {}: {} ({})", i + 1, s.kind(), s.message());
                        if (i + 1 < iterations && !(s.waitTime() != null ? shutdown.stop.sleep(s.waitTime())
                                : loop.waitBlocks(s.waitBlocks(), shutdown.stop))) {
                            break;
                        }
                    }
                }
            } finally {
                announceStop(slack, "🛑 Validator stopped\nHotkey: " + SlackNotifier.tail(hotkey.ss58()) + "\nNetuid: " + netuid, log);
            }
        }
        return 0;
    }
}
