package io.tao4j.cli.drand;

import io.tao4j.cli.CliException;
import io.tao4j.drand.Beacon;
import io.tao4j.drand.DrandClient;
import io.tao4j.drand.DrandException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** `tao4j drand beacon`: fetch a quicknet beacon from the relays, verified and cached. */
@Command(name = "beacon", mixinStandardHelpOptions = true,
        description = {"Fetch a verified drand quicknet beacon from the relays (v2 API, failover, cache).",
                "The signature is checked against the quicknet key before it is printed or cached.",
                "Exit 3 if the round is not out yet, 1 if no relay gave a valid beacon."})
public final class DrandBeaconCommand extends DrandSubcommand {
    @Option(names = "--round", description = "Round number; default the latest.")
    Long round;

    @Option(names = "--relay", description = "Relay base URL ending in /v2 (repeatable); default the public relays.")
    List<String> relays;

    @Option(names = "--cache-dir", description = "Signature cache directory (default ~/.tao4j/drand).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Do not read or write the signature cache.")
    boolean noCache;

    @Override
    public Integer call() {
        Path dir = noCache ? null : (cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".tao4j", "drand"));
        DrandClient.Config cfg = DrandClient.Config.defaults(dir);
        if (relays != null && !relays.isEmpty()) {
            cfg = cfg.withRelays(relays);
        }
        DrandClient client = new DrandClient(cfg);
        try {
            Beacon b = round == null ? client.latest() : client.beacon(Args.round(round));
            println("{\"round\":" + b.round() + ",\"signature\":\"" + b.signatureHex() + "\"}");
            return 0;
        } catch (DrandException e) {
            throw new CliException(e.getMessage(), e.reason() == DrandException.Reason.NOT_YET_AVAILABLE ? 3 : 1);
        }
    }
}
