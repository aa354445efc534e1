package io.tao4j.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * One {@code author_extrinsicUpdate} status of a watched extrinsic. The node writes the simple
 * states as strings ({@code "future"}, {@code "ready"}, {@code "dropped"}, {@code "invalid"}) and the
 * others as one-member objects ({@code {"inBlock":"0x…"}}, {@code {"broadcast":[peers]}}, …).
 *
 * @param kind      which status
 * @param blockHash the block hash for inBlock/retracted/finalityTimeout/finalized, else null
 * @param detail    peer ids for broadcast, the replacing extrinsic's hash for usurped, else empty/null
 */
public record TransactionStatus(Kind kind, String blockHash, List<String> detail) {

    public enum Kind {
        FUTURE, READY, BROADCAST, IN_BLOCK, RETRACTED, FINALITY_TIMEOUT, FINALIZED, USURPED, DROPPED, INVALID;

        /** After this status the node sends no more updates and ends the subscription itself. */
        public boolean isFinal() {
            return this == FINALIZED || this == FINALITY_TIMEOUT || this == USURPED || this == DROPPED || this == INVALID;
        }
    }

    public boolean isFinal() {
        return kind.isFinal();
    }

    /** Parses a status; throws {@link RpcException} naming the problem if the shape is unknown. */
    public static TransactionStatus parse(JsonNode status) {
        if (status == null || status.isNull()) {
            throw new RpcException("transaction status: missing", 0, null);
        }
        if (status.isTextual()) {
            Kind k = switch (status.asText()) {
                case "future" -> Kind.FUTURE;
                case "ready" -> Kind.READY;
                case "dropped" -> Kind.DROPPED;
                case "invalid" -> Kind.INVALID;
                default -> throw new RpcException("transaction status: unknown value \"" + status.asText() + "\"", 0, null);
            };
            return new TransactionStatus(k, null, List.of());
        }
        if (status.isObject() && status.size() == 1) {
            Iterator<String> names = status.fieldNames();
            String name = names.next();
            JsonNode v = status.get(name);
            Kind k = switch (name) {
                case "broadcast" -> Kind.BROADCAST;
                case "inBlock" -> Kind.IN_BLOCK;
                case "retracted" -> Kind.RETRACTED;
                case "finalityTimeout" -> Kind.FINALITY_TIMEOUT;
                case "finalized" -> Kind.FINALIZED;
                case "usurped" -> Kind.USURPED;
                // older nodes wrote these with a capital letter or as objects; accept them too
                default -> fromLegacy(name);
            };
            if (k == Kind.BROADCAST) {
                List<String> peers = new ArrayList<>();
                if (v != null && v.isArray()) {
                    v.forEach(p -> peers.add(p.asText()));
                }
                return new TransactionStatus(k, null, List.copyOf(peers));
            }
            if (k == Kind.USURPED) {
                return new TransactionStatus(k, null, List.of(text(v, name)));
            }
            if (k == Kind.IN_BLOCK || k == Kind.RETRACTED || k == Kind.FINALITY_TIMEOUT || k == Kind.FINALIZED) {
                // v1-compatible nodes write the hash only; the newer format is {hash, index}
                String hash = v != null && v.isObject() && v.has("hash") ? v.get("hash").asText() : text(v, name);
                return new TransactionStatus(k, hash, List.of());
            }
            return new TransactionStatus(k, null, List.of());
        }
        throw new RpcException("transaction status: unexpected shape " + RpcHex.abbreviate(status.toString()), 0, null);
    }

    /** True if {@code status} parses to a final status; false for anything else, including unknown shapes. */
    public static boolean isFinal(JsonNode status) {
        try {
            return parse(status).isFinal();
        } catch (RpcException e) {
            return false;
        }
    }

    private static Kind fromLegacy(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "future" -> Kind.FUTURE;
            case "ready" -> Kind.READY;
            case "dropped" -> Kind.DROPPED;
            case "invalid" -> Kind.INVALID;
            default -> throw new RpcException("transaction status: unknown member \"" + name + "\"", 0, null);
        };
    }

    private static String text(JsonNode v, String name) {
        if (v == null || !v.isTextual()) {
            throw new RpcException("transaction status " + name + ": expected a hash string, got " + v, 0, null);
        }
        return v.asText();
    }
}
