package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.ledger.BreakoutSample;
import io.tao4j.mantis.ledger.MultiAssetSeries;
import io.tao4j.mantis.protocol.Challenge;
import io.tao4j.mantis.protocol.Protocol;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the dump of tools/parity/mantis/gen_head_multi_parity.py ({@code multi.bin.gz}, layout in its header): the
 * inputs the reference hands its four multi-asset scorers, by ticker.
 */
final class HeadMultiParityData {
    /** The multi-asset series (XSEC-RANK, FUNDING-XSEC, TRADE-MIX) and breakout samples, by ticker. */
    record Dump(Map<String, MultiAssetSeries> series, Map<String, List<BreakoutSample>> breakouts) {}

    private HeadMultiParityData() {}

    static Dump read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            return read(raw);
        }
    }

    static Dump read(InputStream raw) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            byte[] magic = in.readNBytes(5);
            if (!"MTSM1".equals(new String(magic, StandardCharsets.US_ASCII))) throw new IOException("not a MTSM1 dump");
            int n = le(in.readInt());
            Map<String, MultiAssetSeries> series = new LinkedHashMap<>();
            Map<String, List<BreakoutSample>> breakouts = new LinkedHashMap<>();
            for (int c = 0; c < n; c++) {
                String ticker = str(in), loss = str(in);
                if (loss.equals("range_breakout_multi")) {
                    int count = le(in.readInt());
                    List<BreakoutSample> samples = new ArrayList<>(count);
                    for (int s = 0; s < count; s++) {
                        long trig = le(in.readLong()), trigBlock = le(in.readLong()), res = le(in.readLong());
                        int dir = le(in.readInt()), label = le(in.readInt()), m = le(in.readInt());
                        LinkedHashMap<String, short[]> emb = new LinkedHashMap<>();
                        for (int i = 0; i < m; i++) {
                            String hk = str(in);
                            emb.put(hk, new short[] {Short.reverseBytes(in.readShort()), Short.reverseBytes(in.readShort())});
                        }
                        samples.add(new BreakoutSample(trig, trigBlock, res, dir, label, emb));
                    }
                    breakouts.put(ticker, samples);
                    continue;
                }
                int h = le(in.readInt());
                List<String> hks = new ArrayList<>();
                for (int i = 0; i < h; i++) hks.add(str(in));
                int a = le(in.readInt()), t = le(in.readInt());
                ByteBuffer xb = ByteBuffer.wrap(in.readNBytes(t * h * a * 2)).order(ByteOrder.LITTLE_ENDIAN);
                short[] hist = new short[t * h * a];
                for (int k = 0; k < hist.length; k++) hist[k] = xb.getShort();
                ByteBuffer vb = ByteBuffer.wrap(in.readNBytes(t * a * 8)).order(ByteOrder.LITTLE_ENDIAN);
                double[] values = new double[t * a];
                for (int k = 0; k < values.length; k++) values[k] = vb.getDouble();
                ByteBuffer sb = ByteBuffer.wrap(in.readNBytes(t * 8)).order(ByteOrder.LITTLE_ENDIAN);
                long[] sidx = new long[t];
                for (int k = 0; k < t; k++) sidx[k] = sb.getLong();
                int ahead = Protocol.BCFF57B.byTicker(ticker).map(Challenge::blocksAhead).orElse(0);
                series.put(ticker, new MultiAssetSeries(ticker, hks, a, hist, values, sidx, ahead));
            }
            return new Dump(series, breakouts);
        }
    }

    private static int le(int v) {
        return Integer.reverseBytes(v);
    }

    private static long le(long v) {
        return Long.reverseBytes(v);
    }

    private static String str(DataInputStream in) throws IOException {
        int len = le(in.readInt());
        return new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }
}
