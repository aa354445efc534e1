package io.tao4j.localnet.runtime;

import io.tao4j.crypto.Hex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Commitments pallet: {@code set_commitment} with at most 3 fields and the per-epoch space limit. */
final class CommitmentsPallet {
    private final SubtensorRuntime rt;

    CommitmentsPallet(SubtensorRuntime rt) {
        this.rt = rt;
    }

    private static String key(int netuid, AccountId who) {
        return netuid + "/" + Hex.encode(who.bytes());
    }

    void setCommitment(AccountId hotkey, int netuid, List<SubtensorRuntime.CommitmentField> fields) {
        RuntimeState st = rt.state();
        Subnet s = st.subnets.get(netuid);
        if (s == null || s.uidOf(hotkey) < 0) {
            throw new DispatchException("Commitments", "AccountNotAllowedCommit");
        }
        if (fields.size() > SubtensorRuntime.COMMITMENT_MAX_FIELDS) {
            throw new DispatchException("Commitments", "TooManyFieldsInCommitmentInfo");
        }
        long cost = Math.max(100, fields.stream().mapToLong(SubtensorRuntime.CommitmentField::size).sum());
        String key = key(netuid, hotkey);
        long epoch = s.epochIndex(rt.block());
        long[] used = st.usedSpace.get(key);
        long usedNow = used != null && used[0] == epoch ? used[1] : 0;
        if (usedNow + cost > SubtensorRuntime.COMMITMENT_MAX_SPACE) {
            throw new DispatchException("Commitments", "SpaceLimitExceeded");
        }
        st.usedSpace.put(key, new long[]{epoch, usedNow + cost});
        st.commitments.put(key, new SubtensorRuntime.Commitment(0, rt.block(), List.copyOf(fields)));
        rt.deposit(RuntimeEvent.of("Commitments", "Commitment", netuid, hotkey));
    }

    Optional<SubtensorRuntime.Commitment> commitment(int netuid, AccountId who) {
        return Optional.ofNullable(rt.state().commitments.get(key(netuid, who)));
    }

    Map<AccountId, SubtensorRuntime.Commitment> commitments(int netuid) {
        Map<AccountId, SubtensorRuntime.Commitment> out = new LinkedHashMap<>();
        String prefix = netuid + "/";
        rt.state().commitments.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(new AccountId(Hex.decode(k.substring(prefix.length()))), v);
            }
        });
        return out;
    }

    Optional<long[]> usedSpace(int netuid, AccountId who) {
        return Optional.ofNullable(rt.state().usedSpace.get(key(netuid, who))).map(long[]::clone);
    }
}
