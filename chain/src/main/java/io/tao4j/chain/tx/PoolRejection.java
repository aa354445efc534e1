package io.tao4j.chain.tx;

import io.tao4j.chain.rpc.RpcException;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interprets transaction-pool rejections returned as JSON-RPC errors by {@code author_submit(AndWatch)Extrinsic}
 * (Substrate author API: base 1000; 1010 invalid, 1011 unknown validity, 1012 temporarily banned, 1013 already
 * imported, 1014 priority too low, 1016 immediately dropped) and Subtensor's {@code InvalidTransaction::Custom}
 * codes (subtensor {@code common/src/transaction_error.rs}; codes 0-20 and 255 unchanged since spec 345).
 */
public final class PoolRejection {
    public static final int INVALID_TRANSACTION = 1010;
    public static final int RATE_LIMIT_EXCEEDED = 6;
    private static final Pattern CUSTOM = Pattern.compile("Custom error: ?(\\d+)");

    private static final Map<Integer, String> CUSTOM_CODES = Map.ofEntries(
            Map.entry(0, "ColdkeyInSwapSchedule"), Map.entry(1, "StakeAmountTooLow"), Map.entry(2, "BalanceTooLow"),
            Map.entry(3, "SubnetNotExists"), Map.entry(4, "HotkeyAccountDoesntExist"),
            Map.entry(5, "NotEnoughStakeToWithdraw"), Map.entry(6, "RateLimitExceeded"),
            Map.entry(7, "InsufficientLiquidity"), Map.entry(8, "SlippageTooHigh"), Map.entry(9, "TransferDisallowed"),
            Map.entry(10, "HotKeyNotRegisteredInNetwork"), Map.entry(11, "InvalidIpAddress"),
            Map.entry(12, "ServingRateLimitExceeded"), Map.entry(13, "InvalidPort"), Map.entry(14, "ZeroMaxAmount"),
            Map.entry(15, "InvalidRevealRound"), Map.entry(16, "CommitNotFound"),
            Map.entry(17, "CommitBlockNotInRevealRange"), Map.entry(18, "InputLengthsUnequal"),
            Map.entry(19, "UidNotFound"), Map.entry(20, "EvmKeyAssociateRateLimitExceeded"),
            Map.entry(255, "BadRequest"));

    private static final Map<Integer, String> AUTHOR_CODES = Map.of(
            1002, "verification error", 1010, "invalid transaction", 1011, "unknown transaction validity",
            1012, "temporarily banned", 1013, "already imported", 1014, "priority too low",
            1016, "immediately dropped");

    private PoolRejection() {
    }

    /** The Subtensor name of a custom code, e.g. 6 → RateLimitExceeded; null if unknown. */
    public static String customCodeName(int code) {
        return CUSTOM_CODES.get(code);
    }

    /** True when the RPC error is a pool rejection (author error codes 1001..1099). */
    public static boolean isPoolRejection(RpcException e) {
        return e.code() > 1000 && e.code() < 1100;
    }

    public static TxOutcome.Rejected from(String extrinsicHash, RpcException e) {
        String data = e.data();
        Integer custom = null;
        String reason = null;
        if (data != null) {
            Matcher m = CUSTOM.matcher(data);
            if (m.find()) {
                custom = Integer.parseInt(m.group(1));
                String n = customCodeName(custom);
                reason = n == null ? "custom code " + custom : n;
            } else {
                reason = data;
            }
        }
        if (reason == null) {
            reason = AUTHOR_CODES.get(e.code());
        }
        return new TxOutcome.Rejected(extrinsicHash, e.code(), e.getMessage(), data, custom, reason);
    }
}
