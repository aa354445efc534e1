package io.tao4j.localnet.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One subnet's parameters and per-UID state (the data behind Subtensor's per-netuid storage items:
 * Tempo, WeightsVersionKey, WeightsSetRateLimit, Keys, LastUpdate, ValidatorPermit, Incentive,
 * Dividends, Emission, Weights, BlocksSinceLastStep, …).
 */
public final class Subnet {
    /** Parameters fixed at creation (hyperparameters a subnet owner would set on finney). */
    public record Params(int netuid, AccountId ownerColdkey, AccountId ownerHotkey, int tempo, long weightsVersionKey,
                         long weightsRateLimit, int maxAllowedValidators, int maxAllowedUids, int minAllowedWeights,
                         boolean commitRevealEnabled, boolean transferEnabled, long burn, long emissionPerBlock,
                         long immunityPeriod) {
        public Params {
            if (netuid < 1 || netuid > 65535) {
                throw new IllegalArgumentException("netuid must be 1..65535 (0 is root)");
            }
            if (tempo < 1) {
                throw new IllegalArgumentException("tempo must be at least 1");
            }
            if (maxAllowedUids < 1 || maxAllowedValidators < 1) {
                throw new IllegalArgumentException("maxAllowedUids and maxAllowedValidators must be positive");
            }
        }

        /** The same parameters with {@code CommitRevealWeightsEnabled} set to {@code on}. */
        public Params withCommitRevealEnabled(boolean on) {
            return new Params(netuid, ownerColdkey, ownerHotkey, tempo, weightsVersionKey, weightsRateLimit,
                    maxAllowedValidators, maxAllowedUids, minAllowedWeights, on, transferEnabled, burn, emissionPerBlock,
                    immunityPeriod);
        }
    }

    Params params;
    final List<AccountId> keys = new ArrayList<>();
    final List<Long> registeredAt = new ArrayList<>();
    final List<Long> lastUpdate = new ArrayList<>();
    final List<Boolean> validatorPermit = new ArrayList<>();
    final List<Integer> incentive = new ArrayList<>();
    final List<Integer> dividends = new ArrayList<>();
    final List<Long> emission = new ArrayList<>();
    final Map<Integer, List<int[]>> weights = new TreeMap<>();
    long blocksSinceLastStep;
    long lastMechanismStepBlock;
    long pendingEmission;
    int epochs;

    Subnet(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    public int netuid() {
        return params.netuid();
    }

    public int size() {
        return keys.size();
    }

    public AccountId hotkey(int uid) {
        return keys.get(uid);
    }

    public int uidOf(AccountId hotkey) {
        return keys.indexOf(hotkey);
    }

    public List<AccountId> keys() {
        return List.copyOf(keys);
    }

    public List<Long> lastUpdate() {
        return List.copyOf(lastUpdate);
    }

    public List<Boolean> validatorPermit() {
        return List.copyOf(validatorPermit);
    }

    public List<Integer> incentive() {
        return List.copyOf(incentive);
    }

    public List<Integer> dividends() {
        return List.copyOf(dividends);
    }

    public List<Long> emission() {
        return List.copyOf(emission);
    }

    public List<Long> registeredAt() {
        return List.copyOf(registeredAt);
    }

    /** The weights row set by {@code uid}: pairs (dest uid, u16 weight). */
    public List<int[]> weights(int uid) {
        return weights.getOrDefault(uid, List.of()).stream().map(int[]::clone).toList();
    }

    public long blocksSinceLastStep() {
        return blocksSinceLastStep;
    }

    public long lastMechanismStepBlock() {
        return lastMechanismStepBlock;
    }

    public long pendingEmission() {
        return pendingEmission;
    }

    /** Number of epochs run so far. */
    public int epochs() {
        return epochs;
    }

    /**
     * Subtensor's epoch rule before spec 423 (the spec-393 runtime our metadata models): the epoch
     * runs in block b where {@code (b + netuid + 1) mod (tempo + 1) == tempo}.
     */
    public boolean isEpochBlock(long block) {
        long t = params.tempo();
        return (block + params.netuid() + 1) % (t + 1) == t;
    }

    /** Epoch index as Subtensor's {@code get_epoch_index}: {@code (block + netuid + 1) / (tempo + 1)}. */
    public long epochIndex(long block) {
        return (block + params.netuid() + 1) / (params.tempo() + 1);
    }

    Subnet copy() {
        Subnet s = new Subnet(params);
        s.keys.addAll(keys);
        s.registeredAt.addAll(registeredAt);
        s.lastUpdate.addAll(lastUpdate);
        s.validatorPermit.addAll(validatorPermit);
        s.incentive.addAll(incentive);
        s.dividends.addAll(dividends);
        s.emission.addAll(emission);
        weights.forEach((k, v) -> s.weights.put(k, v.stream().map(int[]::clone).toList()));
        s.blocksSinceLastStep = blocksSinceLastStep;
        s.lastMechanismStepBlock = lastMechanismStepBlock;
        s.pendingEmission = pendingEmission;
        s.epochs = epochs;
        return s;
    }
}
