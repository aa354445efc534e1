package io.tao4j.mantis.salience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads committed test vectors from src/test/resources/salience. */
public final class Vectors {
    private Vectors() {}

    public static JsonNode load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/salience/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[] doubles(JsonNode arr) {
        double[] d = new double[arr.size()];
        for (int i = 0; i < d.length; i++) d[i] = arr.get(i).asDouble();
        return d;
    }

    /** Flattens a 2-D array row-major. */
    public static double[] matrix(JsonNode rows) {
        int n = rows.size();
        int p = rows.get(0).size();
        double[] x = new double[n * p];
        for (int i = 0; i < n; i++) for (int k = 0; k < p; k++) x[i * p + k] = rows.get(i).get(k).asDouble();
        return x;
    }

    public static byte[] labels(JsonNode arr) {
        byte[] y = new byte[arr.size()];
        for (int i = 0; i < y.length; i++) y[i] = (byte) (arr.get(i).asDouble() > 0.5 ? 1 : 0);
        return y;
    }
}
