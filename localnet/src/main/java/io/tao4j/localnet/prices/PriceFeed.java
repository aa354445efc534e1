package io.tao4j.localnet.prices;

import io.tao4j.localnet.internal.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tao4j.localnet.http.DeadlineExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The local price feed. {@code GET /latest_prices.json} answers in the shape MANTIS validators read
 * ({@code {"prices": {"ETH": …, …}, "funding_rates": {"BTC": …, …}, "block": n}}; {@code funding_rates} only when
 * the model has funding assets); {@code GET /price_history.json?n=N[&every=K]} returns the last N prices of every
 * asset and funding rate, one every K blocks (default 1), ending at the latest block, from the last
 * {@link #HISTORY} blocks — which miners' models use. The node calls {@link #onBlock(long)} once per block.
 */
public final class PriceFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PriceFeed.class);
    /** How many blocks of history are kept and served: 5 simulated days, more than MANTIS's 4-day breakout range. */
    public static final int HISTORY = 36_000;

    private final PriceModel model;
    private final ObjectMapper json = Json.MAPPER;
    private final double[][] history;
    private final long[] historyBlock;
    private int filled;
    private int next;
    private long block = -1;
    private final HttpServer server;

    private final DeadlineExecutor executor;

    private PriceFeed(PriceModel model, HttpServer server, DeadlineExecutor.Limits limits) {
        this.model = model;
        this.server = server;
        this.history = new double[HISTORY][];
        this.historyBlock = new long[HISTORY];
        this.executor = server == null ? null : new DeadlineExecutor("price-feed", limits);
        if (server != null) {
            server.setExecutor(executor);
            server.createContext("/", this::handle);
        }
        record(0);
    }

    /** A feed without HTTP (for in-process use and tests). */
    public static PriceFeed detached(PriceModel model) {
        return new PriceFeed(model, null, null);
    }

    /** Starts the HTTP feed on {@code host:port} (0 = any free port). */
    public static PriceFeed start(PriceModel model, String host, int port) throws IOException {
        return start(model, host, port, DeadlineExecutor.Limits.defaults());
    }

    /** Starts the HTTP feed with the given threads and per-request deadline (see {@link DeadlineExecutor}). */
    public static PriceFeed start(PriceModel model, String host, int port, DeadlineExecutor.Limits limits) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        PriceFeed feed = new PriceFeed(model, server, limits);
        server.start();
        log.info("price feed listening on http://{}:{}/latest_prices.json", host, feed.port());
        return feed;
    }

    public int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    /** Advances the prices by one step for a new block. */
    public synchronized void onBlock(long blockNumber) {
        model.step();
        record(blockNumber);
    }

    private synchronized void record(long blockNumber) {
        Map<String, Double> p = model.prices();
        Map<String, Double> f = model.fundingRates();
        double[] row = new double[p.size() + f.size()];
        int i = 0;
        for (double v : p.values()) {
            row[i++] = v;
        }
        for (double v : f.values()) {
            row[i++] = v;
        }
        history[next] = row;
        historyBlock[next] = blockNumber;
        next = (next + 1) % HISTORY;
        filled = Math.min(filled + 1, HISTORY);
        block = blockNumber;
    }

    /** The body of {@code /latest_prices.json}. */
    public synchronized ObjectNode latest() {
        ObjectNode root = json.createObjectNode();
        ObjectNode prices = root.putObject("prices");
        model.prices().forEach(prices::put);
        Map<String, Double> funding = model.fundingRates();
        if (!funding.isEmpty()) {
            funding.forEach(root.putObject("funding_rates")::put);
        }
        root.put("block", block);
        return root;
    }

    /** The body of {@code /price_history.json?n=…}: every block. */
    public synchronized ObjectNode history(int n) {
        return history(n, 1);
    }

    /**
     * The body of {@code /price_history.json?n=…&every=…}: blocks, one price array per ticker and (with funding
     * assets) one funding-rate array per funding asset, oldest first; at most {@code n} entries {@code every} blocks
     * apart, the last one the latest block.
     */
    public synchronized ObjectNode history(int n, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1, got " + every);
        }
        int count = Math.max(0, Math.min(n, (filled + every - 1) / every));
        ObjectNode root = json.createObjectNode();
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode prices = root.putObject("prices");
        var tickers = model.assets();
        var fundingAssets = model.fundingAssets();
        ArrayNode[] cols = new ArrayNode[tickers.size() + fundingAssets.size()];
        for (int t = 0; t < tickers.size(); t++) {
            cols[t] = prices.putArray(tickers.get(t).ticker());
        }
        if (!fundingAssets.isEmpty()) {
            ObjectNode funding = root.putObject("funding_rates");
            for (int j = 0; j < fundingAssets.size(); j++) {
                cols[tickers.size() + j] = funding.putArray(fundingAssets.get(j));
            }
        }
        for (int k = count - 1; k >= 0; k--) {
            int idx = Math.floorMod(next - 1 - k * every, HISTORY);
            blocks.add(historyBlock[idx]);
            for (int t = 0; t < cols.length; t++) {
                cols[t].add(history[idx][t]);
            }
        }
        return root;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            int status = 200;
            String body;
            if (!ex.getRequestMethod().equals("GET")) {
                status = 405;
                body = "{\"error\":\"only GET is supported\"}";
            } else if (path.equals("/latest_prices.json")) {
                body = json.writeValueAsString(latest());
            } else if (path.equals("/price_history.json")) {
                int n = 300;
                int every = 1;
                String q = ex.getRequestURI().getQuery();
                if (q != null) {
                    for (String kv : q.split("&")) {
                        if (kv.startsWith("n=")) {
                            n = positive(kv.substring(2));
                        } else if (kv.startsWith("every=")) {
                            every = positive(kv.substring(6));
                        }
                    }
                }
                if (n < 1) {
                    status = 400;
                    body = "{\"error\":\"n must be a positive integer\"}";
                } else if (every < 1) {
                    status = 400;
                    body = "{\"error\":\"every must be a positive integer\"}";
                } else {
                    body = json.writeValueAsString(history(n, every));
                }
            } else {
                status = 404;
                body = "{\"error\":\"not found; try /latest_prices.json or /price_history.json?n=300\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    private static int positive(String s) {
        try {
            int v = Integer.parseInt(s);
            return v < 1 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.close();
        }
    }
}
