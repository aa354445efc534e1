package io.tao4j.localnet.node;

import io.tao4j.crypto.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The local node's persistent chain: an append-only log of blocks (number, hash, extrinsics), each
 * record length-prefixed and CRC32C-checked and forced to disk before the block is announced. The
 * runtime is deterministic, so replaying the log from the saved genesis rebuilds the exact chain —
 * every rebuilt block hash is compared with the logged one. A record torn by a crash or kill -9 is
 * cut off at start, losing at most the block being written.
 */
public final class BlockLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BlockLog.class);
    private static final int MAX_RECORD = 64 << 20;

    /** One logged block. */
    public record Entry(long number, byte[] hash, List<byte[]> extrinsics) {
    }

    private final Path file;
    private final FileChannel channel;

    private BlockLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens (creating) the log, returning it and the intact entries; a torn or corrupt tail is
     * truncated away with a warning.
     */
    public static BlockLog open(Path file, List<Entry> into) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long size = ch.size();
            long pos = 0;
            ByteBuffer head = ByteBuffer.allocate(4);
            while (pos + 4 <= size) {
                head.clear();
                ch.read(head, pos);
                int len = head.flip().getInt();
                if (len <= 0 || len > MAX_RECORD || pos + 4 + len + 4 > size) {
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(len + 4);
                ch.read(body, pos + 4);
                body.flip();
                byte[] payload = new byte[len];
                body.get(payload);
                int crc = body.getInt();
                CRC32C c = new CRC32C();
                c.update(payload);
                if ((int) c.getValue() != crc) {
                    break;
                }
                into.add(decode(payload));
                pos += 4 + len + 4;
            }
            if (pos < size) {
                log.warn("block log {}: discarding {} bytes after block {} (an interrupted write)", file, size - pos,
                        into.isEmpty() ? "genesis" : into.get(into.size() - 1).number());
                ch.truncate(pos);
                ch.force(true);
            }
            ch.position(pos);
            return new BlockLog(file, ch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the block log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends a block and forces it to disk. */
    public synchronized void append(DevNode.Block b) {
        ByteBuffer payload = encode(b);
        CRC32C c = new CRC32C();
        c.update(payload.duplicate());
        ByteBuffer rec = ByteBuffer.allocate(4 + payload.remaining() + 4);
        rec.putInt(payload.remaining()).put(payload).putInt((int) c.getValue()).flip();
        try {
            while (rec.hasRemaining()) {
                channel.write(rec);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append block " + b.number() + " to " + file + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer encode(DevNode.Block b) {
        int size = 8 + 32 + 4;
        for (byte[] x : b.extrinsics()) {
            size += 4 + x.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putLong(b.number()).put(b.hash()).putInt(b.extrinsics().size());
        for (byte[] x : b.extrinsics()) {
            buf.putInt(x.length).put(x);
        }
        return buf.flip();
    }

    private static Entry decode(byte[] payload) {
        ByteBuffer buf = ByteBuffer.wrap(payload);
        long number = buf.getLong();
        byte[] hash = new byte[32];
        buf.get(hash);
        int n = buf.getInt();
        List<byte[]> xs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] x = new byte[buf.getInt()];
            buf.get(x);
            xs.add(x);
        }
        return new Entry(number, hash, xs);
    }

    /** Replays {@code entries} into a node created from the same genesis, checking every block hash. */
    public static void replay(DevNode node, List<Entry> entries) {
        for (Entry e : entries) {
            if (e.number() != node.best().number() + 1) {
                throw new IllegalStateException("block log is out of order at block " + e.number());
            }
            DevNode.Block b = node.importBlock(e.extrinsics());
            if (!Arrays.equals(b.hash(), e.hash())) {
                throw new IllegalStateException("replaying block " + e.number() + " gave hash 0x" + Hex.encode(b.hash())
                        + " but the log recorded 0x" + Hex.encode(e.hash())
                        + "; the state directory was written by a different genesis or tao4j version — start with an empty --state-dir");
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing block log: {}", e.toString());
        }
    }
}
