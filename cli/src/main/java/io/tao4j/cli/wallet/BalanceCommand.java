package io.tao4j.cli.wallet;

import io.tao4j.cli.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.chain.Balance;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Ss58;
import io.tao4j.wallet.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "balance", mixinStandardHelpOptions = true,
        description = {"Free, staked and total balance of a wallet's coldkey (--all: every wallet under --wallet.path;"
                + " --ss58: any addresses), read at one block.",
                "Staked is the TAO value of every stake of the coldkey (alpha at the subnet's pool price, as btcli)."})
public final class BalanceCommand extends WalletChainCommand {
    @Option(names = {"--all", "-a"}, description = "Every wallet under --wallet.path that has a coldkeypub.txt.")
    boolean all;

    @Option(names = {"--ss58", "--ss58-address"}, paramLabel = "ADDRESS", split = ",",
            description = "Coldkey addresses to check instead of a wallet (repeat or separate with commas).")
    List<String> ss58;

    @Override
    int execute() {
        String network = subtensor.network().name(); // a bad --network is a usage error, before any wallet is read
        Map<String, String> coldkeys = coldkeys(); // label -> ss58, before any connection
        Map<String, Balance[]> rows = new LinkedHashMap<>();
        Balance totalFree = Balance.ofRao(0);
        Balance totalStaked = Balance.ofRao(0);
        try (Subtensor st = subtensor.connectSubtensor()) {
            WalletChainReads chain = new WalletChainReads(st.at());
            for (Map.Entry<String, String> e : coldkeys.entrySet()) {
                Balance free = chain.free(e.getValue());
                Balance staked = chain.staked(e.getValue());
                rows.put(e.getKey(), new Balance[]{free, staked});
                totalFree = totalFree.plus(free);
                totalStaked = totalStaked.plus(staked);
            }
        }
        PrintWriter out = out();
        if (output.json()) {
            ObjectMapper m = Json.MAPPER;
            ObjectNode root = m.createObjectNode();
            ObjectNode balances = root.putObject("balances");
            rows.forEach((label, b) -> {
                ObjectNode o = balances.putObject(label);
                o.put("coldkey", coldkeys.get(label));
                o.put("free", WalletChainReads.jsonTao(b[0]));
                o.put("staked", WalletChainReads.jsonTao(b[1]));
                o.put("total", WalletChainReads.jsonTao(b[0].plus(b[1])));
            });
            ObjectNode totals = root.putObject("totals");
            totals.put("free", WalletChainReads.jsonTao(totalFree));
            totals.put("staked", WalletChainReads.jsonTao(totalStaked));
            totals.put("total", WalletChainReads.jsonTao(totalFree.plus(totalStaked)));
            out.println(WalletChainReads.json(root));
            return 0;
        }
        int decimals = output.verbose() ? 9 : 4;
        if (!output.quiet()) {
            out.println("Wallet coldkey balance — network: " + network);
        }
        String fmt = "%-20s %-48s %22s %22s %22s%n";
        out.printf(fmt, "Wallet Name", "Coldkey Address", "Free Balance", "Staked Value", "Total Balance");
        rows.forEach((label, b) -> out.printf(fmt, label, coldkeys.get(label), b[0].format(decimals),
                b[1].format(decimals), b[0].plus(b[1]).format(decimals)));
        out.printf(fmt, "Total Balance", "", totalFree.format(decimals), totalStaked.format(decimals),
                totalFree.plus(totalStaked).format(decimals));
        return 0;
    }

    /** btcli's labels: the wallet name, or "Provided Address N" for --ss58. */
    private Map<String, String> coldkeys() {
        Map<String, String> out = new LinkedHashMap<>();
        if (ss58 != null && !ss58.isEmpty()) {
            List<String> seen = new ArrayList<>();
            for (String a : ss58) {
                String addr = a.strip();
                try {
                    Ss58.decode(addr);
                } catch (IllegalArgumentException e) {
                    throw usage("--ss58 '" + addr + "' is not a valid SS58 address (" + e.getMessage()
                            + "); copy the address from 'tao4j wallet show' or coldkeypub.txt");
                }
                if (!seen.contains(addr)) {
                    seen.add(addr);
                    out.put("Provided Address " + seen.size(), addr);
                }
            }
            return out;
        }
        if (all) {
            for (Wallet.Summary s : Wallet.list(wallet.path())) {
                s.coldkeySs58().ifPresent(a -> out.put(s.name(), a));
            }
            if (out.isEmpty()) {
                throw new io.tao4j.cli.CliException("no wallet with a coldkeypub.txt under " + wallet.path()
                        + "; create one with 'tao4j wallet create' or point --wallet-path at your wallets", 1);
            }
            return out;
        }
        Wallet w = wallet.wallet();
        out.put(w.name(), w.coldkeyPub().ss58Address());
        return out;
    }
}
