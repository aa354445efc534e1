package io.tao4j.cli.config;

import io.tao4j.cli.GroupCommand;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.cli.CliException;
import io.tao4j.chain.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tao4j config set|get|clear}: btcli's defaults file ({@code ~/.bittensor/config.yml}, or
 * {@code $BTCLI_CONFIG_PATH}), read and written in btcli's format so both tools share one set of defaults.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Get, set and clear the defaults shared with btcli (~/.bittensor/config.yml, or $BTCLI_CONFIG_PATH).",
                "Used when a flag is absent: flag > environment (BT_WALLET_*, BT_NETWORK…) > this file > built-in default."},
        subcommands = {ConfigCommand.Set.class, ConfigCommand.Get.class, ConfigCommand.Clear.class})
public final class ConfigCommand extends GroupCommand {

    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** Prints the file (as btcli's {@code config get} table, or its content as JSON). */
        void print(BtcliConfig c) {
            PrintWriter out = out();
            if (output.json()) {
                out.println(c.toJson());
                return;
            }
            out.println("btcli config: " + c.path() + (c.keys().isEmpty() ? " (empty)" : ""));
            for (String key : c.keys()) {
                JsonNode v = c.get(key);
                if (v != null && v.isObject()) {
                    boolean first = true;
                    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        out.printf("  %-20s %-16s %s%n", first ? key : "", e.getKey(), e.getValue().asText());
                        first = false;
                    }
                    continue;
                }
                String text = v == null || v.isNull() ? "None" : v.asText();
                if (key.equals("network")) {
                    text = v == null || v.isNull() ? "None (default = finney)" : describe(text);
                } else if (key.equals("rate_tolerance") && v != null && v.isNumber()) {
                    text = text + " (" + (v.asDouble() * 100) + "%)";
                }
                out.printf("  %-20s %s%n", key, text);
            }
        }

