package io.tao4j.cli.lfc;

import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.CliException;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.lfc.LfcException;
import io.tao4j.lfc.LfcMetrics;
import io.tao4j.lfc.SlackNotifier;
import io.tao4j.lfc.Sweeper;
import io.tao4j.wallet.Wallet;
import io.tao4j.wallet.WalletException;
import io.tao4j.wallet.WrongPasswordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/** {@code tao4j lfc sweeper}: the stake sweeper (the reference's "miner"). */
@Command(name = "sweeper", mixinStandardHelpOptions = true,
        description = "Each epoch: move all alpha from the miner hotkey to the aggregator hotkey, then transfer the"
                + " aggregator's stake to the destination coldkey.")
public final class SweeperCommand extends LfcNeuronCommand {
    private static final Logger log = LoggerFactory.getLogger(SweeperCommand.class);
    /** The reference's defaults. */
    public static final String DEFAULT_AGGREGATOR = "5CATQqY6rA26Kkvm2abMTRtxnwyxigHZKxNJq86bUcpYsn35";
    public static final String DEFAULT_DESTINATION = "5HLBDbdKfPCPKW33sPPyut8dPRTXA413Yp4ZRBgVKfrk4PcD";
    /** The password variable the reference reads. */
    public static final String PASSWORD_ENV = "MINER_WALLET_PASSWORD";

    @Option(names = "--netuid", defaultValue = "35", paramLabel = "NETUID", description = "Subnet (default: ${DEFAULT-VALUE}).")
    int netuid;

    @Option(names = {"--aggregator-hotkey", "--aggregator_hotkey"}, defaultValue = DEFAULT_AGGREGATOR, paramLabel = "SS58",
            description = "Hotkey (of this wallet's coldkey) that collects the alpha (default: ${DEFAULT-VALUE}).")
    String aggregator;

    @Option(names = {"--destination-coldkey", "--destination_coldkey"}, defaultValue = DEFAULT_DESTINATION, paramLabel = "SS58",
            description = "Coldkey that receives the aggregated stake (default: ${DEFAULT-VALUE}).")
    String destination;

    @Option(names = {"--poll-interval", "--poll_interval"}, defaultValue = "30", paramLabel = "SECONDS",
            description = "Seconds between epoch checks (default: ${DEFAULT-VALUE}).")
    double pollSeconds;

    @Option(names = {"--wait-finalization", "--wait_finalization"},
            description = "Wait for finalization of each extrinsic (default: inclusion only).")
    boolean waitFinalization;

    @Option(names = {"--no-initial-transfer", "--no_initial_transfer"}, description = "Skip the transfer at start-up.")
    boolean noInitialTransfer;

    @Option(names = "--once", description = "Do the start-up sweep (and transfer) and exit instead of watching epochs.")
    boolean once;

    @Option(names = "--dry-run", description = "Do everything except submitting extrinsics.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (!(pollSeconds > 0) || pollSeconds > 86_400) {
            throw new CliException("--poll-interval must be between 0 and 86400 seconds, got " + pollSeconds, 2);
        }
        Duration outage = notify.chainOutage();
        Wallet w = wallet.wallet();
        String minerHotkey;
        try {
            minerHotkey = w.hotkeyPub().ss58Address();
        } catch (WalletException e) {
            log.warn("No hotkey '{}' in wallet '{}': only the aggregator's stake is handled ({})", w.hotkey(), w.name(), e.getMessage());
            minerHotkey = "";
        }
        String miner = minerHotkey;
        Sweeper.Config config = config(() -> new Sweeper.Config(netuid, miner, aggregator.trim(), destination.trim(),
                waitFinalization, dryRun, Duration.ofMillis(Math.round(pollSeconds * 1000))));
        // unlock the coldkey exactly once, before anything else touches the chain
        Sr25519KeyPair coldkey;
        try {
            coldkey = w.coldkey(secret.resolver(passwords, PASSWORD_ENV));
        } catch (WrongPasswordException e) {
            throw new CliException("cannot unlock the coldkey of wallet '" + w.name() + "': " + e.getMessage());
        } catch (WalletException e) {
            throw new CliException(e.getMessage());
        }
        log.info("Loaded wallet: coldkey {}, hotkey {}.", coldkey.ss58(), minerHotkey.isEmpty() ? "<unavailable>" : minerHotkey);
        SlackNotifier slack = notify.slack(SlackNotifier.Role.MINER, minerHotkey.isEmpty() ? coldkey.ss58() : minerHotkey);
        try (Subtensor chain = subtensor.connectSubtensor(); LfcMetrics metrics = notify.metrics(); Shutdown shutdown = new Shutdown()) {
            Sweeper sweeper = Sweeper.builder().subtensor(chain).signer(coldkey).config(config).slack(slack).metrics(metrics)
                    .chainOutageAlertAfter(outage).build();
            List<String> owned = sweeper.ownedHotkeys();
            log.info("Owned hotkeys for coldkey {}: {}", coldkey.ss58(), owned.isEmpty() ? "none" : String.join(", ", owned));
            try {
                sweeper.requireAggregatorOwned(owned);
            } catch (LfcException e) {
                throw new CliException(e.getMessage());
            }
            announceStart(slack, "🚀 Miner started on subnet " + netuid + "\nColdkey: " + SlackNotifier.tail(coldkey.ss58())
                    + "\nHotkey: " + SlackNotifier.tail(minerHotkey) + "\nNetwork: " + subtensor.network().name()
                    + "\nAggregator: " + SlackNotifier.tail(config.aggregatorHotkey())
                    + "\nDestination: " + SlackNotifier.tail(config.destinationColdkey()));
            try {
                sweeper.logSnapshot();
                sweeper.sweepToAggregator();
                if (!noInitialTransfer && !shutdown.stop.isStopped()) {
                    sweeper.transferAggregated();
                }
                if (!once) {
                    log.info("Entering epoch monitoring loop (poll interval {} s). Press Ctrl+C to exit.", pollSeconds);
                    sweeper.run(shutdown.stop);
                }
            } finally {
                announceStop(slack, "🛑 Miner stopped\nColdkey: " + SlackNotifier.tail(coldkey.ss58()) + "\nHotkey: "
                        + SlackNotifier.tail(minerHotkey) + "\nNetuid: " + netuid, log);
            }
        }
        return 0;
    }
}
