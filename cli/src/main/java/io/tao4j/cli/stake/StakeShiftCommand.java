package io.tao4j.cli.stake;

import io.tao4j.chain.Balance;
import io.tao4j.chain.OfflineClient;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.CliException;
import io.tao4j.cli.OperatorCommand;
import io.tao4j.crypto.Sr25519KeyPair;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.function.Function;

/** What stake move and transfer share: stake leaves one (coldkey, hotkey, netuid) for another. */
abstract class StakeShiftCommand extends OperatorCommand {
    @Option(names = "--amount", paramLabel = "ALPHA")
    String amount;

    @Option(names = {"--all", "--stake-all"}, description = "All of the origin stake.")
    boolean all;

    /** One end of a shift: whose stake, on which hotkey, in which subnet. */
    record End(String coldkey, String hotkey, int netuid) {
        Balance stake(Subtensor st) {
            return st.stakeBalance(coldkey, hotkey, netuid, null);
        }
    }

    /** Exactly one of --amount and --all (a usage error otherwise). */
    void checkAmountOrAll() {
        amountOrAll(amount, all);
    }

    /**
     * The rao to shift: all of {@code have} with {@code --all}, else {@code --amount} (alpha of {@code netuid}); more
     * than {@code have} is refused with {@code notEnough}'s message for the asked balance.
     */
    long shiftRao(Balance have, int netuid, Function<Balance, String> notEnough) {
        long rao = all ? have.raoExact() : amount(amount, netuid, "--amount").raoExact();
        if (rao > have.raoExact()) {
            throw new CliException(notEnough.apply(Balance.ofAlphaRao(rao, netuid)));
        }
        return rao;
    }

    /**
     * Submits the shift from {@code from} (holding {@code have} before) to {@code to}, adds both ends' stake before
     * and after to {@code r} and prints it.
     */
    int submitShift(Subtensor st, Sr25519KeyPair cold, End from, Balance have, End to, String what,
                    Function<OfflineClient, byte[]> call, Map<String, Object> r) {
        Balance destBefore = to.stake(st);
        submit(st, cold, what, call, r);
        Subtensor after = st.at();
        r.put("origin_stake_before", have.tao());
        r.put("origin_stake_after", from.stake(after).tao());
        r.put("destination_stake_before", destBefore.tao());
        r.put("destination_stake_after", to.stake(after).tao());
        print(r);
        return 0;
    }
}
