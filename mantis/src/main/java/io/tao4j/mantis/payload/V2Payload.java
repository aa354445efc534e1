package io.tao4j.mantis.payload;

import io.tao4j.crypto.Hex;

/**
 * A MANTIS v2 payload as a miner writes it (fields {@code v, round, hk, owner_pk, C, W_owner, W_time,
 * binding, alg}). {@link #toJson()} prints it the way {@code generate_and_encrypt.py} does
 * ({@code json.dumps(indent=2)}, same key order).
 */
public record V2Payload(long round, String hotkey, String ownerPkHex, byte[] cNonce, byte[] cCt, byte[] pke,
                        byte[] ownerNonce, byte[] ownerCt, byte[] timeCt, byte[] binding, String alg) {

    public V2Payload {
        cNonce = cNonce.clone();
        cCt = cCt.clone();
        pke = pke.clone();
        ownerNonce = ownerNonce.clone();
        ownerCt = ownerCt.clone();
        timeCt = timeCt.clone();
        binding = binding.clone();
    }

    /** Pretty JSON, key order and indentation as Python {@code json.dumps(obj, indent=2)}. */
    public String toJson() {
        StringBuilder b = new StringBuilder();
        b.append("{\n");
        b.append("  \"v\": 2,\n");
        b.append("  \"round\": ").append(round).append(",\n");
        b.append("  \"hk\": ").append(quote(hotkey)).append(",\n");
        b.append("  \"owner_pk\": ").append(quote(ownerPkHex)).append(",\n");
        b.append("  \"C\": {\n");
        b.append("    \"nonce\": \"").append(Hex.encode(cNonce)).append("\",\n");
        b.append("    \"ct\": \"").append(Hex.encode(cCt)).append("\"\n");
        b.append("  },\n");
        b.append("  \"W_owner\": {\n");
        b.append("    \"pke\": \"").append(Hex.encode(pke)).append("\",\n");
        b.append("    \"nonce\": \"").append(Hex.encode(ownerNonce)).append("\",\n");
        b.append("    \"ct\": \"").append(Hex.encode(ownerCt)).append("\"\n");
        b.append("  },\n");
        b.append("  \"W_time\": {\n");
        b.append("    \"ct\": \"").append(Hex.encode(timeCt)).append("\"\n");
        b.append("  },\n");
        b.append("  \"binding\": \"").append(Hex.encode(binding)).append("\",\n");
        b.append("  \"alg\": ").append(quote(alg)).append("\n");
        b.append("}");
        return b.toString();
    }

    /** A JSON string literal with Python's default escaping ({@code ensure_ascii=True}). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public String toString() {
        return "V2Payload[round " + round + ", hk " + hotkey + ", " + cCt.length + "-byte content]";
    }
}
