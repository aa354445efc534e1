package io.tao4j.cli.mantis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.cli.CliRun;
import io.tao4j.localnet.Localnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the MANTIS command tests on a local network: one fast network (250 ms blocks) per test class, started
 * before the subclass's own {@code @BeforeAll} and closed after it, and a wallets folder.
 */
abstract class MantisLocalnetTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Localnet net;
    @TempDir
    static Path wallets;

    @BeforeAll
    static void startLocalnet() throws Exception {
        net = Localnet.start(Localnet.Config.defaults().fast().onFreePorts());
    }

    @AfterAll
    static void stopLocalnet() {
        if (net != null) {
            net.close();
        }
    }

    /**
     * Runs {@code tao4j mantis <command>} as the wallet's hotkey (from {@link #wallets}) on the local network at
     * {@code endpoint}, with {@code more} options after.
     */
    static CliRun neuron(String command, String walletName, String hotkey, String endpoint, List<String> more) {
        List<String> args = new ArrayList<>(List.of("mantis", command, "--wallet.path", wallets.toString(),
                "--wallet.name", walletName, "--wallet.hotkey", hotkey, "--subtensor.network", "local",
                "--subtensor.chain_endpoint", endpoint));
        args.addAll(more);
        return CliRun.run(args.toArray(String[]::new));
    }
}
