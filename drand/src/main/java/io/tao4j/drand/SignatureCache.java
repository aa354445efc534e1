package io.tao4j.drand;

import io.tao4j.crypto.Hex;
import io.tao4j.crypto.bls.DrandBls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A crash-safe on-disk store of verified beacon signatures: one small text file per round under
 * {@code <dir>/<first 16 bytes of sha256(public key) in hex>/<round>.sig}, written to a temporary file,
 * forced to disk and atomically renamed. Every entry is verified again against the chain key when it is
 * read; an entry that is unreadable or does not verify is deleted and reported as missing, so the caller
 * fetches it again — the cache is never trusted.
 */
public final class SignatureCache {
    private static final Logger LOG = LoggerFactory.getLogger(SignatureCache.class);

    private final Path dir;
    private final ChainInfo chain;
    private final ConcurrentHashMap<Long, Beacon> memory = new ConcurrentHashMap<>();

    public SignatureCache(Path baseDir, ChainInfo chain) {
        this.chain = chain;
        this.dir = baseDir.resolve(keyTag(chain.publicKey()));
    }

    private static String keyTag(byte[] pk) {
        try {
            return Hex.encode(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(pk), 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory holding this chain's entries. */
    public Path directory() {
        return dir;
    }

    Path file(long round) {
        return dir.resolve(round + ".sig");
    }

    /** The cached beacon for this round, re-verified; empty if absent or if the entry was bad (then it is deleted). */
    public Optional<Beacon> get(long round) {
        Beacon b = memory.get(round);
        if (b != null) {
            return Optional.of(b);
        }
        Path f = file(round);
        String text;
        try {
            text = Files.readString(f, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            discard(f, "unreadable: " + e.getClass().getSimpleName());
            return Optional.empty();
        }
        byte[] sig;
        try {
            sig = Hex.decode(text);
        } catch (IllegalArgumentException e) {
            discard(f, "not hex");
            return Optional.empty();
        }
        if (!DrandBls.verify(chain.publicKeyPoint(), round, sig)) {
            discard(f, "signature does not verify");
            return Optional.empty();
        }
        Beacon ok = new Beacon(round, sig);
        memory.put(round, ok);
        return Optional.of(ok);
    }

    /** Stores a beacon; the caller must have verified it (it is checked again when read back). */
    public void put(Beacon beacon) {
        memory.put(beacon.round(), beacon);
        try {
            Files.createDirectories(dir);
            Path target = file(beacon.round());
            Path tmp = Files.createTempFile(dir, beacon.round() + ".", ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.write(java.nio.ByteBuffer.wrap((beacon.signatureHex() + "\n").getBytes(StandardCharsets.US_ASCII)));
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOG.warn("could not write drand cache entry for round {} under {}: {}", beacon.round(), dir, e.toString());
        }
    }

    private void discard(Path f, String why) {
        LOG.warn("discarding corrupt drand cache entry {} ({}); it will be fetched again", f, why);
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", f, e.toString());
        }
    }
}
