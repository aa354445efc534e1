package io.tao4j.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader for the test vectors (objects become LinkedHashMap, arrays ArrayList, numbers
 * their source text as a String tagged by {@link Num}, plus String, Boolean and null). Test code only.
 */
public final class TestJson {

    /** A JSON number, kept as its literal text. */
    public record Num(String text) {
    }

    private final String s;
    private int pos;

    private TestJson(String s) {
        this.s = s;
    }

    public static Object parse(String text) {
        TestJson p = new TestJson(text);
        Object v = p.value();
        p.ws();
        if (p.pos != p.s.length()) {
            throw p.err("trailing data");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(Path file) throws IOException {
        return (Map<String, Object>) parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Path shared(String... parts) {
        String base = System.getProperty("tao4j.shared");
        if (base == null) {
            throw new IllegalStateException("system property tao4j.shared is not set (surefire sets it)");
        }
        return Path.of(base, parts);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Map<String, Object> o, String key) {
        return (List<Map<String, Object>>) o.get(key);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(Map<String, Object> o, String key) {
        return (Map<String, Object>) o.get(key);
    }

    public static String str(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof String sv)) {
            throw new IllegalArgumentException("no string field '" + key + "' in " + o.keySet());
        }
        return sv;
    }

    private RuntimeException err(String what) {
        return new IllegalArgumentException("JSON: " + what + " at offset " + pos);
    }

    private void ws() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private Object value() {
        ws();
        if (pos >= s.length()) {
            throw err("unexpected end");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                expect("true");
                return Boolean.TRUE;
            case 'f':
                expect("false");
                return Boolean.FALSE;
            case 'n':
                expect("null");
                return null;
            default:
                return number();
        }
    }

    private void expect(String lit) {
        if (!s.startsWith(lit, pos)) {
            throw err("expected " + lit);
        }
        pos += lit.length();
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        elements('}', () -> {
            ws();
            String k = string();
            ws();
            expect(":");
            m.put(k, value());
        });
        return m;
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        elements(']', () -> l.add(value()));
        return l;
    }

    /** From the opening bracket at {@code pos}: {@code element} for each comma-separated element, up to {@code close}. */
    private void elements(char close, Runnable element) {
        pos++;
        ws();
        if (s.charAt(pos) == close) {
            pos++;
            return;
        }
        while (true) {
            element.run();
            ws();
            char c = s.charAt(pos++);
            if (c == close) {
                return;
            }
            if (c != ',') {
                throw err("expected , or " + close);
            }
        }
    }

    private String string() {
        if (s.charAt(pos) != '"') {
            throw err("expected string");
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private Num number() {
        int start = pos;
        while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw err("unexpected character");
        }
        return new Num(s.substring(start, pos));
    }
}