        private static String describe(String network) {
            for (Network n : Network.NAMED) {
                if (n.name().equals(network)) {
                    return network + " (" + n.endpoint() + ")";
                }
            }
            return network;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set defaults in the btcli config file (other keys in it are kept).")
    public static final class Set extends Base {
        @Option(names = {"--wallet-name", "--name", "--wallet_name", "--wallet.name"}, paramLabel = "NAME")
        String walletName;
        @Option(names = {"--wallet-path", "-p", "--wallet_path", "--wallet.path"}, paramLabel = "DIR")
        String walletPath;
        @Option(names = {"--wallet-hotkey", "--hotkey", "-H", "--wallet_hotkey", "--wallet.hotkey"}, paramLabel = "HOTKEY")
        String walletHotkey;
        @Option(names = {"--network", "--subtensor.network", "--chain", "--subtensor.chain_endpoint"}, paramLabel = "NETWORK",
                description = "finney, test, archive, local, rao, dev, latent-lite, or an endpoint URL.")
        String network;
        @Option(names = "--cache", negatable = true, description = "btcli's use_cache.")
        Boolean useCache;
        @Option(names = "--disk-cache", negatable = true, description = "btcli's disk_cache.")
        Boolean diskCache;
        @Option(names = {"--tolerance", "--rate-tolerance"}, paramLabel = "FRACTION",
                description = "Rate tolerance for staking, 0 to 1 (e.g. 0.005 for 0.5%%).")
        Double rateTolerance;
        @Option(names = "--safe-staking", negatable = true, description = "btcli's safe_staking.")
        Boolean safeStaking;
        @Option(names = "--allow-partial-stake", negatable = true, description = "btcli's allow_partial_stake.")
        Boolean allowPartialStake;
        @Option(names = {"--dashboard-path", "--dashboard.path"}, paramLabel = "DIR")
        String dashboardPath;

        @Override
        public Integer call() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("wallet_name", nonBlank(walletName, "--wallet-name"));
            values.put("wallet_path", nonBlank(walletPath, "--wallet-path"));
            values.put("wallet_hotkey", nonBlank(walletHotkey, "--wallet-hotkey"));
            values.put("network", network == null ? null : networkValue(network));
            values.put("use_cache", useCache);
            values.put("disk_cache", diskCache);
            if (rateTolerance != null && !(rateTolerance >= 0 && rateTolerance <= 1)) {
                throw new CliException("--tolerance must be between 0 and 1 (e.g. 0.005 for 0.5%), got " + rateTolerance, 2);
            }
            values.put("rate_tolerance", rateTolerance);
            values.put("safe_staking", safeStaking);
            values.put("allow_partial_stake", allowPartialStake);
            values.put("dashboard_path", nonBlank(dashboardPath, "--dashboard-path"));
            values.values().removeIf(v -> v == null);
            if (values.isEmpty()) {
                throw new CliException("nothing to set; give e.g. --wallet-name NAME, --wallet-hotkey NAME,"
                        + " --wallet-path DIR or --network NAME (see 'tao4j config set --help')", 2);
            }
            BtcliConfig c = BtcliConfig.load();
            values.forEach((k, v) -> {
                if (v instanceof Boolean b) {
                    c.set(k, b);
                } else if (v instanceof Double d) {
                    c.set(k, d);
                } else {
                    c.set(k, (String) v);
                }
            });
            c.save();
            print(c);
            return 0;
        }

        private static String nonBlank(String v, String option) {
            if (v != null && v.isBlank()) {
                throw new CliException(option + " is empty; to remove a default use tao4j config clear " + option, 2);
            }
            return v;
        }

        /** A known network by its name (as btcli stores it), any other endpoint as the URL. */
        static String networkValue(String value) {
            Network n;
            try {
                n = Network.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), 2);
            }
            return n.isCustomEndpoint() ? value.trim() : n.name().toLowerCase(Locale.ROOT);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print the btcli config file.")
    public static final class Get extends Base {
        @Override
        public Integer call() {
            print(BtcliConfig.load());
            return 0;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = {"Set defaults back to None (btcli's null), or empty the file with --all.",
                    "With no key flag, every key btcli knows is cleared."})
    public static final class Clear extends Base {
        @Option(names = {"--wallet-name", "--name", "--wallet_name", "--wallet.name"})
        boolean walletName;
        @Option(names = {"--wallet-path", "-p", "--wallet_path", "--wallet.path"})
        boolean walletPath;
        @Option(names = {"--wallet-hotkey", "--hotkey", "-H", "--wallet_hotkey", "--wallet.hotkey"})
        boolean walletHotkey;
        @Option(names = {"--network", "--subtensor.network", "--chain", "--subtensor.chain_endpoint"})
        boolean network;
        @Option(names = "--cache")
        boolean useCache;
        @Option(names = {"--disk-cache"})
        boolean diskCache;
        @Option(names = {"--tolerance", "--rate-tolerance"})
        boolean rateTolerance;
        @Option(names = "--safe-staking")
        boolean safeStaking;
        @Option(names = "--allow-partial-stake")
        boolean allowPartialStake;
        @Option(names = {"--dashboard-path", "--dashboard.path"})
        boolean dashboardPath;
        @Option(names = "--all", description = "Remove every key (the file becomes empty).")
        boolean all;

        @Override
        public Integer call() {
            BtcliConfig c = BtcliConfig.load();
            if (all) {
                c.clearAll();
            } else {
                Map<String, Boolean> chosen = new LinkedHashMap<>();
                chosen.put("wallet_name", walletName);
                chosen.put("wallet_path", walletPath);
                chosen.put("wallet_hotkey", walletHotkey);
                chosen.put("network", network);
                chosen.put("use_cache", useCache);
                chosen.put("disk_cache", diskCache);
                chosen.put("rate_tolerance", rateTolerance);
                chosen.put("safe_staking", safeStaking);
                chosen.put("allow_partial_stake", allowPartialStake);
                chosen.put("dashboard_path", dashboardPath);
                boolean any = chosen.containsValue(true);
                chosen.forEach((k, on) -> {
                    if ((on || !any) && (on || c.get(k) != null)) {
                        c.clear(k);
                    }
                });
            }
            c.save();
            print(c);
            return 0;
        }
    }
}
