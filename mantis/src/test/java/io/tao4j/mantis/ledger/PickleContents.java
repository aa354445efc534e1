package io.tao4j.mantis.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tao4j.mantis.salience.MantisChallenge;
import io.tao4j.mantis.salience.MantisConfig;
import io.tao4j.mantis.salience.math.Half;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DataLog contents for tests: as Python loaded them (pickle_contents.json) or generated. */
final class PickleContents {
    private PickleContents() {}

    record Row(long sidx, Double price, List<String> hotkeys, Map<String, short[]> emb) {
    }

    record Challenge(String ticker, int dim, int blocksAhead, List<Row> rows) {
    }

    /** A fully materialised DataLog (small archives). */
    record Datalog(List<Long> blocks, List<Challenge> challenges, LinkedHashMap<Long, Map<String, byte[]>> raw,
                   Map<Long, byte[]> drand, String timelockModule, String timelockPk)
            implements DatalogPickleWriter.Content {
        private Challenge ch(String t) {
            for (Challenge c : challenges) {
                if (c.ticker().equals(t)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(t);
        }

        @Override
        public int blockCount() {
            return blocks.size();
        }

        @Override
        public long block(int i) {
            return blocks.get(i);
        }

        @Override
        public List<String> tickers() {
            return challenges.stream().map(Challenge::ticker).toList();
        }

        @Override
        public int dim(String t) {
            return ch(t).dim();
        }

        @Override
        public int blocksAhead(String t) {
            return ch(t).blocksAhead();
        }

        @Override
        public int rowCount(String t) {
            return ch(t).rows().size();
        }

        @Override
        public long sidx(String t, int row) {
            return ch(t).rows().get(row).sidx();
        }

        @Override
        public Double price(String t, int row) {
            return ch(t).rows().get(row).price();
        }

        @Override
        public List<String> hotkeys(String t, int row) {
            return ch(t).rows().get(row).hotkeys();
        }

        @Override
        public short[] vector(String t, int row, String hotkey) {
            return ch(t).rows().get(row).emb().get(hotkey);
        }

        @Override
        public List<Long> rawSteps() {
            return new ArrayList<>(raw.keySet());
        }

        @Override
        public Map<String, byte[]> raw(long step) {
            return raw.get(step);
        }

    }

    /** The entry {@code name} of pickle_contents.json (written by tools/vectors/mantis-pickle/gen_pickle_protocols.py). */
    static Datalog fromJson(Path json, String name, String timelockModule) throws IOException {
        JsonNode d = new ObjectMapper().readTree(json.toFile()).get(name);
        List<Long> blocks = new ArrayList<>();
        d.get("blocks").forEach(n -> blocks.add(n.asLong()));
        List<Challenge> chs = new ArrayList<>();
        for (JsonNode c : d.get("challenges")) {
            List<Row> rows = new ArrayList<>();
            for (JsonNode r : c.get(3)) {
                List<String> hks = new ArrayList<>();
                r.get(2).forEach(n -> hks.add(n.asText()));
                Map<String, short[]> emb = new LinkedHashMap<>();
                for (JsonNode e : r.get(3)) {
                    short[] v = new short[e.get(1).size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (short) e.get(1).get(i).asInt();
                    }
                    emb.put(e.get(0).asText(), v);
                }
                rows.add(new Row(r.get(0).asLong(), r.get(1).isNull() ? null : r.get(1).asDouble(), hks, emb));
            }
            chs.add(new Challenge(c.get(0).asText(), c.get(1).asInt(), c.get(2).asInt(), rows));
        }
        // MANTIS shares one b"{}" object between payloads; equal small payloads are one array here too
        Map<String, byte[]> shared = new HashMap<>();
        LinkedHashMap<Long, Map<String, byte[]>> raw = new LinkedHashMap<>();
        for (JsonNode s : d.get("raw")) {
            Map<String, byte[]> by = new LinkedHashMap<>();
            for (JsonNode e : s.get(1)) {
                String hex = e.get(1).asText();
                by.put(e.get(0).asText(), shared.computeIfAbsent(hex, h -> HexFormat.of().parseHex(h)));
            }
            raw.put(s.get(0).asLong(), by);
        }
        LinkedHashMap<Long, byte[]> drand = new LinkedHashMap<>();
        for (JsonNode e : d.get("drand")) {
            drand.put(e.get(0).asLong(), HexFormat.of().parseHex(e.get(1).asText()));
        }
        return new Datalog(blocks, chs, raw, drand, timelockModule, d.get("tlock_pk").asText());
    }

    /**
     * A generated DataLog of {@code steps} steps × all 8 challenges × {@code hotkeys} hotkeys, computed on demand
     * (nothing is stored, so it can describe a 30-day archive): hotkey j submits from step j, every 7th step has
     * no price, vectors are a deterministic function of (ticker, step, hotkey), raw payloads for every step
     * (empty dicts, as MANTIS leaves them once processed) except the last two, which hold the shared b"{}" and
     * one 100-byte payload per hotkey.
     */
    static final class Generated implements DatalogPickleWriter.Content {
        final int steps;
        final List<String> hotkeys = new ArrayList<>();
        final Map<String, Integer> hkIndex = new HashMap<>();
        final Map<String, MantisChallenge> byTicker = new LinkedHashMap<>();
        final List<List<String>> prefixes = new ArrayList<>();
        static final long BASE = 5_000_000;
        final byte[] empty = "{}".getBytes();

        Generated(int steps, int nHotkeys) {
            this.steps = steps;
            for (int i = 0; i < nHotkeys; i++) {
                String hk = String.format("5Gen%044d", i);
                hotkeys.add(hk);
                hkIndex.put(hk, i);
            }
            for (int i = 0; i <= nHotkeys; i++) {
                prefixes.add(List.copyOf(hotkeys.subList(0, i)));
            }
            for (MantisChallenge c : MantisConfig.CHALLENGES) {
                byTicker.put(c.ticker(), c);
            }
        }

        long vectors() {
            long n = 0;
            for (int s = 0; s < steps; s++) {
                n += Math.min(s + 1, hotkeys.size());
            }
            return n * byTicker.size();
        }

        @Override
        public int blockCount() {
            return steps;
        }

        @Override
        public long block(int i) {
            return BASE + 5L * i;
        }

        @Override
        public List<String> tickers() {
            return new ArrayList<>(byTicker.keySet());
        }

        @Override
        public int dim(String t) {
            return byTicker.get(t).dim();
        }

        @Override
        public int blocksAhead(String t) {
            return byTicker.get(t).blocksAhead();
        }

        @Override
        public int rowCount(String t) {
            return steps;
        }

        @Override
        public long sidx(String t, int row) {
            return block(row) / MantisConfig.SAMPLE_EVERY;
        }

        @Override
        public Double price(String t, int row) {
            return row % 7 == 3 ? null : 1000.0 + row + t.length() / 8.0;
        }

        @Override
        public List<String> hotkeys(String t, int row) {
            return prefixes.get(Math.min(row + 1, hotkeys.size()));
        }

        @Override
        public short[] vector(String t, int row, String hotkey) {
            int dim = dim(t);
            short[] v = new short[dim];
            long h = mix(t.hashCode() * 0x9E3779B97F4A7C15L + row * 1_000_003L + hkIndex.get(hotkey));
            for (int k = 0; k < dim; k++) {
                h = mix(h + k);
                v[k] = Half.fromFloat((float) ((h >>> 11) * 0x1.0p-53 * 2 - 1));
            }
            return v;
        }

        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }

        @Override
        public List<Long> rawSteps() {
            List<Long> s = new ArrayList<>(steps);
            for (long i = 0; i < steps; i++) {
                s.add(i);
            }
            return s;
        }

        @Override
        public Map<String, byte[]> raw(long step) {
            Map<String, byte[]> m = new LinkedHashMap<>();
            if (step == steps - 2) {
                for (String hk : hotkeys) {
                    m.put(hk, empty);
                }
            } else if (step == steps - 1) {
                for (String hk : hotkeys) {
                    m.put(hk, payload(hk));
                }
            }
            return m;
        }

        byte[] payload(String hk) {
            byte[] p = new byte[100];
            for (int i = 0; i < p.length; i++) {
                p[i] = (byte) (hkIndex.get(hk) * 31 + i);
            }
            return p;
        }

        @Override
        public Map<Long, byte[]> drand() {
            Map<Long, byte[]> m = new LinkedHashMap<>();
            for (long r = 1; r <= 3; r++) {
                byte[] sig = new byte[48];
                java.util.Arrays.fill(sig, (byte) r);
                m.put(1000 + r, sig);
            }
            return m;
        }

        @Override
        public String timelockModule() {
            return "ledger";
        }

        @Override
        public String timelockPk() {
            return "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a";
        }
    }
}
