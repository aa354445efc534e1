package io.tao4j.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.chain.events.EventRecord;
import io.tao4j.chain.events.Events;
import io.tao4j.chain.rpc.RpcClient;
import io.tao4j.chain.rpc.RpcException;
import io.tao4j.chain.rpc.SubstrateRpc;
import io.tao4j.chain.rpc.TransactionStatus;
import io.tao4j.chain.storage.StorageCodec;
import io.tao4j.chain.tx.Era;
import io.tao4j.chain.tx.PoolRejection;
import io.tao4j.chain.tx.SignedExtrinsic;
import io.tao4j.chain.tx.TxOutcome;
import io.tao4j.chain.tx.TxParams;
import io.tao4j.crypto.Hashes;
import io.tao4j.crypto.Hex;
import io.tao4j.crypto.Signer;
import io.tao4j.crypto.Ss58;
import io.tao4j.scale.ScaleWriter;
import io.tao4j.scale.metadata.Metadata;
import io.tao4j.scale.metadata.MetadataLoader;
import io.tao4j.scale.metadata.RuntimeApi;
import io.tao4j.scale.metadata.StorageEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link OfflineClient} plus a connection: storage reads (single, many keys in one {@code state_queryStorageAt},
 * map iteration with {@code state_getKeysPaged}), runtime API calls, nonce and era lookup, and submission with
 * status watching and event decoding. All reads take an optional block hash ({@code null} = best block).
 */
public class OnlineClient extends OfflineClient {
    /** SDK default era period (bittensor {@code settings.DEFAULT_PERIOD}). */
    public static final long DEFAULT_PERIOD = 32;

    private final SubstrateRpc rpc;

    public OnlineClient(RpcClient rpc, Metadata metadata, byte[] genesisHash, RuntimeVersion runtimeVersion) {
        super(metadata, genesisHash, runtimeVersion);
        this.rpc = new SubstrateRpc(rpc);
    }

    /**
     * Connects: reads the genesis hash ({@code chain_getBlockHash(0)}), the runtime version and the metadata of the
     * best block — the newest of V16/V15 via {@code Metadata_metadata_at_version} (these list the runtime APIs), else
     * {@code state_getMetadata} (V14).
     */
    public static OnlineClient connect(RpcClient client) {
        SubstrateRpc rpc = new SubstrateRpc(client);
        String genesis = rpc.chainGetBlockHash(0L);
        if (genesis == null) {
            throw new ChainException("node returned no genesis hash");
        }
        RuntimeVersion rv = rpc.stateGetRuntimeVersion();
        Metadata md = null;
        for (int v : new int[]{16, 15}) {
            try {
                byte[] out = rpc.stateCall("Metadata_metadata_at_version",
                        new ScaleWriter(4).writeU32(v).toByteArray(), null);
                if (out.length > 1 && out[0] == 1) {
                    md = MetadataLoader.fromBytes(out);
                    break;
                }
            } catch (RpcException e) {
                break; // runtime without the versioned metadata API
            }
        }
        if (md == null) {
            md = MetadataLoader.fromBytes(rpc.stateGetMetadata(null));
        }
        return new OnlineClient(client, md, Hex.decode(genesis), rv);
    }

    public SubstrateRpc rpc() {
        return rpc;
    }

    // ------------------------------------------------------------------------------------------------ blocks

    /** Number of the best block ({@code chain_getHeader} without a hash), like the SDK's get_current_block. */
    public long currentBlock() {
        return rpc.bestBlockNumber();
    }

    /** Hash of block {@code number}; ChainException if the node does not know it. */
    public String blockHash(long number) {
        String h = rpc.chainGetBlockHash(number);
        if (h == null) {
            throw new ChainException("node does not know block " + number);
        }
        return h;
    }

    // ------------------------------------------------------------------------------------------------ storage

    /** Raw value of one key, null when absent. */
    public byte[] queryRaw(String pallet, String item, List<?> keys, String atHash) {
        return rpc.stateGetStorage(storageKey(pallet, item, keys), atHash);
    }

