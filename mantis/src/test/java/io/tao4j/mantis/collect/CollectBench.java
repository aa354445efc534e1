package io.tao4j.mantis.collect;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * How many valid payloads of a given size one validator step collects with the default limits, and the heap
 * it takes: N miners on 127.0.0.1 each serve one valid v2 payload of S MiB (with Content-Length, as R2 does);
 * the collector (defaults: 32 downloads, 256 MiB in flight, 30 s per download) collects them within the
 * validator's 40 s step budget, and every collected body is kept until the end, as the validator keeps them
 * for the ledger. The miners run in a child JVM ({@code serve}), so the measured heap is the collector's alone
 * ({@code -Dbench.base=URL} uses other miners instead). Run with the heap to test, e.g.
 * {@code java -Xmx7g -cp mantis/target/test-classes:mantis/target/classes:<deps> io.tao4j.mantis.collect.CollectBench 256 25 40}.
 */
public final class CollectBench {
    private CollectBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            serve(Integer.parseInt(args[1]));
            return;
        }
        int miners = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        int budget = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        int size = mib == 25 ? (int) PayloadCollector.MAX_PAYLOAD_BYTES : mib * 1024 * 1024;
        // the miners run in a child JVM, so that this heap holds only what the collector keeps
        Process server = null;
        String base = System.getProperty("bench.base");
        if (base == null) {
            String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
            server = new ProcessBuilder(javaBin, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                    CollectBench.class.getName(), "serve", Integer.toString(size)).redirectErrorStream(true).start();
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            if (line == null || !line.startsWith("port ")) {
                throw new IllegalStateException("miner server did not start: " + line);
            }
            base = "http://127.0.0.1:" + line.substring(5).strip() + "/";
        }
        int bodyLength = size;
        Map<String, String> commits = new LinkedHashMap<>();
        for (int i = 0; i < miners; i++) {
            commits.put("miner" + i, base + "miner" + i);
        }
        System.out.printf("%d miners x %d bytes, step budget %d s, max heap %d MiB%n", miners, bodyLength, budget,
                Runtime.getRuntime().maxMemory() >> 20);
        try (PayloadCollector c = new PayloadCollector(new CommitUrlRules(Set.of("127.0.0.1")), PayloadCollector.Limits.defaults())) {
            long t0 = System.nanoTime();
            Map<String, PayloadCollector.Result> r = c.collect(commits, Duration.ofSeconds(budget));
            double s = (System.nanoTime() - t0) / 1e9;
            long ok = r.values().stream().filter(x -> x instanceof PayloadCollector.Collected).count();
            Map<String, Long> why = new java.util.TreeMap<>();
            r.values().forEach(x -> {
                if (x instanceof PayloadCollector.Rejected rej) {
                    why.merge(rej.reason() + " (" + rej.detail() + ")", 1L, Long::sum);
                }
            });
            PayloadCollector.Stats st = c.stats();
            long heapPeak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    heapPeak += p.getPeakUsage().getUsed();
                }
            }
            System.out.printf("collected %d of %d in %.1f s (%.0f MB/s); rejected %s%n", ok, miners, s,
                    ok * (double) bodyLength / s / 1e6, why);
            System.out.printf("in-flight bytes peak %d MiB, downloads that waited for memory %d, errors %d%n",
                    st.peakInFlightBytes() >> 20, st.memoryWaits(), st.errors());
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("heap: peak of pools %d MiB, live after GC %d MiB with the results held, collected bodies %d MiB%n",
                    heapPeak >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20, ok * (long) bodyLength >> 20);
            if (Boolean.getBoolean("bench.pause")) { // time for jcmd <pid> GC.class_histogram
                Thread.sleep(60_000);
            }
            System.out.println(r.size()); // keeps the results reachable until here
            if (r.size() != miners) {
                System.out.println("result size mismatch: " + r.size());
            }
        } catch (Throwable e) {
            System.out.println("collection failed: " + e);
            e.printStackTrace(System.out);
        } finally {
            if (server != null) {
                server.destroy();
            }
            System.exit(0);
        }
    }

    /** The miners: every path serves one valid payload of {@code size} bytes with Content-Length; prints its port. */
    static void serve(int size) throws Exception {
        byte[] body = CollectorLimitsTest.payload(size); // one shared array
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(40));
        server.createContext("/", ex -> {
            try (ex; OutputStream os = ex.getResponseBody()) {
                ex.sendResponseHeaders(200, body.length);
                os.write(body);
            }
        });
        server.start();
        System.out.println("port " + server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) { // until the parent is gone (its end of the pipe closes)
            Thread.onSpinWait();
        }
        System.exit(0);
    }
}
