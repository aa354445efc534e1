package io.tao4j.chain.subtensor;

import io.tao4j.chain.OfflineClient;
import io.tao4j.chain.OnlineClient;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static io.tao4j.chain.subtensor.Subtensor.SUBTENSOR;

/**
 * Call bytes of the operator's extrinsics (btcli's stake, transfer, register and weights commands), encoded with the
 * metadata of the client given: pass {@link Subtensor#submit} / {@link Subtensor#estimateFee} a lambda such as
 * {@code c -> OperatorCalls.removeStake(c, hotkey, netuid, alpha)} so the newest runtime encodes it.
 */
public final class OperatorCalls {
    private OperatorCalls() {
    }

    /** {@code add_stake(hotkey, netuid, amount_staked)}: TAO rao. */
    public static byte[] addStake(OfflineClient c, String hotkey, int netuid, long taoRao) {
        return c.encodeCall(SUBTENSOR, "add_stake", OnlineClient.args("hotkey", hotkey, "netuid", netuid, "amount_staked", taoRao));
    }

    /** {@code remove_stake(hotkey, netuid, amount_unstaked)}: alpha rao. */
    public static byte[] removeStake(OfflineClient c, String hotkey, int netuid, long alphaRao) {
        return c.encodeCall(SUBTENSOR, "remove_stake", OnlineClient.args("hotkey", hotkey, "netuid", netuid,
                "amount_unstaked", alphaRao));
    }

    /**
     * {@code add_stake_limit(hotkey, netuid, amount_staked, limit_price, allow_partial)}: stake TAO rao unless the price
     * (rao of TAO per alpha) would rise above {@code limitPrice}; with {@code allowPartial} the chain stakes what it can.
     */
    public static byte[] addStakeLimit(OfflineClient c, String hotkey, int netuid, long taoRao, long limitPrice, boolean allowPartial) {
        return c.encodeCall(SUBTENSOR, "add_stake_limit", OnlineClient.args("hotkey", hotkey, "netuid", netuid,
                "amount_staked", taoRao, "limit_price", limitPrice, "allow_partial", allowPartial));
    }

    /** {@code remove_stake_limit(hotkey, netuid, amount_unstaked, limit_price, allow_partial)}: the price must stay ≥ the limit. */
    public static byte[] removeStakeLimit(OfflineClient c, String hotkey, int netuid, long alphaRao, long limitPrice, boolean allowPartial) {
        return c.encodeCall(SUBTENSOR, "remove_stake_limit", OnlineClient.args("hotkey", hotkey, "netuid", netuid,
                "amount_unstaked", alphaRao, "limit_price", limitPrice, "allow_partial", allowPartial));
    }

    /** {@code move_stake(origin_hotkey, destination_hotkey, origin_netuid, destination_netuid, alpha_amount)}. */
    public static byte[] moveStake(OfflineClient c, String originHotkey, String destinationHotkey, int originNetuid,
                                   int destinationNetuid, long alphaRao) {
        return c.encodeCall(SUBTENSOR, "move_stake", OnlineClient.args("origin_hotkey", originHotkey, "destination_hotkey",
                destinationHotkey, "origin_netuid", originNetuid, "destination_netuid", destinationNetuid, "alpha_amount", alphaRao));
    }

    /** {@code transfer_stake(destination_coldkey, hotkey, origin_netuid, destination_netuid, alpha_amount)}. */
    public static byte[] transferStake(OfflineClient c, String destinationColdkey, String hotkey, int originNetuid,
                                       int destinationNetuid, long alphaRao) {
        return c.encodeCall(SUBTENSOR, "transfer_stake", OnlineClient.args("destination_coldkey", destinationColdkey,
                "hotkey", hotkey, "origin_netuid", originNetuid, "destination_netuid", destinationNetuid, "alpha_amount", alphaRao));
    }

    /** {@code Balances.transfer_keep_alive(dest, value)}. */
    public static byte[] transferKeepAlive(OfflineClient c, String dest, BigInteger rao) {
        return c.encodeCall("Balances", "transfer_keep_alive", OnlineClient.args("dest", dest, "value", rao));
    }

    /** {@code Balances.transfer_allow_death(dest, value)}: may take the sender below the existential deposit. */
    public static byte[] transferAllowDeath(OfflineClient c, String dest, BigInteger rao) {
        return c.encodeCall("Balances", "transfer_allow_death", OnlineClient.args("dest", dest, "value", rao));
    }

    /** {@code Balances.transfer_all(dest, keep_alive)}: everything transferable (keeping the existential deposit when asked). */
    public static byte[] transferAll(OfflineClient c, String dest, boolean keepAlive) {
        return c.encodeCall("Balances", "transfer_all", OnlineClient.args("dest", dest, "keep_alive", keepAlive));
    }

    /** {@code burned_register(netuid, hotkey)}. */
    public static byte[] burnedRegister(OfflineClient c, int netuid, String hotkey) {
        return c.encodeCall(SUBTENSOR, "burned_register", OnlineClient.args("netuid", netuid, "hotkey", hotkey));
    }

    /** {@code commit_weights(netuid, commit_hash)} with the hash of {@link OperatorReads#weightCommitHash}. */
    public static byte[] commitWeights(OfflineClient c, int netuid, byte[] commitHash) {
        return c.encodeCall(SUBTENSOR, "commit_weights", OnlineClient.args("netuid", netuid, "commit_hash", commitHash));
    }

    /** {@code reveal_weights(netuid, uids, values, salt, version_key)}. */
    public static byte[] revealWeights(OfflineClient c, int netuid, int[] uids, int[] values, int[] salt, long versionKey) {
        return c.encodeCall(SUBTENSOR, "reveal_weights", OnlineClient.args("netuid", netuid, "uids", list(uids),
                "values", list(values), "salt", list(salt), "version_key", versionKey));
    }

    static List<Integer> list(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int v : a) {
            out.add(v);
        }
        return out;
    }
}