    /** Decoded value (default when absent for Default items, JSON null for absent Optional items). */
    public JsonNode query(String pallet, String item, List<?> keys, String atHash) {
        StorageEntry e = storage().entry(pallet, item);
        return storage().decodeValue(e, queryRaw(pallet, item, keys, atHash));
    }

    /** Values of many keys of one item at one block, with a single {@code state_queryStorageAt}; in input order. */
    public List<JsonNode> queryMany(String pallet, String item, List<? extends List<?>> keysList, String atHash) {
        StorageEntry e = storage().entry(pallet, item);
        List<String> hexKeys = new ArrayList<>(keysList.size());
        for (List<?> k : keysList) {
            hexKeys.add(Hex.encode0x(storage().key(pallet, item, k)));
        }
        List<JsonNode> out = new ArrayList<>(hexKeys.size());
        if (hexKeys.isEmpty()) {
            return out;
        }
        SubstrateRpc.StorageAt at = rpc.stateQueryStorageAt(hexKeys, atHash);
        for (String k : hexKeys) {
            out.add(storage().decodeValue(e, at.get(k)));
        }
        return out;
    }

    /** One storage value of a batch read: {@code pallet.item(keys)}. */
    public record StorageQuery(String pallet, String item, List<?> keys) {
        public StorageQuery {
            keys = List.copyOf(keys);
        }
    }

    /**
     * Values of several storage items at one block with a single {@code state_queryStorageAt}, decoded as
     * {@link #query} does; in input order.
     */
    public List<JsonNode> queryAll(List<StorageQuery> queries, String atHash) {
        List<String> hexKeys = new ArrayList<>(queries.size());
        for (StorageQuery q : queries) {
            hexKeys.add(Hex.encode0x(storage().key(q.pallet(), q.item(), q.keys())));
        }
        List<JsonNode> out = new ArrayList<>(queries.size());
        if (hexKeys.isEmpty()) {
            return out;
        }
        SubstrateRpc.StorageAt at = rpc.stateQueryStorageAt(hexKeys, atHash);
        for (int i = 0; i < queries.size(); i++) {
            StorageQuery q = queries.get(i);
            out.add(storage().decodeValue(storage().entry(q.pallet(), q.item()), at.get(hexKeys.get(i))));
        }
        return out;
    }

    /** One entry of a map iteration: the full key, its decoded key parts and the decoded value. */
    public record Entry(byte[] key, List<JsonNode> keyParts, JsonNode value) {
    }

