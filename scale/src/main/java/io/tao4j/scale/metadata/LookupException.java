package io.tao4j.scale.metadata;

import io.tao4j.scale.ScaleException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A pallet, call, storage item, constant or API name that the metadata does not have; lists close matches. */
public class LookupException extends ScaleException {
    private final List<String> suggestions;

    public LookupException(String what, String name, Collection<String> candidates) {
        this(what, "", name, candidates);
    }

    /** {@code prefix} (e.g. "SubtensorModule.") is shown before the name and before each suggestion. */
    public LookupException(String what, String prefix, String name, Collection<String> candidates) {
        this(what, prefix, name, suggest(name, candidates));
    }

    private LookupException(String what, String prefix, String name, List<String> suggestions) {
        super("unknown " + what + " '" + prefix + name + "'"
                + (suggestions.isEmpty() ? "" : "; did you mean: "
                + String.join(", ", suggestions.stream().map(s -> prefix + s).toList())));
        this.suggestions = suggestions;
    }

    public List<String> suggestions() {
        return suggestions;
    }

    /** Up to five candidates close to {@code name} (case-insensitive edit distance, prefix or substring). */
    public static List<String> suggest(String name, Collection<String> candidates) {
        String n = name.toLowerCase(Locale.ROOT);
        record Scored(String s, int d) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            int d = distance(n, lc);
            boolean sub = n.length() >= 3 && (lc.contains(n) || n.contains(lc));
            int limit = Math.max(2, n.length() / 3);
            if (d <= limit || sub) {
                scored.add(new Scored(c, sub ? Math.min(d, limit) : d));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::d).thenComparing(Scored::s));
        return scored.stream().limit(5).map(Scored::s).toList();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
