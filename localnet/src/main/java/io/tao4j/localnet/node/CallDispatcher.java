package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hex;
import io.tao4j.localnet.runtime.AccountId;
import io.tao4j.localnet.runtime.DispatchException;
import io.tao4j.localnet.runtime.SubtensorRuntime;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes a decoded call ({@code {"Pallet": {"call": {args}}}}) to the runtime, as the signer. Calls
 * the local runtime does not implement fail with {@code SubtensorModule.CallDisabled} (a real
 * Subtensor error), so clients see a named module error rather than a silent success.
 */
public final class CallDispatcher {
    /** Calls that are free on Subtensor ({@code Pays::No}): the weight-setting family. */
    private static final Set<String> FREE = Set.of("SubtensorModule.set_weights", "SubtensorModule.set_mechanism_weights",
            "SubtensorModule.commit_timelocked_weights", "SubtensorModule.commit_timelocked_mechanism_weights",
            "SubtensorModule.commit_weights", "SubtensorModule.reveal_weights");

    private final SubtensorRuntime rt;

    public CallDispatcher(SubtensorRuntime rt) {
        this.rt = rt;
    }

    /** True if the call pays a transaction fee. */
    public static boolean paysFee(DecodedExtrinsic x) {
        return paysFee(x.pallet() + "." + x.callName());
    }

    /** True if the call ("Pallet.call") pays a transaction fee. */
    public static boolean paysFee(String qualifiedCall) {
        return !FREE.contains(qualifiedCall);
    }

    /** Runs the call inside the runtime's transaction; throws {@link DispatchException} on failure. */
    public void dispatch(DecodedExtrinsic x) {
        JsonNode args = x.call().get(x.pallet()).isObject() ? x.call().get(x.pallet()).get(x.callName()) : null;
        AccountId who = x.signer();
        switch (x.pallet() + "." + x.callName()) {
            case "SubtensorModule.set_weights" -> rt.setWeights(who, u16(args, "netuid"), ints(args.get("dests")),
                    ints(args.get("weights")), u64(args, "version_key"));
            case "SubtensorModule.set_mechanism_weights" -> {
                if (args.get("mecid").asInt() != 0) {
                    throw DispatchException.subtensor("MechanismDoesNotExist");
                }
                rt.setWeights(who, u16(args, "netuid"), ints(args.get("dests")), ints(args.get("weights")), u64(args, "version_key"));
            }
            case "SubtensorModule.commit_timelocked_weights" -> rt.commitTimelockedWeights(who, u16(args, "netuid"), 0,
                    Hex.decode(args.get("commit").asText()), u64(args, "reveal_round"), u16(args, "commit_reveal_version"));
            case "SubtensorModule.commit_timelocked_mechanism_weights" -> rt.commitTimelockedWeights(who, u16(args, "netuid"),
                    args.get("mecid").asInt(), Hex.decode(args.get("commit").asText()), u64(args, "reveal_round"),
                    u16(args, "commit_reveal_version"));
            case "AdminUtils.sudo_set_commit_reveal_weights_enabled" -> rt.sudoSetCommitRevealWeightsEnabled(who,
                    u16(args, "netuid"), args.get("enabled").asBoolean());
            case "SubtensorModule.add_stake" -> rt.addStake(who, account(args.get("hotkey")), u16(args, "netuid"),
                    u64(args, "amount_staked"));
            case "SubtensorModule.remove_stake" -> rt.removeStake(who, account(args.get("hotkey")), u16(args, "netuid"),
                    u64(args, "amount_unstaked"));
            case "SubtensorModule.move_stake" -> rt.moveStake(who, account(args.get("origin_hotkey")),
                    account(args.get("destination_hotkey")), u16(args, "origin_netuid"), u16(args, "destination_netuid"),
                    u64(args, "alpha_amount"));
            case "SubtensorModule.transfer_stake" -> rt.transferStake(who, account(args.get("destination_coldkey")),
                    account(args.get("hotkey")), u16(args, "origin_netuid"), u16(args, "destination_netuid"),
                    u64(args, "alpha_amount"));
            case "SubtensorModule.add_stake_limit" -> rt.addStakeLimit(who, account(args.get("hotkey")), u16(args, "netuid"),
                    u64(args, "amount_staked"), u64(args, "limit_price"), args.get("allow_partial").asBoolean());
            case "SubtensorModule.remove_stake_limit" -> rt.removeStakeLimit(who, account(args.get("hotkey")), u16(args, "netuid"),
                    u64(args, "amount_unstaked"), u64(args, "limit_price"), args.get("allow_partial").asBoolean());
            case "SubtensorModule.commit_weights" -> rt.commitWeights(who, u16(args, "netuid"),
                    Hex.decode(args.get("commit_hash").asText()));
            case "SubtensorModule.reveal_weights" -> rt.revealWeights(who, u16(args, "netuid"), ints(args.get("uids")),
                    ints(args.get("values")), ints(args.get("salt")), u64(args, "version_key"));
            case "Balances.transfer_allow_death" -> rt.transferAllowDeath(who, account(args.get("dest")), u64(args, "value"));
            case "Balances.transfer_all" -> rt.transferAll(who, account(args.get("dest")), args.get("keep_alive").asBoolean());
            case "SubtensorModule.burned_register" -> rt.burnedRegister(who, u16(args, "netuid"), account(args.get("hotkey")));
            case "Commitments.set_commitment" -> rt.setCommitment(who, u16(args, "netuid"), fields(args.get("info")));
            case "Balances.transfer_keep_alive" -> rt.transferKeepAlive(who, account(args.get("dest")), u64(args, "value"));
            case "System.remark" -> {
            }
            default -> throw DispatchException.subtensor("CallDisabled");
        }
    }

