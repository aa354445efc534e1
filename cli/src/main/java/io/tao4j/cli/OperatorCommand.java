package io.tao4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tao4j.chain.Balance;
import io.tao4j.chain.ChainException;
import io.tao4j.chain.OfflineClient;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.rpc.RpcException;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.chain.tx.TxOutcome;
import io.tao4j.crypto.Signer;
import io.tao4j.crypto.Sr25519KeyPair;
import io.tao4j.crypto.Ss58;
import io.tao4j.wallet.Wallet;
import io.tao4j.wallet.WalletException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.Console;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Plumbing of the operator commands ({@code stake}, {@code subnets}, {@code weights}, {@code wallet transfer}), as
 * btcli: wallet, subtensor and password options; {@code --json} (alias {@code --json-output}); for writes the fee
 * estimate, a y/N confirmation on the terminal unless {@code --no-prompt}/{@code -y} (with no terminal and no
 * {@code -y} the write is refused), the extrinsic's result with the module error name on failure, and a read-back
 * from the chain.
 */
public abstract class OperatorCommand implements Callable<Integer> {
    protected static final ObjectMapper JSON = Json.MAPPER.enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    protected CommandSpec spec;

    @Mixin
    protected WalletOptions wallet;

    @Mixin
    protected SubtensorOptions subtensor;

    @Mixin
    protected PasswordOptions passwords;

    @Option(names = {"--json", "--json-output", "--json-out"}, description = "Print the result as one JSON object.")
    protected boolean json;

    @Option(names = {"--no-prompt", "-y", "--yes"}, description = "Do not ask for confirmation before submitting.")
    protected boolean noPrompt;

    /** Console used to confirm; tests replace it. Null: no terminal. */
    protected Console console = System.console();

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public final Integer call() {
        try (Subtensor st = subtensor.connectSubtensor()) {
            int rc = run(st);
            out().flush();
            return rc;
        } catch (ChainException | RpcException e) {
            throw new CliException(e.getMessage(), e);
        } catch (WalletException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** The command's work on a connected chain; return the exit code. */
    protected abstract int run(Subtensor st);

    // ---------------------------------------------------------------------------------------------- keys

    /** The wallet's coldkey, unlocked; a wrong password is a one-line error naming the wallet. */
    protected Sr25519KeyPair coldkey() {
        Wallet w = wallet.wallet();
        try {
            return w.coldkey(passwords.resolver());
        } catch (WalletException e) {
            throw new CliException("cannot unlock the coldkey of wallet '" + w.name() + "': " + e.getMessage());
        }
    }

    /** The wallet's hotkey, unlocked. */
    protected Sr25519KeyPair hotkeyPair() {
        Wallet w = wallet.wallet();
        try {
            return w.hotkeyPair(passwords.resolver());
        } catch (WalletException e) {
            throw new CliException("cannot unlock hotkey '" + w.hotkey() + "' of wallet '" + w.name() + "': " + e.getMessage());
        }
    }

    /** The coldkey address without unlocking (coldkeypub.txt). */
    protected String coldkeySs58() {
        return wallet.wallet().coldkeyPub().ss58Address();
    }

    /**
     * A hotkey given as an SS58 address or as the name of a hotkey of this wallet; null or blank means the wallet's
     * hotkey ({@code --wallet.hotkey}).
     */
    protected String hotkeySs58(String given) {
        if (given != null && !given.isBlank() && Ss58.isValid(given)) {
            return given;
        }
        // btcli's --wallet-hotkey/--hotkey/-H takes a hotkey name or an SS58 address
        String walletHotkey = wallet.hotkey();
        if ((given == null || given.isBlank()) && walletHotkey != null && Ss58.isValid(walletHotkey)) {
            return walletHotkey;
        }
        Wallet w = wallet.wallet();
        if (given != null && !given.isBlank()) {
            w = w.withHotkey(given);
        }
        return w.hotkeyPub().ss58Address();
    }

    /** An SS58 address option, checked. */
    protected static String address(String value, String option) {
        if (value == null || !Ss58.isValid(value)) {
            throw new CliException(option + " must be an SS58 address, got '" + value + "'", 2);
        }
        return value;
    }

    /** Refuses both or neither of {@code --amount} and {@code --all} (exit 2). */
    protected static void amountOrAll(String amount, boolean all) {
        if (all == (amount != null)) {
            throw new CliException("give either --amount or --all", 2);
        }
    }

    /** An amount option in whole units (9 decimals at most). */
    protected static Balance amount(String text, int netuid, String option) {
        try {
            Balance b = Balance.parse(text, netuid);
            if (b.isZero()) {
                throw new CliException(option + " must be more than 0", 2);
            }
            return b;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CliException(option + ": " + e.getMessage(), 2);
        }
    }

    // ---------------------------------------------------------------------------------------------- writes

    /**
     * Estimates the fee, shows what will be sent, asks y/N (unless {@code -y}), submits and waits for inclusion.
     * Returns the included outcome; a failed or rejected extrinsic is a {@link CliException} with the module error.
     */
    protected TxOutcome.Included submit(Subtensor st, Signer signer, String what, Function<OfflineClient, byte[]> call,
                                        Map<String, Object> result) {
        Balance fee = st.estimateFee(signer, call);
        result.put("fee", fee.tao());
        PrintWriter info = json ? err() : out();
        info.println(what);
        info.println("  estimated fee: " + fee);
        info.flush();
        confirm();
        TxOutcome o = st.submit(signer, call, OnlineClient.WaitFor.IN_BLOCK);
        result.put("extrinsic_hash", o.extrinsicHash());
        if (o instanceof TxOutcome.Included inc) {
            long number = st.header(inc.blockHash()).number();
            result.put("extrinsic_identifier", number + "-" + inc.index());
            result.put("block_hash", inc.blockHash());
            if (inc.isSuccess()) {
                result.put("success", true);
                result.put("error", "");
                return inc;
            }
            fail(result, inc.error().qualifiedName(), "extrinsic failed: " + inc.error().qualifiedName()
                    + (inc.error().docText().isBlank() ? "" : " (" + inc.error().docText() + ")"));
        }
        String reason = o instanceof TxOutcome.Rejected r && r.reason() != null ? r.reason() : o.message();
        fail(result, reason, o.message());
        throw new IllegalStateException("unreachable");
    }

    private void fail(Map<String, Object> result, String error, String message) {
        result.put("success", false);
        result.put("error", error);
        result.put("message", message);
        if (json) {
            print(result);
        }
        throw new CliException(message);
    }

    /** y/N on the terminal unless {@code -y}; refused with no terminal. */
    protected void confirm() {
        if (noPrompt) {
            return;
        }
        if (console == null) {
            throw new CliException("refusing to submit without confirmation: no terminal to ask on;"
                    + " pass --no-prompt (-y) to submit without asking");
        }
        String answer = console.readLine("Proceed? [y/N] ");
        if (answer == null || !(answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"))) {
            throw new CliException("not confirmed: nothing was submitted");
        }
    }

    // ---------------------------------------------------------------------------------------------- output

    /** A fresh ordered map for a JSON result. */
    protected static Map<String, Object> result() {
        return new LinkedHashMap<>();
    }

    /** Prints the map as JSON ({@code --json}) or as "key: value" lines. */
    protected void print(Map<String, Object> result) {
        if (json) {
            try {
                out().println(JSON.writeValueAsString(result));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            result.forEach((k, v) -> out().println(k + ": " + v));
        }
        out().flush();
    }

    /** A balance as the decimal btcli's JSON uses (whole units, 9 decimals). */
    protected static BigDecimal units(Balance b) {
        return b.tao();
    }
}