    /**
     * All entries of a map under the first {@code partialKeys} key parts at one block: keys in pages of
     * {@code pageSize} (≤ 1000) with {@code state_getKeysPaged}, values with {@code state_queryStorageAt} per page
     * (the SDK's query_map). Pass a block hash to get a consistent snapshot; null pins the best block first.
     */
    public List<Entry> iterate(String pallet, String item, List<?> partialKeys, String atHash, int pageSize) {
        StorageCodec sc = storage();
        StorageEntry e = sc.entry(pallet, item);
        if (!e.isMap()) {
            throw new ChainException(pallet + "." + item + " is not a map");
        }
        String at = atHash != null ? atHash : rpc.chainGetBlockHash(null);
        String prefix = Hex.encode0x(sc.prefix(pallet, item, partialKeys));
        List<Entry> out = new ArrayList<>();
        String start = prefix;
        while (true) {
            List<String> keys = rpc.stateGetKeysPaged(prefix, pageSize, start, at);
            if (!keys.isEmpty()) {
                SubstrateRpc.StorageAt values = rpc.stateQueryStorageAt(keys, at);
                for (String k : keys) {
                    byte[] kb = Hex.decode(k);
                    out.add(new Entry(kb, sc.decodeKey(e, kb), sc.decodeValue(e, values.get(k))));
                }
            }
            if (keys.size() < pageSize) {
                break;
            }
            start = keys.get(keys.size() - 1);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ runtime APIs

    /** True when the metadata (V15+) declares the runtime API method. */
    public boolean hasRuntimeApi(String trait, String method) {
        return metadata().findRuntimeApi(trait, method).isPresent();
    }

    /** {@code state_call("Trait_method", input)}: raw SCALE output. */
    public byte[] runtimeCallRaw(String trait, String method, byte[] input, String atHash) {
        return rpc.stateCall(trait + "_" + method, input, atHash);
    }

    /** Calls a runtime API declared in the metadata: inputs encoded by their types, output decoded. */
    public JsonNode runtimeCall(String trait, String method, List<?> args, String atHash) {
        RuntimeApi.Method m;
        try {
            m = metadata().runtimeApi(trait, method);
        } catch (RuntimeException e) {
            throw new ChainException("runtime API " + trait + "_" + method + " is not in this metadata: " + e.getMessage(), e);
        }
        if (args.size() != m.inputs().size()) {
            throw new ChainException(m.stateCallName() + " takes " + m.inputs().size() + " argument(s), got " + args.size());
        }
        ScaleWriter w = new ScaleWriter();
        for (int i = 0; i < args.size(); i++) {
            w.writeBytes(Values.encode(metadata().types(), m.inputs().get(i).type(), args.get(i),
                    m.stateCallName() + "." + m.inputs().get(i).name()));
        }
        byte[] out = runtimeCallRaw(trait, method, w.toByteArray(), atHash);
        return Values.decode(metadata().types(), m.output(), out, m.stateCallName());
    }

    // ------------------------------------------------------------------------------------------------ transactions

    /** Next nonce of the account, counting the pool ({@code system_accountNextIndex}). */
    public long nextNonce(byte[] accountId) {
        return rpc.systemAccountNextIndex(Ss58.encode(accountId));
    }

    /**
     * Transaction parameters as the SDK's async-substrate-interface builds them: nonce from the pool-aware
     * {@code system_accountNextIndex}, a mortal era of {@code period} blocks counted from the finalized head, and
     * the hash of the era's birth block.
     */
    public TxParams txParams(byte[] accountId, long period) {
        long nonce = nextNonce(accountId);
        String fin = rpc.chainGetFinalizedHead();
        SubstrateRpc.Header h = rpc.chainGetHeader(fin);
        if (h == null) {
            throw new ChainException("node has no header for its finalized head " + fin);
        }
        Era era = Era.mortal(period, h.number());
        long birth = era.birth(h.number());
        String birthHash = birth == h.number() ? fin : blockHash(birth);
        return TxParams.mortal(nonce, era, Hex.decode(birthHash));
    }

    /** Signs {@code call} with fresh parameters (nonce, era of {@link #DEFAULT_PERIOD}). */
    public SignedExtrinsic sign(byte[] call, Signer signer) {
        return sign(call, signer, txParams(signer.publicKey(), DEFAULT_PERIOD));
    }

    /** How long to wait when submitting. */
    public enum WaitFor {
        /** Do not watch: {@code author_submitExtrinsic}, success once the pool accepts it. */
        NOTHING,
        /** Watch until the first inBlock. */
        IN_BLOCK,
        /** Watch until finalized. */
        FINALIZED
    }

    /**
     * Submits and, unless {@code waitFor} is NOTHING, watches until inBlock/finalized, then reads the block's events
     * for this extrinsic: success, or failure with the module error resolved through the metadata. A pool
     * rejection (RPC error 1010 …) is returned as {@link TxOutcome.Rejected}; other RPC failures are thrown.
     */
    public TxOutcome submit(SignedExtrinsic xt, WaitFor waitFor, Duration timeout) {
        String hash = Hex.encode0x(xt.hash());
        if (waitFor == WaitFor.NOTHING) {
            try {
                rpc.authorSubmitExtrinsic(xt.bytes());
                return new TxOutcome.Submitted(hash);
            } catch (RpcException e) {
                if (PoolRejection.isPoolRejection(e)) {
                    return PoolRejection.from(hash, e);
                }
                throw e;
            }
        }
        CompletableFuture<TransactionStatus> done = new CompletableFuture<>();
        RpcClient.Subscription sub;
        try {
            sub = rpc.authorSubmitAndWatchExtrinsic(xt.bytes(), new SubstrateRpc.ExtrinsicListener() {
                @Override
                public void onStatus(TransactionStatus s) {
                    switch (s.kind()) {
                        case IN_BLOCK -> {
                            if (waitFor == WaitFor.IN_BLOCK) {
                                done.complete(s);
                            }
                        }
                        case FINALIZED, FINALITY_TIMEOUT, USURPED, DROPPED, INVALID -> done.complete(s);
                        default -> { }
                    }
                }

                @Override
                public void onError(RpcException error) {
                    done.completeExceptionally(error);
                }
            });
        } catch (RpcException e) {
            if (PoolRejection.isPoolRejection(e)) {
                return PoolRejection.from(hash, e);
            }
            throw e;
        }
        TransactionStatus status;
        try {
            status = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ChainException("extrinsic " + hash + " reached no " + (waitFor == WaitFor.IN_BLOCK ? "inBlock" : "finalized")
                    + " status within " + timeout);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RpcException re && PoolRejection.isPoolRejection(re)) {
                return PoolRejection.from(hash, re);
            }
            throw new ChainException("watching extrinsic " + hash + " failed: " + c.getMessage(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException("interrupted while watching " + hash);
        } finally {
            // the node ends the subscription itself after a final status; unwatch otherwise
        }
        if (status.kind() != TransactionStatus.Kind.IN_BLOCK && status.kind() != TransactionStatus.Kind.FINALIZED) {
            try {
                sub.close();
            } catch (RuntimeException ignored) {
                // best effort
            }
            return new TxOutcome.NotIncluded(hash, status.kind(),
                    status.blockHash() != null ? status.blockHash() : String.join(",", status.detail()));
        }
        if (status.kind() == TransactionStatus.Kind.IN_BLOCK) {
            try {
                sub.close();
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
        return receipt(xt, status.blockHash(), status.kind() == TransactionStatus.Kind.FINALIZED);
    }

    /**
     * The outcome of an extrinsic known to be in {@code blockHash}: its index in the block (by blake2-256 hash) and
     * its events ({@code System.Events} at that block, phase ApplyExtrinsic(index)), like ASI's ExtrinsicReceipt.
     */
    public TxOutcome.Included receipt(SignedExtrinsic xt, String blockHash, boolean finalized) {
        String hash = Hex.encode0x(xt.hash());
        SubstrateRpc.Block block = rpc.chainGetBlock(blockHash);
        if (block == null) {
            throw new ChainException("node does not know block " + blockHash + " reported for " + hash);
        }
        int index = -1;
        for (int i = 0; i < block.extrinsics().size(); i++) {
            if (Arrays.equals(Hashes.blake2b256(block.extrinsics().get(i)), xt.hash())) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            throw new ChainException("extrinsic " + hash + " is not in block " + blockHash);
        }
        List<EventRecord> all = events(blockHash);
        List<EventRecord> mine = Events.forExtrinsic(all, index);
        io.tao4j.chain.events.DispatchErrorInfo err = null;
        boolean sawResult = false;
        for (EventRecord r : mine) {
            if (r.is("System", "ExtrinsicSuccess")) {
                sawResult = true;
            } else if (r.is("System", "ExtrinsicFailed")) {
                sawResult = true;
                JsonNode f = r.fields();
                JsonNode de = f.has("dispatch_error") ? f.get("dispatch_error") : f.isArray() ? f.get(0) : f;
                err = Events.dispatchError(metadata(), de);
            }
        }
        if (!sawResult) {
            throw new ChainException("block " + blockHash + " has no ExtrinsicSuccess/ExtrinsicFailed for extrinsic " + index);
        }
        return new TxOutcome.Included(hash, blockHash, finalized, index, mine, err);
    }

    /** All events of a block. */
    public List<EventRecord> events(String blockHash) {
        byte[] raw = rpc.stateGetStorage(storageKey("System", "Events", List.of()), blockHash);
        return Events.decode(metadata(), raw);
    }

    /** Helper for callers building argument maps in order. */
    public static Map<String, Object> args(Object... nameValue) {
        if (nameValue.length % 2 != 0) {
            throw new IllegalArgumentException("args needs name/value pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], nameValue[i + 1]);
        }
        return m;
    }
}
