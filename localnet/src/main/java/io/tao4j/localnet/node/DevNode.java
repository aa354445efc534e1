package io.tao4j.localnet.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.crypto.Hashes;
import io.tao4j.localnet.runtime.AccountId;
import io.tao4j.localnet.runtime.DispatchException;
import io.tao4j.localnet.runtime.RuntimeEvent;
import io.tao4j.localnet.runtime.Subnet;
import io.tao4j.chain.subtensor.DrandPulse;
import io.tao4j.localnet.runtime.DrandPallet;
import io.tao4j.localnet.runtime.SubtensorRuntime;
import io.tao4j.scale.ScaleWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The local Subtensor node: a transaction pool, block production on demand or on a timer, the
 * runtime's state laid out as storage after every block (recent blocks keep full state, older ones
 * only their header and body, like a pruned node), best and finalized heads, and notifications for
 * new heads and watched transactions. Thread-safe; all state changes happen under one lock.
 *
 * <p>Simplified: the state root is blake2-256 over the sorted key/value pairs and the extrinsics
 * root blake2-256 over the extrinsics (not Merkle-Patricia tries), and blocks carry no digest.
 * Finality trails the best block by {@link #FINALITY_LAG} blocks.
 */
public final class DevNode {
    private static final Logger log = LoggerFactory.getLogger(DevNode.class);
    /** Blocks between best and finalized. */
    public static final int FINALITY_LAG = 1;
    /** Blocks whose full state is kept. */
    public static final int STATE_KEPT = 256;
    /** Blocks whose hash is kept in {@code System.BlockHash} (BlockHashCount). */
    public static final int BLOCK_HASH_COUNT = 2400;
    /** Most extrinsics in one block. */
    public static final int MAX_EXTRINSICS = 1000;
    /** Most drand pulses one block carries (the Drand pallet's MAX_PULSES_TO_FETCH). */
    public static final int MAX_PULSES_PER_BLOCK = 50;
    /** Fee of a paying call: base plus per byte (rao). */
    public static final long FEE_BASE = 125_000, FEE_PER_BYTE = 100;

    /** A block: header fields, body and (while kept) the storage after it. */
    public static final class Block {
        final long number;
        final byte[] hash;
        final byte[] parentHash;
        final byte[] stateRoot;
        final byte[] extrinsicsRoot;
        final List<byte[]> extrinsics;
        NavigableMap<ByteKey, byte[]> storage;

        Block(long number, byte[] parentHash, byte[] stateRoot, byte[] extrinsicsRoot, List<byte[]> extrinsics,
              NavigableMap<ByteKey, byte[]> storage) {
            this.number = number;
            this.parentHash = parentHash;
            this.stateRoot = stateRoot;
            this.extrinsicsRoot = extrinsicsRoot;
            this.extrinsics = List.copyOf(extrinsics);
            this.storage = storage;
            this.hash = Hashes.blake2b256(encodeHeader());
        }

        /** SCALE header: parent ‖ Compact(number) ‖ state root ‖ extrinsics root ‖ empty digest. */
        public byte[] encodeHeader() {
            return new ScaleWriter().writeBytes(parentHash).writeCompact(number).writeBytes(stateRoot)
                    .writeBytes(extrinsicsRoot).writeCompact(0).toByteArray();
        }

        public long number() {
            return number;
        }

        public byte[] hash() {
            return hash.clone();
        }

        public byte[] parentHash() {
            return parentHash.clone();
        }

        public byte[] stateRoot() {
            return stateRoot.clone();
        }

        public byte[] extrinsicsRoot() {
            return extrinsicsRoot.clone();
        }

        public List<byte[]> extrinsics() {
            return extrinsics;
        }

        /** The storage after this block, or empty when it has been pruned. */
        public Optional<NavigableMap<ByteKey, byte[]>> storage() {
            return Optional.ofNullable(storage);
        }
    }

    /** Status updates of a watched transaction, as {@code author_submitAndWatchExtrinsic} reports them. */
    public interface TxWatcher {
        void ready();

        void inBlock(byte[] blockHash);

        void finalized(byte[] blockHash);

        /** Removed from the pool without inclusion (e.g. became stale or could not pay). */
        void invalid(String reason);
    }

    private record Pending(DecodedExtrinsic tx, TxWatcher watcher, long seq) {
    }

    /**
     * Where the block producer gets drand pulses: the beacon's public key, the latest round that is
     * out now (a wall-clock reading, taken only when producing; replay uses the block bodies) and the
     * signature of a round.
     */
    public interface DrandFeed {
        byte[] publicKey();

        long latestRound();

        byte[] signature(long round);
    }

    /** A block's write_pulse extrinsic and its pulses. */
    private record PulseTx(byte[] bytes, List<DrandPulse> pulses) {
    }

    private DrandFeed drand;
    private final PulseExtrinsic pulseCodec;
    /** The key that signs write_pulse payloads, as a validator's drand offchain worker does (//Alice, the dev authority). */
    private final io.tao4j.crypto.Sr25519KeyPair pulseAuthority = io.tao4j.crypto.Sr25519KeyPair.fromUri("//Alice");

    private final NodeMetadata metadata;
    private final SubtensorRuntime rt;
    private final StateStorage layout;
    private final EventEncoder events;
    private final CallDispatcher dispatcher;
    private ExtrinsicChecker checker;
    private final Map<Long, Block> byNumber = new HashMap<>();
    private final Map<String, Block> byHash = new HashMap<>();
    private final Map<AccountId, TreeMap<Long, Pending>> pool = new LinkedHashMap<>();
    private final Map<String, Pending> poolByHash = new HashMap<>();
    private final Map<Long, List<Pending>> awaitingFinality = new HashMap<>();
    private final List<Consumer<Block>> headListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Block>> finalizedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Block>> blockHooks = new CopyOnWriteArrayList<>();
    private Block best;
    private Block finalized;
    private long seq;
    private boolean poolChecksWeights = true;

    /** Creates the node from a runtime prepared with its genesis state (block 0). */
    public DevNode(NodeMetadata metadata, SubtensorRuntime genesis) {
        this.metadata = metadata;
        this.rt = genesis;
        this.layout = new StateStorage(metadata.model());
        this.events = new EventEncoder(metadata.model());
        this.dispatcher = new CallDispatcher(rt);
        this.pulseCodec = new PulseExtrinsic(metadata.model());
        Block g = seal(0, new byte[32], List.of(), List.of());
        this.checker = new ExtrinsicChecker(metadata.model(), g.hash);
        this.best = g;
        this.finalized = g;
    }

    /**
     * Connects the drand beacon: from now on every produced block starts with a bare
     * {@code Drand.write_pulse} carrying the rounds that came out since {@code LastStoredRound} (at most
     * {@link #MAX_PULSES_PER_BLOCK}; on the first write only the latest round), and imported blocks'
     * pulses are verified against its public key. Set it before replaying a block log.
     */
    public synchronized void setDrandFeed(DrandFeed feed) {
        this.drand = feed;
        rt.setBeaconPublicKey(feed.publicKey());
    }

    /**
     * Real Subtensor at spec 393 refuses a too-early {@code set_weights} in the pool (RPC error 1010,
     * "Custom error: 6"); older runtimes included it and failed it at dispatch. Off = the older way.
     */
    public synchronized void setPoolChecksWeights(boolean on) {
        this.poolChecksWeights = on;
    }

    public NodeMetadata metadata() {
        return metadata;
    }

    public synchronized Block best() {
        return best;
    }

    public synchronized Block finalizedBlock() {
        return finalized;
    }

    public synchronized Block genesis() {
        return byNumber.get(0L);
    }

    public synchronized Optional<Block> block(long number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    public synchronized Optional<Block> block(byte[] hash) {
        return Optional.ofNullable(byHash.get(io.tao4j.crypto.Hex.encode(hash)));
    }

    /** Runs {@code reader} on the runtime under the node's lock (for runtime APIs and the status page). */
    public synchronized <T> T withRuntime(java.util.function.Function<SubtensorRuntime, T> reader) {
        return reader.apply(rt);
    }

    public void onNewHead(Consumer<Block> l) {
        headListeners.add(l);
    }

    public void onFinalized(Consumer<Block> l) {
        finalizedListeners.add(l);
    }

    /** Called after every block with the node's lock held (price feed steps, etc.). */
    public void onBlock(Consumer<Block> hook) {
        blockHooks.add(hook);
    }

    public void removeListener(Consumer<Block> l) {
        headListeners.remove(l);
        finalizedListeners.remove(l);
    }

    /** The next nonce of {@code who} counting its transactions waiting in the pool (system_accountNextIndex). */
    public synchronized long nextIndex(AccountId who) {
        long n = rt.nonce(who);
        TreeMap<Long, Pending> q = pool.get(who);
        if (q != null) {
            while (q.containsKey(n)) {
                n++;
            }
        }
        return n;
    }

    /** Pending transactions in the pool. */
    public synchronized int poolSize() {
        return poolByHash.size();
    }

    // ------------------------------------------------------------------------------- submission

    /**
     * Validates and queues a signed extrinsic; returns its hash. A transaction with a future nonce
     * waits in the pool until its turn. Throws {@link TxRejection} as a node's pool would.
     */
    public byte[] submit(byte[] bytes, TxWatcher watcher) {
        byte[] hash = submitLocked(bytes, watcher);
        if (watcher != null) {
            watcher.ready();
        }
        return hash;
    }

    private synchronized byte[] submitLocked(byte[] bytes, TxWatcher watcher) {
        DecodedExtrinsic x = checker.check(bytes, best.number, n -> {
            Block b = byNumber.get(n);
            return b == null ? null : b.hash;
        });
        String key = io.tao4j.crypto.Hex.encode(x.hash());
        if (poolByHash.containsKey(key)) {
            throw new TxRejection(TxRejection.ALREADY_IMPORTED, "Transaction Already Imported", "Transaction is already in the pool");
        }
        long accountNonce = rt.nonce(x.signer());
        if (x.nonce() < accountNonce) {
            throw TxRejection.invalid("Transaction is outdated");
        }
        TreeMap<Long, Pending> q = pool.computeIfAbsent(x.signer(), k -> new TreeMap<>());
        if (q.containsKey(x.nonce())) {
            throw new TxRejection(TxRejection.TOO_LOW_PRIORITY, "Priority is too low", "Priority is too low: (0 vs 0)");
        }
        if (CallDispatcher.paysFee(x) && rt.freeBalance(x.signer()) < fee(x)) {
            throw TxRejection.invalid("Inability to pay some fees (e.g. account balance too low)");
        }
        poolValidateSubtensor(x);
        Pending p = new Pending(x, watcher, seq++);
        q.put(x.nonce(), p);
        poolByHash.put(key, p);
        log.debug("pool: accepted {}.{} from {} nonce {}", x.pallet(), x.callName(), x.signer().ss58(), x.nonce());
        return x.hash();
    }

    /** Subtensor's own transaction extension guards that run in the pool (spec ≥ 345 semantics). */
    private void poolValidateSubtensor(DecodedExtrinsic x) {
        if (x.pallet().equals("SubtensorModule") && x.callName().startsWith("commit_timelocked_")) {
            JsonNode args = x.call().get("SubtensorModule").get(x.callName());
            int netuid = args.get("netuid").asInt();
            if (rt.subnetIfExists(netuid).isPresent() && rt.totalHotkeyAlpha(x.signer(), netuid) < rt.stakeThreshold()) {
                throw TxRejection.invalid("Custom error: 1");
            }
            JsonNode rr = args.get("reveal_round");
            long revealRound = rr.isNumber() ? rr.asLong() : Long.parseUnsignedLong(rr.asText());
            if (Long.compareUnsigned(revealRound, rt.lastStoredRound()) < 0) {
                throw TxRejection.invalid("Custom error: 15"); // InvalidRevealRound
            }
            return;
        }
        if (!poolChecksWeights || !x.pallet().equals("SubtensorModule")
                || !(x.callName().equals("set_weights") || x.callName().equals("set_mechanism_weights"))) {
            return;
        }
        int netuid = x.call().get("SubtensorModule").get(x.callName()).get("netuid").asInt();
        Optional<Subnet> s = rt.subnetIfExists(netuid);
        if (s.isEmpty() || s.get().params().commitRevealEnabled()) {
            return;
        }
        int uid = s.get().uidOf(x.signer());
        if (uid < 0) {
            return; // fails at dispatch with HotKeyNotRegisteredInSubNet
        }
        if (rt.totalHotkeyAlpha(x.signer(), netuid) < rt.stakeThreshold()) {
            throw TxRejection.invalid("Custom error: 1");
        }
        if (!rt.weightsRateLimitPassed(s.get(), uid)) {
            throw TxRejection.invalid("Custom error: 6");
        }
    }

    /**
     * The fee {@code TransactionPaymentApi_query_info} / {@code payment_queryInfo} report for these extrinsic bytes: 0
     * for the calls Subtensor does not charge ({@code Pays::No}: the weight-setting family), else the length rule the
     * pool charges.
     */
    public synchronized long queryFee(byte[] xt) {
        boolean free = checker.callName(xt).map(c -> !CallDispatcher.paysFee(c)).orElse(false);
        return free ? 0 : FEE_BASE + FEE_PER_BYTE * xt.length;
    }

    static long fee(DecodedExtrinsic x) {
        return FEE_BASE + FEE_PER_BYTE * x.bytes().length;
    }

    // ------------------------------------------------------------------------------- blocks

    /**
     * Produces the next block from the pool. Listeners and watchers are told after the node's lock is
     * released, in block order, so a slow client never holds up the chain or deadlocks with it.
     */
    public Block produceBlock() {
        List<Runnable> notices = new ArrayList<>();
        Block b;
        synchronized (notifyOrder) {
            b = produceLocked(notices, null, null);
            notices.forEach(Runnable::run);
        }
        return b;
    }

    /**
     * Re-executes a block from a block log: its extrinsics are checked (signature, era) and applied
     * exactly as when the block was produced. Returns the rebuilt block, whose hash the caller compares.
     */
    public Block importBlock(List<byte[]> extrinsics) {
        List<Runnable> notices = new ArrayList<>();
        synchronized (notifyOrder) {
            List<Pending> txs = new ArrayList<>();
            PulseTx pulses = null;
            synchronized (this) {
                for (int i = 0; i < extrinsics.size(); i++) {
                    byte[] x = extrinsics.get(i);
                    if (PulseExtrinsic.isBare(x)) {
                        if (i != 0) {
                            throw new IllegalStateException("block " + (best.number + 1) + ": a bare extrinsic at index " + i
                                    + "; only a Drand.write_pulse, first in the block, may be unsigned");
                        }
                        pulses = verifiedPulses(best.number + 1, x);
                        continue;
                    }
                    txs.add(new Pending(checker.check(x, best.number, n -> {
                        Block b = byNumber.get(n);
                        return b == null ? null : b.hash;
                    }), null, seq++));
                }
            }
            Block b = produceLocked(notices, txs, pulses);
            notices.forEach(Runnable::run);
            return b;
        }
    }

    /** Checks a logged write_pulse: decodable, authority-signed, bounded, every pulse verifying against the beacon. */
    private PulseTx verifiedPulses(long number, byte[] bytes) {
        PulseExtrinsic.Decoded d;
        try {
            d = pulseCodec.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("block " + number + ": " + e.getMessage(), e);
        }
        if (drand == null) {
            throw new IllegalStateException("block " + number + " carries drand pulses but this node has no drand beacon to verify them");
        }
        if (!d.authoritySignatureValid()) {
            throw new IllegalStateException("block " + number + ": the Drand.write_pulse payload signature does not verify");
        }
        if (d.pulses().isEmpty() || d.pulses().size() > MAX_PULSES_PER_BLOCK) {
            throw new IllegalStateException("block " + number + ": Drand.write_pulse carries " + d.pulses().size()
                    + " pulses (1.." + MAX_PULSES_PER_BLOCK + " allowed)");
        }
        for (DrandPulse p : d.pulses()) {
            if (!rt.verifyPulse(p)) {
                throw new IllegalStateException("block " + number + ": the drand pulse of round " + p.round()
                        + " does not verify against the beacon public key 0x" + io.tao4j.crypto.Hex.encode(drand.publicKey())
                        + " (the block log was altered, or the node runs with another --drand-seed)");
            }
        }
        return new PulseTx(bytes, d.pulses());
    }

    /** The pulses due in a new block: rounds after LastStoredRound up to the beacon's latest (bounded). */
    private PulseTx duePulses(long number) {
        if (drand == null) {
            return null;
        }
        long latest = drand.latestRound();
        long last = rt.lastStoredRound();
        if (latest <= last || latest < 1) {
            return null;
        }
        long from = last == 0 ? latest : last + 1;
        long to = Math.min(latest, from + MAX_PULSES_PER_BLOCK - 1);
        List<DrandPulse> pulses = new ArrayList<>();
        for (long r = from; r <= to; r++) {
            pulses.add(DrandPallet.pulseOf(r, drand.signature(r)));
        }
        return new PulseTx(pulseCodec.encode(number, pulses, pulseAuthority), pulses);
    }

    private final Object notifyOrder = new Object();

    private synchronized Block produceLocked(List<Runnable> notices, List<Pending> given, PulseTx pulseTx) {
        long number = best.number + 1;
        List<EventEncoder.Record> records = new ArrayList<>();
        for (RuntimeEvent e : rt.initializeBlock(number)) {
            records.add(new EventEncoder.Record(EventEncoder.Phase.INITIALIZATION, events.runtimeEvent(e)));
        }
        List<byte[]> body = new ArrayList<>();
        List<Pending> included = new ArrayList<>();
        PulseTx pulses = given != null ? pulseTx : duePulses(number);
        if (pulses != null) {
            body.add(pulses.bytes());
            try {
                for (RuntimeEvent e : rt.dispatch(() -> rt.writePulses(pulses.pulses()))) {
                    records.add(new EventEncoder.Record(EventEncoder.Phase.apply(0), events.runtimeEvent(e)));
                }
                records.add(new EventEncoder.Record(EventEncoder.Phase.apply(0), events.extrinsicSuccess(false)));
            } catch (DispatchException e) {
                log.warn("block {}: Drand.write_pulse failed: {}", number, e.getMessage());
                records.add(new EventEncoder.Record(EventEncoder.Phase.apply(0), events.extrinsicFailed(e, false)));
            }
        }
        for (Pending p : given != null ? given : takeReady(notices)) {
            DecodedExtrinsic x = p.tx();
            if (!x.era().isImmortal() && number >= x.era().death(number)) {
                drop(p, "Transaction is outdated", notices);
                continue;
            }
            boolean pays = CallDispatcher.paysFee(x);
            if (pays) {
                try {
                    rt.withdrawFee(x.signer(), fee(x));
                } catch (DispatchException e) {
                    drop(p, "Inability to pay some fees (e.g. account balance too low)", notices);
                    continue;
                }
            }
            rt.incrementNonce(x.signer());
            int index = body.size();
            body.add(x.bytes());
            included.add(p);
            try {
                for (RuntimeEvent e : rt.dispatch(() -> dispatcher.dispatch(x))) {
                    records.add(new EventEncoder.Record(EventEncoder.Phase.apply(index), events.runtimeEvent(e)));
                }
                records.add(new EventEncoder.Record(EventEncoder.Phase.apply(index), events.extrinsicSuccess(pays)));
            } catch (DispatchException e) {
                log.debug("block {}: {}.{} from {} failed: {}", number, x.pallet(), x.callName(), x.signer().ss58(), e.getMessage());
                records.add(new EventEncoder.Record(EventEncoder.Phase.apply(index), events.extrinsicFailed(e, pays)));
            }
        }
        Block b = seal(number, best.hash, body, records);
        for (Pending p : included) {
            if (p.watcher() != null) {
                notices.add(() -> p.watcher().inBlock(b.hash));
                awaitingFinality.computeIfAbsent(number, k -> new ArrayList<>()).add(p);
            }
        }
        best = b;
        long fin = Math.max(0, number - FINALITY_LAG);
        Block newFinal = byNumber.get(fin);
        for (Consumer<Block> hook : blockHooks) {
            hook.accept(b);
        }
        notices.add(() -> headListeners.forEach(l -> safe(l, b)));
        if (newFinal != null && newFinal.number > finalized.number) {
            for (long n = finalized.number + 1; n <= newFinal.number; n++) {
                Block f = byNumber.get(n);
                for (Pending p : awaitingFinality.getOrDefault(n, List.of())) {
                    notices.add(() -> p.watcher().finalized(f.hash));
                }
                awaitingFinality.remove(n);
            }
            finalized = newFinal;
            notices.add(() -> finalizedListeners.forEach(l -> safe(l, newFinal)));
        }
        return b;
    }

    private static void safe(Consumer<Block> l, Block b) {
        try {
            l.accept(b);
        } catch (RuntimeException e) {
            log.warn("a block listener failed: {}", e.toString());
        }
    }

    /** Takes the transactions whose nonce is due, in submission order, at most MAX_EXTRINSICS. */
    private List<Pending> takeReady(List<Runnable> notices) {
        Map<AccountId, Long> next = new HashMap<>();
        List<Pending> out = new ArrayList<>();
        boolean progress = true;
        while (progress && out.size() < MAX_EXTRINSICS) {
            progress = false;
            Pending pick = null;
            for (Map.Entry<AccountId, TreeMap<Long, Pending>> e : pool.entrySet()) {
                long n = next.computeIfAbsent(e.getKey(), rt::nonce);
                // drop stale ones
                while (!e.getValue().isEmpty() && e.getValue().firstKey() < n) {
                    Pending stale = e.getValue().pollFirstEntry().getValue();
                    drop(stale, "Transaction is outdated", notices);
                }
                Pending p = e.getValue().get(n);
                if (p != null && (pick == null || p.seq() < pick.seq())) {
                    pick = p;
                }
            }
            if (pick != null) {
                TreeMap<Long, Pending> q = pool.get(pick.tx().signer());
                q.remove(pick.tx().nonce());
                poolByHash.remove(io.tao4j.crypto.Hex.encode(pick.tx().hash()));
                next.merge(pick.tx().signer(), 1L, Long::sum);
                out.add(pick);
                progress = true;
            }
        }
        pool.values().removeIf(TreeMap::isEmpty);
        return out;
    }

    private void drop(Pending p, String reason, List<Runnable> notices) {
        poolByHash.remove(io.tao4j.crypto.Hex.encode(p.tx().hash()));
        TreeMap<Long, Pending> q = pool.get(p.tx().signer());
        if (q != null) {
            q.remove(p.tx().nonce(), p);
        }
        if (p.watcher() != null) {
            notices.add(() -> p.watcher().invalid(reason));
        }
    }

    private Block seal(long number, byte[] parentHash, List<byte[]> body, List<EventEncoder.Record> records) {
        Map<Long, byte[]> recent = new HashMap<>();
        for (long n = Math.max(0, number - BLOCK_HASH_COUNT); n < number; n++) {
            Block b = byNumber.get(n);
            if (b != null) {
                recent.put(n, b.hash);
            }
        }
        NavigableMap<ByteKey, byte[]> storage = layout.build(rt, number, parentHash, recent, events.encode(records));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        storage.forEach((k, v) -> {
            all.writeBytes(k.bytes());
            all.writeBytes(v);
        });
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        body.forEach(ext::writeBytes);
        Block b = new Block(number, parentHash, Hashes.blake2b256(all.toByteArray()), Hashes.blake2b256(ext.toByteArray()),
                body, storage);
        byNumber.put(number, b);
        byHash.put(io.tao4j.crypto.Hex.encode(b.hash), b);
        Block old = byNumber.get(number - STATE_KEPT);
        if (old != null && old.number > 0) {
            old.storage = null; // pruned: header and body stay
        }
        return b;
    }
}
