package io.tao4j.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.tao4j.cli.CliException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * btcli's configuration file, {@code ~/.bittensor/config.yml} (or {@code $BTCLI_CONFIG_PATH}), shared with btcli:
 * the defaults {@code wallet_name}, {@code wallet_hotkey}, {@code wallet_path} and {@code network} that the
 * options use when a flag is absent, plus btcli's other keys ({@code use_cache}, {@code disk_cache},
 * {@code rate_tolerance}, {@code safe_staking}, {@code allow_partial_stake}, {@code dashboard_path},
 * {@code metagraph_cols}). Keys this class does not know are kept as they are when it writes; writes go to a
 * temporary file in the same directory, are forced to disk and renamed over the old file, so a crash leaves
 * either the old or the new file. Like btcli's {@code safe_dump}, keys are written sorted and a cleared value as
 * {@code null}.
 */
public final class BtcliConfig {
    /** A test (or a second installation) may point the CLI elsewhere without touching the environment. */
    public static final String PATH_PROPERTY = "tao4j.btcli.config";
    public static final String PATH_ENV = "BTCLI_CONFIG_PATH";

    /** The keys btcli's {@code config set/clear} handle, in its order. */
    public static final List<String> KEYS = List.of("wallet_name", "wallet_path", "wallet_hotkey", "network",
            "use_cache", "disk_cache", "rate_tolerance", "safe_staking", "allow_partial_stake", "dashboard_path");

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private final Path path;
    private final ObjectNode root;

    private BtcliConfig(Path path, ObjectNode root) {
        this.path = path;
        this.root = root;
    }

    /** Where the file is: {@code -Dtao4j.btcli.config}, else {@code $BTCLI_CONFIG_PATH}, else {@code ~/.bittensor/config.yml}. */
    public static Path defaultPath() {
        String p = System.getProperty(PATH_PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(PATH_ENV);
        }
        if (p == null || p.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".bittensor", "config.yml");
        }
        return Path.of(p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p);
    }

    /** The file at {@link #defaultPath()}; empty when it does not exist. */
    public static BtcliConfig load() {
        return load(defaultPath());
    }

    /**
     * The file at {@code path}; empty when it does not exist.
     *
     * @throws CliException naming the file when it is not a YAML mapping
     */
    public static BtcliConfig load(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return new BtcliConfig(path, JsonNodeFactory.instance.objectNode());
        } catch (IOException e) {
            throw new CliException("cannot read the btcli config " + path + ": " + e.getMessage(), 1);
        }
        JsonNode n;
        try {
            n = bytes.length == 0 ? null : YAML.readTree(bytes);
        } catch (IOException e) {
            throw new CliException("the btcli config " + path + " is not valid YAML (" + firstLine(e.getMessage())
                    + "); fix it, or remove it to start over (tao4j config clear --all rewrites it)", 1);
        }
        if (n == null || n.isMissingNode() || n.isNull()) {
            return new BtcliConfig(path, JsonNodeFactory.instance.objectNode());
        }
        if (!n.isObject()) {
            throw new CliException("the btcli config " + path + " must be a mapping of key: value lines; fix it, or"
                    + " remove it to start over", 1);
        }
        return new BtcliConfig(path, (ObjectNode) n);
    }

    public Path path() {
        return path;
    }

    /** A text value ({@code null} and blank count as absent, as in btcli). */
    public Optional<String> string(String key) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return Optional.empty();
        }
        String s = v.asText();
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    /** The raw value (null when absent). */
    public JsonNode get(String key) {
        return root.get(key);
    }

    /** Every key in the file, in file order. */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        root.fieldNames().forEachRemaining(out::add);
        return out;
    }

    public void set(String key, String value) {
        root.put(key, value);
    }

    public void set(String key, boolean value) {
        root.put(key, value);
    }

    public void set(String key, double value) {
        root.put(key, value);
    }

    /** btcli's {@code config clear}: the key stays, with value {@code null}. */
    public void clear(String key) {
        root.putNull(key);
    }

    /** btcli's {@code config clear --all}: an empty file. */
    public void clearAll() {
        root.removeAll();
    }

    /** The file's content as a JSON object (a copy). */
    public ObjectNode toJson() {
        return root.deepCopy();
    }

    /** Writes the file atomically (temporary file, fsync, rename), creating its directory if needed. */
    public void save() {
        byte[] bytes;
        try {
            bytes = YAML.writeValueAsBytes(sorted(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
            try (OutputStream o = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                o.write(bytes);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException | UnsupportedOperationException ignored) {
                // directories cannot be opened for sync on every platform; the rename is still atomic
            }
        } catch (IOException e) {
            throw new CliException("cannot write the btcli config " + path + ": " + e.getMessage(), 1);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** Keys sorted at every level, as PyYAML's safe_dump writes them. */
    private static JsonNode sorted(JsonNode n) {
        if (!n.isObject()) {
            return n;
        }
        Map<String, JsonNode> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), sorted(e.getValue()));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        m.forEach(out::set);
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
