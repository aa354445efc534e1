import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.crypto.Bip39;
import io.tao4j.localnet.Localnet;
import io.tao4j.localnet.node.Genesis;
import io.tao4j.mantis.ledger.Ledger;
import io.tao4j.mantis.ledger.LedgerStats;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.wallet.KeyfileData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs library code with the tao4j modules on the module path (see run.sh): every descriptor resolves, and the
 * paths that depend on resources, reflection or service loading work when the packages are encapsulated —
 * BIP-39 word list, Jackson on Genesis, LedgerStats and keyfiles, SQLite, the Jetty WebSocket endpoint.
 */
public class ModuleSmoke {
    public static void main(String[] args) throws Exception {
        for (String m : new String[]{"io.tao4j.crypto", "io.tao4j.scale", "io.tao4j.wallet", "io.tao4j.chain",
                "io.tao4j.drand", "io.tao4j.localnet", "io.tao4j.mantis"}) {
            Module mod = ModuleLayer.boot().findModule(m).orElseThrow(() -> new AssertionError("not a named module: " + m));
            check(!mod.getDescriptor().isAutomatic(), m + " has its own module descriptor");
        }
        check(Bip39.isValid(Bip39.generate(12)), "bip39 word list");
        KeyfileData alice = KeyfileData.fromUri("//Alice");
        check(KeyfileData.parse(alice.toJson(), "smoke").ss58Address().equals(alice.ss58Address()), "keyfile JSON round trip");

        Path dir = Files.createTempDirectory("tao4j-module-smoke");
        Path genesis = dir.resolve("genesis.json");
        Files.writeString(genesis, Genesis.defaults().toJson());
        check(Genesis.read(genesis).toJson().equals(Genesis.defaults().toJson()), "genesis JSON round trip");

        LedgerStats stats = new LedgerStats(1, 2, 3L, 4L, Map.of("ETH", new LedgerStats.TickerStats(5, 6, 7, 8L, 9L)), 10, 11, 12);
        check(new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(stats)).path("tickers").path("ETH").path("priced").asLong() == 6,
                "LedgerStats as JSON");
        Path ledger = dir.resolve("ledger.db");
        try (Ledger l = Ledger.open(ledger, MantisConfig.CHALLENGES)) {
            check(l != null, "ledger");
        }
        check(LedgerStats.of(ledger).blocks() == 0, "SQLite ledger statistics");

        try (Localnet net = Localnet.start(Localnet.Config.defaults().onFreePorts().forTests());
             WsRpcClient ws = WsRpcClient.connect(net.rpcUrl())) {
            net.produceBlock();
            check(OnlineClient.connect(ws).currentBlock() >= 1, "localnet over WebSocket");
        }
        System.out.println("module smoke: OK");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("module smoke failed: " + what);
        }
        System.out.println("ok  " + what);
    }
}
