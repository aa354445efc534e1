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
 * for the ledger. Run with the heap to test, e.g.
 * {@code java -Xmx7g -cp mantis/target/test-classes:mantis/target/classes:<deps> io.tao4j.mantis.collect.CollectBench 256 25 40}.
 */
public final class CollectBench {
    private CollectBench() {
    }

    public static void main(String[] args) throws Exception {
        int miners = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        int budget = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        int size = mib == 25 ? (int) PayloadCollector.MAX_PAYLOAD_BYTES : mib * 1024 * 1024;
        byte[] body = CollectorLimitsTest.payload(size); // one shared array: the server costs no heap per miner
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(40));
        server.createContext("/", ex -> {
            try (ex; OutputStream os = ex.getResponseBody()) {
                ex.sendResponseHeaders(200, body.length);
                os.write(body);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        Map<String, String> commits = new LinkedHashMap<>();
        for (int i = 0; i < miners; i++) {
            commits.put("miner" + i, base + "miner" + i);
        }
        System.out.printf("%d miners x %d bytes, step budget %d s, max heap %d MiB%n", miners, body.length, budget,
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
                    ok * (double) body.length / s / 1e6, why);
            System.out.printf("in-flight bytes peak %d MiB, downloads that waited for memory %d, errors %d%n",
                    st.peakInFlightBytes() >> 20, st.memoryWaits(), st.errors());
            System.out.printf("heap: peak of pools %d MiB, collected bodies %d MiB%n", heapPeak >> 20,
                    ok * (long) body.length >> 20);
            if (r.size() != miners) {
                System.out.println("result size mismatch: " + r.size());
            }
        } catch (Throwable e) {
            System.out.println("collection failed: " + e);
            e.printStackTrace(System.out);
        } finally {
            server.stop(0);
            System.exit(0);
        }
    }
}
