package io.tao4j.cli.wallet;

import io.tao4j.cli.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.cli.WalletOptions;
import io.tao4j.wallet.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List wallets and hotkeys under --wallet.path with their SS58 addresses (nothing is decrypted).")
public final class ListCommand extends WalletSubcommand {
    @Mixin
    WalletOptions wallet;

    @Option(names = {"--json", "--json-output"}, description = "Print JSON instead of text.")
    boolean json;

    @Override
    int execute() {
        Path root = wallet.path();
        List<Wallet.Summary> wallets = Wallet.list(root);
        PrintWriter out = out();
        if (json) {
            ObjectMapper m = Json.MAPPER;
            ArrayNode arr = m.createArrayNode();
            for (Wallet.Summary s : wallets) {
                ObjectNode o = arr.addObject();
                o.put("name", s.name());
                o.put("coldkey_ss58", s.coldkeySs58().orElse(null));
                ArrayNode hks = o.putArray("hotkeys");
                for (Wallet.HotkeySummary h : s.hotkeys()) {
                    hks.addObject().put("name", h.name()).put("ss58", h.ss58().orElse(null));
                }
            }
            out.println(arr);
            return 0;
        }
        if (wallets.isEmpty()) {
            out.println("No wallets in " + root);
            return 0;
        }
        out.println("Wallets in " + root + ":");
        for (Wallet.Summary s : wallets) {
            out.println("  " + s.name() + "  coldkey " + s.coldkeySs58().orElse("(no readable coldkeypub.txt)"));
            for (Wallet.HotkeySummary h : s.hotkeys()) {
                out.println("    hotkey " + h.name() + "  "
                        + h.ss58().orElse(h.encrypted() ? "(encrypted, no " + h.name() + "pub.txt)" : "(unreadable)"));
            }
        }
        return 0;
    }
}
