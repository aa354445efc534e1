package io.tao4j.mantis.salience.head;

import io.tao4j.mantis.salience.ChallengeSeries;
import io.tao4j.mantis.salience.math.Half;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads the training-data dump of tools/parity/mantis/gen_head_scorer_parity.py (layout in its header). */
final class HeadParityData {
    private HeadParityData() {}

    static Map<String, ChallengeSeries> read(InputStream raw) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            byte[] magic = in.readNBytes(5);
            if (!"MTSH1".equals(new String(magic, StandardCharsets.US_ASCII))) throw new IOException("not a MTSH1 dump");
            int n = le(in.readInt());
            LinkedHashMap<String, ChallengeSeries> out = new LinkedHashMap<>();
            for (int c = 0; c < n; c++) {
                String ticker = str(in), loss = str(in);
                int h = le(in.readInt());
                List<String> hks = new ArrayList<>();
                for (int i = 0; i < h; i++) hks.add(str(in));
                int d = le(in.readInt()), t = le(in.readInt());
                ByteBuffer xb = ByteBuffer.wrap(in.readNBytes(t * h * d * 2)).order(ByteOrder.LITTLE_ENDIAN);
                short[][] half = new short[h][t * d];
                for (int r = 0; r < t; r++) for (int i = 0; i < h; i++) for (int k = 0; k < d; k++) half[i][r * d + k] = xb.getShort();
                if (loss.equals("binary")) {
                    ByteBuffer yb = ByteBuffer.wrap(in.readNBytes(t * 4)).order(ByteOrder.LITTLE_ENDIAN);
                    float[] y = new float[t];
                    for (int r = 0; r < t; r++) y[r] = yb.getFloat();
                    float[][] e = new float[h][t * d];
                    for (int i = 0; i < h; i++) for (int k = 0; k < t * d; k++) e[i][k] = Half.toFloat(half[i][k]);
                    out.put(ticker, ChallengeSeries.ofReturns(hks, d, e, y));
                } else {
                    ByteBuffer pb = ByteBuffer.wrap(in.readNBytes(t * 8)).order(ByteOrder.LITTLE_ENDIAN);
                    double[] p = new double[t];
                    for (int r = 0; r < t; r++) p[r] = pb.getDouble();
                    out.put(ticker, ChallengeSeries.ofHalfPrices(hks, d, half, p));
                }
            }
            return out;
        }
    }

    private static int le(int v) {
        return Integer.reverseBytes(v);
    }

    private static String str(DataInputStream in) throws IOException {
        int len = le(in.readInt());
        return new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }
}
