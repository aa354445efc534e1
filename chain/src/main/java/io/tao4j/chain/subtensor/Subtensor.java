package io.tao4j.chain.subtensor;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.ChainException;
import io.tao4j.chain.Network;
import io.tao4j.chain.OnlineClient;
import io.tao4j.chain.Values;
import io.tao4j.chain.rpc.HttpRpcClient;
import io.tao4j.chain.rpc.RpcClient;
import io.tao4j.chain.rpc.WsRpcClient;
import io.tao4j.chain.tx.SignedExtrinsic;
import io.tao4j.chain.tx.TxOutcome;
import io.tao4j.crypto.Signer;
import io.tao4j.crypto.Ss58;
import io.tao4j.drand.ChainInfo;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Subtensor calls the neurons make, with the semantics of the Python SDK (bittensor v9.12.2,
 * {@code bittensor/core/subtensor.py}, "SDK9" below; v10.2.0 "SDK10" where it differs). Every read takes an optional
 * block hash ({@code null} = the block of an {@link #at(String)} view, else the best block). Everything is looked up in
 * the runtime metadata of the current runtime: storage layouts, call indices, error names, runtime APIs.
 *
 * <pre>{@code
 * try (Subtensor st = Subtensor.connect(Network.FINNEY, Subtensor.Options.defaults())) {
 *     Subtensor pinned = st.at();                  // every read below sees one block
 *     long n = pinned.subnetworkN(1, null);
 *     Metagraph mg = pinned.metagraph(1, null);
 * }
 * }</pre>
 *
 * <p>A Subtensor is immutable: {@code with…} and {@code at…} return copies that share the connection (closing any
 * closes it). Runtime upgrades are followed by {@code state_subscribeRuntimeVersion}, or polled before each submission
 * where the transport has no subscriptions (HTTP).
 */
public final class Subtensor extends OperatorReads implements AutoCloseable {
    public static final String SUBTENSOR = "SubtensorModule";

    /** SDK {@code BLOCKTIME}: 12 s. */
    public static final double BLOCK_TIME_SECONDS = 12.0;

    private final Options options;
    private final SecureRandom random = new SecureRandom();

    private Subtensor(LiveClient live, Options options, String pinned) {
        super(live, pinned);
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Connects to a network and returns a Subtensor that owns the connection: the transport for the endpoint's
     * scheme (ws/wss: {@link WsRpcClient}, reconnecting; http/https: {@link HttpRpcClient}), the online client
     * (genesis, runtime version, metadata), and a subscription that follows runtime upgrades. {@link #close()}
     * closes all of it.
     *
     * @throws io.tao4j.chain.rpc.RpcConnectionException naming the endpoint and the cause when it cannot be reached
     */
    public static Subtensor connect(Network network, Options options) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(options, "options");
        URI uri = network.endpoint();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        RpcClient rpc = switch (scheme) {
            case "ws", "wss" -> WsRpcClient.connect(uri, WsRpcClient.Options.defaults().withCallTimeout(options.callTimeout())
                    .withConnectTimeout(options.connectTimeout()).withKeepAlive(options.keepAlive()));
            case "http", "https" -> new HttpRpcClient(uri, options.callTimeout());
            default -> throw new IllegalArgumentException("endpoint must start with ws://, wss://, http:// or https://, got '" + uri + "'");
        };
        try {
            return new Subtensor(new LiveClient(OnlineClient.connect(rpc), rpc).follow(), options, null);
        } catch (RuntimeException e) {
            rpc.close();
            throw e;
        }
    }

    /** {@link #connect(Network, Options)} with a network name (finney, test, archive, local) or an endpoint URL. */
    public static Subtensor connect(String networkOrEndpoint, Options options) {
        return connect(Network.parse(networkOrEndpoint), options);
    }

    /** {@link #connect(Network, Options)} with {@link Options#defaults()}. */
    public static Subtensor connect(Network network) {
        return connect(network, Options.defaults());
    }

    /**
     * Wraps an online client whose transport the caller owns and closes (tests, in-process use). Runtime upgrades are
     * followed by subscription when the transport allows it, else polled before each submission; {@link #close()}
     * only ends that subscription.
     */
    public static Subtensor of(OnlineClient client, Options options) {
        return new Subtensor(new LiveClient(Objects.requireNonNull(client, "client"), null).follow(), options, null);
    }

    /** {@link #of(OnlineClient, Options)} with {@link Options#defaults()}. */
    public static Subtensor of(OnlineClient client) {
        return of(client, Options.defaults());
    }

    public Options options() {
        return options;
    }

    /** A Subtensor with other options on the same connection; this one is unchanged. */
    public Subtensor withOptions(Options o) {
        return new Subtensor(live, o, pinned);
    }

    /** A copy on the same connection whose commit-reveal rounds use {@code c} as the wall clock (tests pin it). */
    public Subtensor withClock(Clock c) {
        return withOptions(options.withClock(c));
    }

    /**
     * A copy on the same connection whose commit-reveal weights are timelocked to {@code chain}, aimed with
     * {@code blockTimeSeconds}. Defaults: drand quicknet and 12 s (finney, test). On a local network pass the local
     * beacon's chain info (the discovery document's {@code drand} section) and its block time, or the chain cannot
     * decrypt the commit.
     */
    public Subtensor withTimelock(ChainInfo chain, double blockTimeSeconds) {
        return withOptions(options.withTimelock(chain, blockTimeSeconds));
    }

    public ChainInfo timelockChain() {
        return options.timelockChain();
    }

    /** A copy on the same connection whose submissions wait {@code t} for inBlock/finalized (default 2 minutes). */
    public Subtensor withTimeout(Duration t) {
        return withOptions(options.withSubmitTimeout(t));
    }

    /**
     * A view whose reads are all pinned to {@code blockHash} (subxt's {@code at_block}): every read method's null
     * block hash, "current block" and the block of {@link #metagraph}/{@link #nextEpochStartBlock} mean that block.
     * An explicit hash passed to a read still wins. It shares the connection and the options. Reads decode with the
     * metadata of the current runtime.
     */
    public Subtensor at(String blockHash) {
        if (blockHash == null || !blockHash.startsWith("0x") || blockHash.length() != 66) {
            throw new IllegalArgumentException("block hash must be 0x followed by 64 hex digits, got " + blockHash);
        }
        return new Subtensor(live, options, blockHash);
    }

    /** {@link #at(String)} the best block now ({@code chain_getBlockHash}); this view's own block when it is pinned. */
    public Subtensor at() {
        if (pinned != null) {
            return this;
        }
        String best = live.client().rpc().chainGetBlockHash(null);
        if (best == null) {
            throw new ChainException("node returned no best block hash");
        }
        return at(best);
    }

    /**
     * Closes the connection when this Subtensor (or the one it was copied from) was made by {@code connect}; every
     * copy and view shares it, so closing any closes all. For {@link #of} it only ends the upgrade subscription.
     */
    @Override
    public void close() {
        live.close();
    }

    /** True while runtime upgrades are followed by subscription (false: polled before each submission, e.g. HTTP). */
    public boolean followsRuntimeUpgrades() {
        return live.followsBySubscription();
    }

    // ------------------------------------------------------------------------------------------------ writes

    /**
     * Polls {@code state_getRuntimeVersion} and re-reads metadata and runtime version when the runtime was upgraded
     * since the client was built; true when it reloaded. Runtime upgrades are followed by subscription
     * ({@code state_subscribeRuntimeVersion}) where the transport has subscriptions, so callers need not call this;
     * over HTTP it is what runs before each submission.
     */
    public boolean refreshIfUpgraded() {
        return live.refreshIfUpgraded();
    }

    /** Encodes the call with the metadata of the newest runtime the node announced, signs and submits. */
    private TxOutcome send(Signer signer, java.util.function.Supplier<byte[]> call, OnlineClient.WaitFor waitFor) {
        OnlineClient c = live.forSubmission();
        SignedExtrinsic xt = c.sign(call.get(), signer);
        return c.submit(xt, waitFor, options.submitTimeout());
    }

    /**
     * Signs the call the function encodes (with the metadata of the newest runtime the node announced) and submits it:
     * the generic write behind every operator command ({@link OperatorCalls} builds the calls).
     */
    public TxOutcome submit(Signer signer, java.util.function.Function<io.tao4j.chain.OfflineClient, byte[]> call,
                            OnlineClient.WaitFor waitFor) {
        return send(signer, () -> call.apply(live.forSubmission()), waitFor);
    }

    /**
     * The fee the chain would charge for the call signed by {@code signer} now (btcli's fee line): the extrinsic is
     * signed with the real nonce and era but not submitted, and {@code TransactionPaymentApi_query_info(uxt, len)} is
     * asked at the best block; its {@code partial_fee} in TAO.
     *
     * @throws ChainException when the runtime has no TransactionPaymentApi
     */
    public io.tao4j.chain.Balance estimateFee(Signer signer, java.util.function.Function<io.tao4j.chain.OfflineClient, byte[]> call) {
        OnlineClient c = live.forSubmission();
        var m = c.metadata().findRuntimeApi("TransactionPaymentApi", "query_info")
                .orElseThrow(() -> new ChainException("this runtime's metadata declares no TransactionPaymentApi_query_info"));
        byte[] xt = c.sign(call.apply(c), signer).bytes();
        io.tao4j.scale.ScaleWriter w = new io.tao4j.scale.ScaleWriter().writeBytes(xt);
        w.writeU32(xt.length);
        byte[] out = c.runtimeCallRaw("TransactionPaymentApi", "query_info", w.toByteArray(), pinned);
        JsonNode info = Values.decode(c.metadata().types(), m.output(), out, "TransactionPaymentApi_query_info");
        return io.tao4j.chain.Balance.ofRao(Values.bigInt(info.path("partial_fee")));
    }

    /**
     * SDK9 {@code set_weights} (~4262-4370) for a subnet without commit-reveal: the hotkey's uid must exist; the
     * SDK's client-side gate {@code current − LastUpdate[uid] > WeightsSetRateLimit} (strict) must pass, else nothing is
     * sent ("No attempt made. Perhaps it is too soon to commit weights!"); weights are converted as
     * {@link WeightConversion#convert}; the call is {@code set_mechanism_weights(netuid, mecid 0, …)} when the runtime
     * has it (SDK9's choice) else {@code set_weights}, signed by the hotkey with nonce from the pool and era 32.
     * A too-early attempt is refused by the pool on newer runtimes ({@link SetWeightsResult.Status#REJECTED}, custom
     * code 6) and included-then-failed on older ones ({@link SetWeightsResult.Status#FAILED},
     * SubtensorModule.SettingWeightsTooFast). Unlike the SDK there is a single attempt (no retry loop).
     *
     * <p>Commit-reveal: when {@code CommitRevealWeightsEnabled(netuid)} is true the SDK (9.12.2,
     * {@code commit_timelocked_mechanism_weights_extrinsic}) sends a drand-timelocked commit instead, and so does this
     * method: {@link TimelockedWeights#commit} with the subnet's {@code Tempo} and {@code RevealPeriodEpochs} (what
     * {@code get_subnet_hyperparams_v2} reports), the current block, the block time and the wall clock; the call is
     * {@code commit_timelocked_mechanism_weights(netuid, mecid 0, commit, reveal_round, commit_reveal_version)} (or
     * {@code commit_timelocked_weights}, or {@code commit_crv3_weights} on runtimes that only have those), with
     * {@code commit_reveal_version} from {@code CommitRevealWeightsVersion} (default 4). The chain reveals the weights
     * itself when the drand round arrives. The drand chain and block time are those of {@link #withTimelock}
     * (quicknet and 12 s unless set). The result is {@link SetWeightsResult.Status#COMMITTED}.
     *
     * <p>All reads are pinned to one block hash, fetched once ({@link #at()}), or this view's block: the uid,
     * LastUpdate, rate limit and commit-reveal flag in one {@code state_queryStorageAt}, the current block from that
     * block's header, and on commit-reveal subnets Tempo and RevealPeriodEpochs (one more) and the commit-reveal
     * version.
     */
    public SetWeightsResult setWeights(Signer hotkey, int netuid, int[] uids, double[] weights, long versionKey,
                                       OnlineClient.WaitFor waitFor) {
        String ss58 = Ss58.encode(hotkey.publicKey());
        WeightConversion.Emit emit = WeightConversion.convert(uids, weights);
        Subtensor at = at();
        List<JsonNode> gate = at.client().queryAll(List.of(new OnlineClient.StorageQuery(SUBTENSOR, "Uids", List.of(netuid, ss58)),
                new OnlineClient.StorageQuery(SUBTENSOR, "LastUpdate", List.of(netuid)),
                new OnlineClient.StorageQuery(SUBTENSOR, "WeightsSetRateLimit", List.of(netuid)),
                new OnlineClient.StorageQuery(SUBTENSOR, "CommitRevealWeightsEnabled", List.of(netuid))), at.pinned);
        Integer uid = gate.get(0) == null || gate.get(0).isNull() ? null : gate.get(0).asInt();
        if (uid == null) {
            return new SetWeightsResult(false, SetWeightsResult.Status.NOT_REGISTERED,
                    "Hotkey " + ss58 + " not registered in subnet " + netuid, null);
        }
        long current = at.currentBlock();
        JsonNode last = gate.get(1);
        long lastUpdate = uid < last.size() ? Values.longValue(last.get(uid)) : 0;
        long limit = Values.longValue(gate.get(2));
        if (!(current - lastUpdate > limit)) {
            return new SetWeightsResult(false, SetWeightsResult.Status.TOO_SOON,
                    "No attempt made. Perhaps it is too soon to commit weights!", null);
        }
        if (emit.isEmpty()) {
            return new SetWeightsResult(false, SetWeightsResult.Status.EMPTY_WEIGHTS,
                    "all weights are zero: nothing to set", null);
        }
        if (gate.get(3).asBoolean()) {
            List<JsonNode> cr = at.client().queryAll(List.of(new OnlineClient.StorageQuery(SUBTENSOR, "Tempo", List.of(netuid)),
                    new OnlineClient.StorageQuery(SUBTENSOR, "RevealPeriodEpochs", List.of(netuid))), at.pinned);
            long tempo = cr.get(0).asLong();
            long revealPeriod = Values.longValue(cr.get(1));
            double now = options.clock().millis() / 1000.0;
            TimelockedWeights.Commit commit = TimelockedWeights.commit(hotkey.publicKey(), emit.uids(), emit.weights(),
                    versionKey, tempo, current, netuid, revealPeriod, options.blockTimeSeconds(), now, random, options.timelockChain());
            TxOutcome out = at.send(hotkey, () -> at.commitCall(netuid, commit), waitFor);
            SetWeightsResult r = weightsResult(out);
            if (r.success()) {
                return new SetWeightsResult(true, SetWeightsResult.Status.COMMITTED,
                        "Successfully committed weights for reveal round " + commit.revealRound() + ".", out);
            }
            return r;
        }
        TxOutcome out = at.send(hotkey, () -> setWeightsCall(netuid, emit, versionKey), waitFor);
        return weightsResult(out);
    }

    /** The commit call for a timelocked commit, picking the newest form the runtime has. */
    public byte[] commitCall(int netuid, TimelockedWeights.Commit commit) {
        long version = client().metadata().findStorage(SUBTENSOR, "CommitRevealWeightsVersion").isPresent()
                ? Values.longValue(client().query(SUBTENSOR, "CommitRevealWeightsVersion", List.of(), h(null))) : 4;
        if (client().hasCall(SUBTENSOR, "commit_timelocked_mechanism_weights")) {
            return client().encodeCall(SUBTENSOR, "commit_timelocked_mechanism_weights", OnlineClient.args("netuid", netuid,
                    "mecid", 0, "commit", commit.ciphertext(), "reveal_round", commit.revealRound(),
                    "commit_reveal_version", version));
        }
        if (client().hasCall(SUBTENSOR, "commit_timelocked_weights")) {
            return client().encodeCall(SUBTENSOR, "commit_timelocked_weights", OnlineClient.args("netuid", netuid,
                    "commit", commit.ciphertext(), "reveal_round", commit.revealRound(), "commit_reveal_version", version));
        }
        if (client().hasCall(SUBTENSOR, "commit_crv3_weights")) {
            return client().encodeCall(SUBTENSOR, "commit_crv3_weights", OnlineClient.args("netuid", netuid,
                    "commit", commit.ciphertext(), "reveal_round", commit.revealRound()));
        }
        throw new ChainException("subnet " + netuid + " requires commit-reveal but this runtime has no timelocked commit call");
    }

    /** The set_weights call bytes SDK9 would send (set_mechanism_weights with mecid 0 when the runtime has it). */
    public byte[] setWeightsCall(int netuid, WeightConversion.Emit emit, long versionKey) {
        List<Integer> dests = new ArrayList<>();
        List<Integer> vals = new ArrayList<>();
        for (int u : emit.uids()) {
            dests.add(u);
        }
        for (int w : emit.weights()) {
            vals.add(w);
        }
        if (client().hasCall(SUBTENSOR, "set_mechanism_weights")) {
            return client().encodeCall(SUBTENSOR, "set_mechanism_weights", OnlineClient.args("netuid", netuid, "mecid", 0,
                    "dests", dests, "weights", vals, "version_key", versionKey));
        }
        return client().encodeCall(SUBTENSOR, "set_weights", OnlineClient.args("netuid", netuid, "dests", dests,
                "weights", vals, "version_key", versionKey));
    }

    static SetWeightsResult weightsResult(TxOutcome out) {
        if (out instanceof TxOutcome.Included inc) {
            if (inc.isSuccess()) {
                return new SetWeightsResult(true, SetWeightsResult.Status.SUCCESS, "Successfully set weights.", out);
            }
            return new SetWeightsResult(false, SetWeightsResult.Status.FAILED, inc.error().sdkMessage(), out);
        }
        if (out instanceof TxOutcome.Rejected r) {
            return new SetWeightsResult(false, SetWeightsResult.Status.REJECTED, r.message(), out);
        }
        if (out instanceof TxOutcome.NotIncluded) {
            return new SetWeightsResult(false, SetWeightsResult.Status.NOT_INCLUDED, out.message(), out);
        }
        return new SetWeightsResult(true, SetWeightsResult.Status.SUCCESS, "Not waiting for finalization or inclusion.", out);
    }

    /**
     * SDK9 {@code move_stake} ({@code extrinsics/move_stake.py}): reads the origin stake; with {@code alphaAmount == null}
     * ("move_all_stake") moves exactly that amount, otherwise refuses locally when the origin stake is smaller.
     * Call {@code move_stake(origin_hotkey, destination_hotkey, origin_netuid, destination_netuid, alpha_amount)}
     * signed by the coldkey.
     */
    public TxOutcome moveStake(Signer coldkey, String originHotkey, int originNetuid, String destinationHotkey,
                               int destinationNetuid, Long alphaAmount, OnlineClient.WaitFor waitFor) {
        String cold = Ss58.encode(coldkey.publicKey());
        long have = at().stake(cold, originHotkey, originNetuid, null).stake();
        long amount = alphaAmount == null ? have : alphaAmount;
        if (alphaAmount != null && have < alphaAmount) {
            throw new ChainException("Not enough stake: origin has " + have + " rao, asked to move " + alphaAmount);
        }
        if (amount <= 0) {
            throw new ChainException("nothing to move: origin stake of " + originHotkey + " on netuid " + originNetuid + " is 0");
        }
        return send(coldkey, () -> client().encodeCall(SUBTENSOR, "move_stake", OnlineClient.args("origin_hotkey", originHotkey,
                "destination_hotkey", destinationHotkey, "origin_netuid", originNetuid,
                "destination_netuid", destinationNetuid, "alpha_amount", amount)), waitFor);
    }

    /**
     * SDK9 {@code transfer_stake}: refuses locally when the origin stake is smaller than {@code alphaAmount}; call
     * {@code transfer_stake(destination_coldkey, hotkey, origin_netuid, destination_netuid, alpha_amount)} signed by the
     * coldkey.
     */
    public TxOutcome transferStake(Signer coldkey, String destinationColdkey, String hotkey, int originNetuid,
                                   int destinationNetuid, long alphaAmount, OnlineClient.WaitFor waitFor) {
        String cold = Ss58.encode(coldkey.publicKey());
        long have = at().stake(cold, hotkey, originNetuid, null).stake();
        if (have < alphaAmount) {
            throw new ChainException("Not enough stake: origin has " + have + " rao, asked to transfer " + alphaAmount);
        }
        return send(coldkey, () -> client().encodeCall(SUBTENSOR, "transfer_stake", OnlineClient.args("destination_coldkey",
                destinationColdkey, "hotkey", hotkey, "origin_netuid", originNetuid, "destination_netuid",
                destinationNetuid, "alpha_amount", alphaAmount)), waitFor);
    }

    /** {@code add_stake(hotkey, netuid, amount_staked)} (TAO rao) signed by the coldkey. */
    public TxOutcome addStake(Signer coldkey, String hotkey, int netuid, long taoRao, OnlineClient.WaitFor waitFor) {
        return send(coldkey, () -> client().encodeCall(SUBTENSOR, "add_stake", OnlineClient.args("hotkey", hotkey, "netuid", netuid,
                "amount_staked", taoRao)), waitFor);
    }

    /** {@code burned_register(netuid, hotkey)} signed by the coldkey. */
    public TxOutcome burnedRegister(Signer coldkey, int netuid, String hotkey, OnlineClient.WaitFor waitFor) {
        return send(coldkey, () -> client().encodeCall(SUBTENSOR, "burned_register", OnlineClient.args("netuid", netuid, "hotkey", hotkey)), waitFor);
    }

    /** The set_commitment call SDK9's {@code commit} sends: one {@code Raw<n>} field with the UTF-8 bytes. */
    public byte[] setCommitmentCall(int netuid, String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 128) {
            throw new ChainException("commitment of " + bytes.length + " bytes is longer than Raw128 allows (128 bytes)");
        }
        return client().encodeCall("Commitments", "set_commitment", OnlineClient.args("netuid", netuid,
                "info", Map.of("fields", List.of(Map.of("Raw" + bytes.length, bytes)))));
    }

    /**
     * SDK9 {@code commit(wallet, netuid, data)} → {@code publish_metadata}: {@code Commitments.set_commitment} with one
     * {@code Raw<len>} field, signed by the hotkey (which must be registered on the subnet); the SDK waits for
     * finalization by default.
     */
    public TxOutcome setCommitment(Signer hotkey, int netuid, String data, OnlineClient.WaitFor waitFor) {
        return send(hotkey, () -> setCommitmentCall(netuid, data), waitFor);
    }

    /** {@code Balances.transfer_keep_alive(dest, value)} signed by the coldkey. */
    public TxOutcome transferKeepAlive(Signer coldkey, String destSs58, BigInteger rao, OnlineClient.WaitFor waitFor) {
        return send(coldkey, () -> client().encodeCall("Balances", "transfer_keep_alive", OnlineClient.args("dest", destSs58, "value", rao)), waitFor);
    }


    /**
     * How a Subtensor connects and submits; immutable, {@code with…} methods return a copy.
     *
     * @param callTimeout      per RPC call
     * @param connectTimeout   to open the connection
     * @param keepAlive        WebSocket keep-alive ({@link WsRpcClient.Options#keepAlive()}); zero turns it off
     * @param submitTimeout    how long a submission waits for inBlock/finalized
     * @param clock            the wall clock of commit-reveal rounds
     * @param timelockChain    the drand chain commit-reveal weights are timelocked to
     * @param blockTimeSeconds the block time used to aim at the reveal epoch
     */
    public record Options(Duration callTimeout, Duration connectTimeout, Duration keepAlive, Duration submitTimeout,
                          Clock clock, ChainInfo timelockChain, double blockTimeSeconds) {
        public Options {
            positive(callTimeout, "callTimeout");
            positive(connectTimeout, "connectTimeout");
            positive(submitTimeout, "submitTimeout");
            if (keepAlive == null || keepAlive.isNegative()) {
                throw new IllegalArgumentException("keepAlive must be zero (off) or positive, got " + keepAlive);
            }
            Objects.requireNonNull(clock, "clock");
            if (timelockChain == null || !(blockTimeSeconds > 0)) {
                throw new IllegalArgumentException("a drand chain and a positive block time are required");
            }
        }

        /** 30 s calls, 10 s connect, 30 s keep-alive, 2 min submissions, the UTC system clock, drand quicknet, 12 s blocks. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2),
                    Clock.systemUTC(), ChainInfo.QUICKNET, BLOCK_TIME_SECONDS);
        }

        public Options withCallTimeout(Duration d) {
            return new Options(d, connectTimeout, keepAlive, submitTimeout, clock, timelockChain, blockTimeSeconds);
        }

        public Options withConnectTimeout(Duration d) {
            return new Options(callTimeout, d, keepAlive, submitTimeout, clock, timelockChain, blockTimeSeconds);
        }

        public Options withKeepAlive(Duration d) {
            return new Options(callTimeout, connectTimeout, d, submitTimeout, clock, timelockChain, blockTimeSeconds);
        }

        public Options withSubmitTimeout(Duration d) {
            return new Options(callTimeout, connectTimeout, keepAlive, d, clock, timelockChain, blockTimeSeconds);
        }

        public Options withClock(Clock c) {
            return new Options(callTimeout, connectTimeout, keepAlive, submitTimeout, c, timelockChain, blockTimeSeconds);
        }

        /** The drand chain of timelocked commits and the block time that aims them (on a local network: its beacon). */
        public Options withTimelock(ChainInfo chain, double blockTime) {
            return new Options(callTimeout, connectTimeout, keepAlive, submitTimeout, clock, chain, blockTime);
        }

        private static void positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
        }
    }
}
