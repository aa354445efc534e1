package io.tao4j.cli.wallet;

import io.tao4j.cli.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.chain.Balance;
import io.tao4j.chain.subtensor.Metagraph;
import io.tao4j.chain.subtensor.Neuron;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.CliException;
import io.tao4j.wallet.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "overview", mixinStandardHelpOptions = true,
        description = {"Every subnet where a hotkey of the wallet (--all: of every wallet) is registered: UID, stake,"
                + " rank, trust, consensus, incentive, dividends, emission per block, validator trust and permit, blocks"
                + " since the last update, axon — btcli's table, read from the metagraph at one block."})
public final class OverviewCommand extends WalletChainCommand {
    @Option(names = {"--all", "-a"}, description = "Every wallet under --wallet.path.")
    boolean all;

    @Option(names = {"--netuids", "--netuid", "-n"}, split = ",", paramLabel = "NETUID",
            description = "Only these subnets (comma separated).")
    List<Integer> netuids;

    /** A local hotkey: its wallet, its name, the wallet's coldkey (null when unreadable). */
    private record Local(String wallet, String hotkey, String coldkey) {
    }

    @Override
    int execute() {
        String network = subtensor.network().name(); // a bad --network is a usage error, before any wallet is read
        Map<String, Local> hotkeys = new LinkedHashMap<>(); // ss58 -> local names
        List<String> coldkeys = new ArrayList<>();
        String walletLabel;
        if (all) {
            for (Wallet.Summary s : Wallet.list(wallet.path())) {
                s.coldkeySs58().ifPresent(coldkeys::add);
                s.hotkeys().forEach(h -> h.ss58().ifPresent(a -> hotkeys.put(a,
                        new Local(s.name(), h.name(), s.coldkeySs58().orElse(null)))));
            }
            walletLabel = "All";
        } else {
            Wallet w = wallet.wallet();
            String cold = w.coldkeyPub().ss58Address();
            coldkeys.add(cold);
            Wallet.list(wallet.path()).stream().filter(s -> s.name().equals(w.name())).findFirst()
                    .ifPresent(s -> s.hotkeys().forEach(h -> h.ss58().ifPresent(a -> hotkeys.put(a, new Local(s.name(), h.name(), cold)))));
            walletLabel = w.name() + "|" + cold;
        }
        if (hotkeys.isEmpty()) {
            throw new CliException("no hotkeys with a readable address under " + wallet.path()
                    + (all ? "" : "/" + wallet.name() + "/hotkeys") + "; create one with 'tao4j wallet new-hotkey'"
                    + " (or regen-hotkeypub on a watch-only machine)", 1);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        Balance free = Balance.ofRao(0);
        List<String[]> text = new ArrayList<>();
        try (Subtensor st0 = subtensor.connectSubtensor()) {
            Subtensor st = st0.at();
            WalletChainReads chain = new WalletChainReads(st);
            for (String c : coldkeys) {
                free = free.plus(chain.free(c));
            }
            long block = st.currentBlock();
            root.put("wallet", walletLabel);
            root.put("network", network);
            ArrayNode subnets = root.putArray("subnets");
            for (int netuid : chain.netuids()) {
                if (netuids != null && !netuids.contains(netuid)) {
                    continue;
                }
                Metagraph mg = st.metagraph(netuid, null);
                List<Neuron> mine = mg.neurons().stream().filter(n -> hotkeys.containsKey(n.hotkey())).toList();
                if (mine.isEmpty()) {
                    continue;
                }
                Integer tempo = st.tempo(netuid, null);
                ObjectNode sn = subnets.addObject();
                sn.put("netuid", netuid);
                sn.put("tempo", tempo);
                ArrayNode neurons = sn.putArray("neurons");
                sn.put("name", "");
                sn.put("symbol", Balance.unit(netuid));
                text.add(new String[]{"Subnet: " + netuid + " " + Balance.unit(netuid) + " (tempo " + tempo + ")"});
                for (Neuron n : mine) {
                    Local l = local(hotkeys, n);
                    double stake = Balance.ofAlphaRao(n.stake(), netuid).tao().doubleValue();
                    long emission = tempo == null ? n.emission() : (long) (n.emission() / (tempo + 1.0)); // rao per block
                    long updated = block - n.lastUpdate();
                    String axon = n.axonPort() == 0 ? null : n.axonIp() + ":" + n.axonPort();
                    ObjectNode o = neurons.addObject();
                    o.put("coldkey", l.wallet());
                    o.put("hotkey", l.hotkey());
                    o.put("uid", n.uid());
                    o.put("active", n.active());
                    o.put("stake", stake);
                    o.put("rank", u16(n.rank()));
                    o.put("trust", u16(n.trust()));
                    o.put("consensus", u16(n.consensus()));
                    o.put("incentive", u16(n.incentive()));
                    o.put("dividends", u16(n.dividends()));
                    o.put("emission", emission);
                    o.put("validator_trust", u16(n.validatorTrust()));
                    o.put("validator_permit", n.validatorPermit());
                    o.put("last_update", updated);
                    o.put("axon", axon);
                    o.put("hotkey_ss58", n.hotkey());
                    int d = output.verbose() ? 9 : 4;
                    text.add(new String[]{l.wallet(), l.hotkey(), Integer.toString(n.uid()), Boolean.toString(n.active()),
                            Balance.ofAlphaRao(n.stake(), netuid).format(d), f(u16(n.rank())), f(u16(n.trust())),
                            f(u16(n.consensus())), f(u16(n.incentive())), f(u16(n.dividends())), Long.toString(emission),
                            f(u16(n.validatorTrust())), n.validatorPermit() ? "*" : "", Long.toString(updated),
                            axon == null ? "none" : axon, n.hotkey()});
                }
            }
            root.put("total_balance", WalletChainReads.jsonTao(free));
        }
        PrintWriter out = out();
        if (output.json()) {
            out.println(WalletChainReads.json(root));
            return 0;
        }
        if (!output.quiet()) {
            out.println("Wallet " + walletLabel.replace("|", " : ") + " — network: " + network);
        }
        String fmt = "%-12s %-12s %5s %6s %18s %7s %7s %9s %9s %9s %12s %7s %7s %7s %-21s %s%n";
        for (String[] row : text) {
            if (row.length == 1) {
                out.println();
                out.println(row[0]);
                out.printf(fmt, "COLDKEY", "HOTKEY", "UID", "ACTIVE", "STAKE", "RANK", "TRUST", "CONSENSUS",
                        "INCENTIVE", "DIVIDENDS", "EMISSION(ρ)", "VTRUST", "VPERMIT", "UPDATED", "AXON", "HOTKEY_SS58");
            } else {
                out.printf(fmt, (Object[]) row);
            }
        }
        if (text.isEmpty()) {
            out.println("None of the wallet's hotkeys is registered on " + (netuids == null ? "any subnet" : "subnets " + netuids) + ".");
        }
        out.println();
        out.println("Wallet free balance: " + free.format(output.verbose() ? 9 : 4));
        return 0;
    }

    /**
     * The local names for a neuron; when the chain gives the hotkey to another coldkey than the local wallet's, the
     * first 7 characters of both addresses, as btcli shows such a mismatch.
     */
    private static Local local(Map<String, Local> hotkeys, Neuron n) {
        Local l = hotkeys.get(n.hotkey());
        if (l != null && n.coldkey().equals(l.coldkey())) {
            return l;
        }
        return new Local(n.coldkey().substring(0, Math.min(7, n.coldkey().length())),
                n.hotkey().substring(0, Math.min(7, n.hotkey().length())), n.coldkey());
    }

    private static double u16(int v) {
        return v / 65535.0;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
