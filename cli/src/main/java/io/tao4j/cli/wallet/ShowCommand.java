package io.tao4j.cli.wallet;

import io.tao4j.cli.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tao4j.cli.WalletOptions;
import io.tao4j.wallet.KeyfileData;
import io.tao4j.wallet.Wallet;
import io.tao4j.wallet.WalletException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a wallet's coldkey (and hotkey) SS58 addresses without decrypting anything.")
public final class ShowCommand extends WalletSubcommand {
    @Mixin
    WalletOptions wallet;

    @Option(names = {"--json", "--json-output"}, description = "Print {\"name\":…, \"coldkey_ss58\":…, \"hotkey_ss58\":…}"
            + " (hotkey only when --wallet.hotkey is given).")
    boolean json;

    @Override
    int execute() {
        Wallet w = wallet.wallet();
        String cold = w.coldkeyPub().ss58Address();
        PrintWriter out = out();
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("name", w.name());
            o.put("coldkey_ss58", cold);
            if (wallet.hotkeyGiven()) {
                o.put("hotkey_ss58", w.hotkeyPub().ss58Address());
            }
            out.println(o);
            return 0;
        }
        out.println("wallet   " + w.name() + "  (" + w.dir() + ")");
        out.println("coldkey  " + cold + (w.coldkeyFile().exists()
                ? (w.coldkeyFile().isEncrypted() ? "  (encrypted)" : "  (not encrypted)") : "  (coldkeypub.txt only)"));
        String hot;
        try {
            KeyfileData h = w.hotkeyPub();
            hot = h.ss58Address() + (w.hotkeyFile().exists()
                    ? (w.hotkeyFile().isEncrypted() ? "  (encrypted)" : "  (not encrypted)") : "  (pub file only)");
        } catch (WalletException e) {
            if (wallet.hotkeyGiven()) {
                throw e;
            }
            hot = w.hotkeyFile().exists() ? "(encrypted; no " + w.hotkey() + "pub.txt to read its address from)"
                    : "(none)";
        }
        out.println("hotkey   " + w.hotkey() + "  " + hot);
        return 0;
    }
}
