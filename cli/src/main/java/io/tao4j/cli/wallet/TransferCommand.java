package io.tao4j.cli.wallet;

import io.tao4j.chain.Balance;
import io.tao4j.chain.OfflineClient;
import io.tao4j.chain.subtensor.OperatorCalls;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.CliException;
import io.tao4j.cli.OperatorCommand;
import io.tao4j.crypto.Sr25519KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.function.Function;

/**
 * `tao4j wallet transfer`: send TAO from the wallet's coldkey (btcli wallet transfer): {@code transfer_keep_alive} by
 * default, {@code transfer_allow_death} with {@code --allow-death}, {@code transfer_all} with {@code --all}.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true, description = "Send TAO from the wallet's coldkey.")
public final class TransferCommand extends OperatorCommand {
    @Option(names = {"--dest", "--destination", "--dest-ss58"}, required = true, paramLabel = "SS58", description = "Destination address.")
    String dest;

    @Option(names = "--amount", paramLabel = "TAO", description = "TAO to send (9 decimals at most).")
    String amount;

    @Option(names = {"--all", "--transfer-all"}, description = "Send the whole free balance (transfer_all).")
    boolean all;

    @Option(names = {"--allow-death", "--allow_death"}, description = "Allow the balance to fall below the existential deposit (reaping the account).")
    boolean allowDeath;

    @Override
    protected int run(Subtensor st) {
        if (all == (amount != null)) {
            throw new CliException("give either --amount or --all", 2);
        }
        String to = address(dest, "--dest");
        Sr25519KeyPair cold = coldkey();
        String from = cold.ss58();
        Balance before = st.balance(from, null);
        Balance destBefore = st.balance(to, null);
        Map<String, Object> r = result();
        r.put("from", from);
        r.put("destination", to);
        Function<OfflineClient, byte[]> call;
        String what;
        if (all) {
            call = c -> OperatorCalls.transferAll(c, to, !allowDeath);
            what = "Transferring all of " + before + (allowDeath ? "" : " (keeping the existential deposit)");
            r.put("amount", "all");
        } else {
            Balance b = amount(amount, 0, "--amount");
            if (b.compareTo(before) > 0) {
                throw new CliException("not enough balance: " + from + " has " + before + ", asked to send " + b);
            }
            call = allowDeath ? c -> OperatorCalls.transferAllowDeath(c, to, b.rao()) : c -> OperatorCalls.transferKeepAlive(c, to, b.rao());
            what = "Transferring " + b;
            r.put("amount", b.tao());
        }
        submit(st, cold, what + " from " + from + " to " + to, call, r);
        Subtensor after = st.at();
        r.put("balance_before", before.tao());
        r.put("balance_after", after.balance(from, null).tao());
        r.put("destination_balance_before", destBefore.tao());
        r.put("destination_balance_after", after.balance(to, null).tao());
        print(r);
        return 0;
    }
}