    private static int u16(JsonNode args, String name) {
        return args.get(name).asInt();
    }

    private static long u64(JsonNode args, String name) {
        JsonNode n = args.get(name);
        BigInteger v = n.isNumber() ? n.bigIntegerValue() : new BigInteger(n.asText());
        if (v.bitLength() > 63) {
            throw new DispatchException("SubtensorModule", "Overflow");
        }
        return v.longValue();
    }

    private static List<Integer> ints(JsonNode arr) {
        List<Integer> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asInt()));
        return out;
    }

    /** An AccountId32 (SS58 text) or a MultiAddress {@code {"Id": …}}. */
    private static AccountId account(JsonNode n) {
        if (n.isObject()) {
            JsonNode id = n.get("Id");
            if (id == null) {
                throw new DispatchException("System", "CannotLookup");
            }
            n = id;
        }
        return AccountId.ofSs58(n.asText());
    }

    private static List<SubtensorRuntime.CommitmentField> fields(JsonNode info) {
        List<SubtensorRuntime.CommitmentField> out = new ArrayList<>();
        for (JsonNode f : info.get("fields")) {
            if (f.isTextual()) {
                out.add(new SubtensorRuntime.CommitmentField(tagOf(f.asText(), 0), new byte[0]));
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> it = f.fields();
            Map.Entry<String, JsonNode> e = it.next();
            String hex = e.getValue().isTextual() ? e.getValue().asText() : e.getValue().get(0).asText();
            byte[] payload = hex.startsWith("0x") ? Hex.decode(hex) : hex.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.add(new SubtensorRuntime.CommitmentField(tagOf(e.getKey(), payload.length), payload));
        }
        return out;
    }

    private static int tagOf(String variant, int len) {
        if (variant.startsWith("Raw")) {
            return Integer.parseInt(variant.substring(3)) + 1;
        }
        return switch (variant) {
            case "None" -> 0;
            case "BlakeTwo256" -> 130;
            case "Sha256" -> 131;
            case "Keccak256" -> 132;
            case "ShaThree256" -> 133;
            case "ResetBondsFlag" -> 135;
            case "BigRaw" -> 136;
            default -> throw new DispatchException("Commitments", "TooManyFieldsInCommitmentInfo");
        };
    }
}
