package io.tao4j.cli.stake;

import io.tao4j.chain.Balance;
import io.tao4j.chain.OfflineClient;
import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.CliException;
import io.tao4j.cli.OperatorCommand;
import io.tao4j.crypto.Sr25519KeyPair;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.function.Function;

/** Options shared by stake add/remove (btcli's spellings): netuid, hotkey, safe staking. */
abstract class StakeWriteCommand extends OperatorCommand {
    /** Balances.ExistentialDeposit on Subtensor (500 rao). */
    static final long EXISTENTIAL_DEPOSIT = 500;

    @Option(names = {"--netuid"}, required = true, paramLabel = "NETUID", description = "The subnet.")
    int netuid;

    @Option(names = {"--include-hotkeys", "--hotkey-ss58", "--hotkey_ss58"}, paramLabel = "HOTKEY",
            description = "Hotkey SS58 address or hotkey name of this wallet (default: --wallet.hotkey, also "
                    + "--hotkey/-H, which takes an SS58 address too).")
    String hotkey;

    @Option(names = "--safe", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Safe staking (add_stake_limit / remove_stake_limit with --tolerance); --unsafe turns it off (default: on).")
    boolean safe = true;

    @Option(names = "--unsafe", description = "Plain add_stake / remove_stake, no price limit.")
    boolean unsafe;

    @Option(names = {"--tolerance", "--rate-tolerance"}, defaultValue = "0.005", paramLabel = "FRACTION",
            description = "Price tolerance of safe staking, e.g. 0.005 for 0.5%% (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = {"--partial", "--allow-partial", "--allow-partial-stake"}, description = "Let the chain do part of the order when the whole would pass the limit.")
    boolean partial;

    String hotkey() {
        return hotkeySs58(hotkey);
    }

    boolean safe() {
        return safe && !unsafe;
    }

    /**
     * Submits the stake change of {@code cold} on {@code hot}, adds the stake before and after and the free balance
     * after to {@code r} and prints it.
     */
    int submitStake(Subtensor st, Sr25519KeyPair cold, String hot, Balance before, String what,
                    Function<OfflineClient, byte[]> call, Map<String, Object> r) {
        submit(st, cold, what, call, r);
        Subtensor after = st.at();
        r.put("stake_before", before.tao());
        r.put("stake_after", after.stakeBalance(cold.ss58(), hot, netuid, null).tao());
        r.put("balance_after", after.balance(cold.ss58(), null).tao());
        print(r);
        return 0;
    }

    /** price × (1 ± tolerance) in rao per alpha. */
    long limitPrice(Subtensor st, boolean buying) {
        if (!(tolerance >= 0) || tolerance >= 1) {
            throw new CliException("--tolerance must be between 0 and 1, got " + tolerance, 2);
        }
        BigDecimal price = BigDecimal.valueOf(st.alphaPriceRao(netuid, null));
        BigDecimal f = BigDecimal.ONE.add(BigDecimal.valueOf(buying ? tolerance : -tolerance));
        return price.multiply(f).setScale(0, buying ? RoundingMode.DOWN : RoundingMode.UP).longValueExact();
    }
}
