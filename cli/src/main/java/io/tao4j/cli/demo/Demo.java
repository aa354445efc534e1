package io.tao4j.cli.demo;

import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.cli.demo.web.DemoStatus;
import io.tao4j.cli.demo.web.StatusServer;
import io.tao4j.lfc.LfcMetrics;
import io.tao4j.localnet.Localnet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code tao4j demo}: both subnets on an embedded local network, in this process. This class only composes
 * the pieces:
 * <ul>
 *   <li>{@link DemoNetwork}: MANTIS history, the local network, the archive it serves;</li>
 *   <li>{@link DemoLfc}: subnet 35's weight-burn validator and stake sweeper;</li>
 *   <li>{@link DemoMantis}: subnet 123's four miners and its validator (the production {@code MantisValidator});</li>
 *   <li>{@link DemoObserver}: once a second, the chain and the neurons' counters into {@link DemoState} and the
 *       status page ({@link StatusServer}); {@link DemoReport} at the end.</li>
 * </ul>
 * Every neuron talks to the node over its own WebSocket, exactly as it would to finney. The MANTIS weight
 * cadences are shortened for a demo (calculation every 100 blocks, setting every 60); everything else is
 * the production code path. Subnet 123 requires commit-reveal, so the MANTIS weights are committed timelocked
 * to the local drand beacon and revealed by the chain when the round's pulse is stored, as on finney.
 */
public final class Demo {
    private static final Logger log = LoggerFactory.getLogger(Demo.class);

    static final int LFC_NETUID = 35;
    static final int MANTIS_NETUID = 123;
    static final int WEIGHT_CALC_INTERVAL = 100;
    static final int WEIGHT_SET_INTERVAL = 60;

    /** What the demo runs with. */
    public record Options(Duration duration, int statusPort, Path workDir, int historyDays, double minerIntervalSeconds,
                          io.tao4j.mantis.protocol.Protocol protocol) {
        /** With the default MANTIS protocol. */
        public Options(Duration duration, int statusPort, Path workDir, int historyDays, double minerIntervalSeconds) {
            this(duration, statusPort, workDir, historyDays, minerIntervalSeconds, io.tao4j.mantis.protocol.Protocol.DEFAULT);
        }

        public Options {
            java.util.Objects.requireNonNull(protocol, "protocol");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration must not be negative");
            }
            if (historyDays < 7 || historyDays > 60) {
                throw new IllegalArgumentException("history days must be between 7 and 60, got " + historyDays);
            }
        }
    }

    /** One simulated MANTIS miner. */
    public record MinerInfo(String name, DemoHistory.Kind kind, String hotkey, int uid) {
    }

    private final Options options;
    private final DemoRuntime rt;
    private final LfcMetrics lfcMetrics = new LfcMetrics();

    private volatile Localnet net;
    private volatile StatusServer status;
    private DemoObserver observer;
    private List<MinerInfo> miners = List.of();

    public Demo(Options options, PrintWriter out) {
        this.options = options;
        this.rt = new DemoRuntime(out);
    }

    public DemoState state() {
        return rt.state;
    }

    public Localnet network() {
        return net;
    }

    /** Runs the demo for its duration (or until {@link #stop()}) and returns the report. */
    public DemoReport run() throws Exception {
        Files.createDirectories(options.workDir());
        try {
            return runInner();
        } finally {
            rt.shutdown();
            lfcMetrics.close();
            if (net != null) {
                net.close(); // last: the neurons' connections are closed by now
            }
        }
    }

    /** Asks a running demo to finish (Ctrl-C). */
    public void stop() {
        rt.stop.stop();
    }

    /** The status page's address once it is up. */
    public URI statusUrl() {
        StatusServer s = status;
        return s == null ? null : s.url();
    }

    private DemoReport runInner() throws Exception {
        long t0 = System.nanoTime();
        status = rt.closeLater(StatusServer.start(options.statusPort(), DemoStatus.empty().withStarted(System.currentTimeMillis())));
        rt.say("status page: %s  (also /api/status and /metrics)", status.url());

        DemoNetwork network = DemoNetwork.start(options, rt);
        net = network.net();
        Subtensor chain = rt.subtensor(net.rpcUrl());
        network = network.withUids(chain);
        miners = network.miners();
        rt.state.miners(miners);

        DemoLfc.start(rt, net.rpcUrl(), chain, lfcMetrics);
        DemoMantis mantis = new DemoMantis(rt, miners);
        mantis.startValidator(options.workDir(), net.rpcUrl(), network.defaults(), network.archive(), options.protocol());
        mantis.startMiners(net.rpcUrl(), network.discovery(), options.minerIntervalSeconds(), options.protocol());
        observer = new DemoObserver(rt, net, chain, lfcMetrics, mantis, miners);
        rt.spawn("demo-sampler", () -> {
            while (!rt.stop.isStopped()) {
                try {
                    sample();
                } catch (RuntimeException e) {
                    if (!rt.stop.isStopped()) {
                        log.debug("sampling failed: {}", e.toString());
                    }
                }
                rt.stop.sleep(Duration.ofSeconds(1));
            }
        });

        rt.say("running%s", options.duration().isZero() ? " until Ctrl-C" : " for " + options.duration().toSeconds() + " s");
        long end = options.duration().isZero() ? Long.MAX_VALUE : System.nanoTime() + options.duration().toNanos();
        while (!rt.stop.isStopped() && System.nanoTime() < end) {
            rt.stop.sleep(Duration.ofMillis(Math.min(500, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())))));
        }
        sample();
        DemoReport report = DemoReport.of(rt.state, miners, (System.nanoTime() - t0) / 1e9, options.protocol());
        rt.stop.stop();
        return report;
    }

    /** One observation of the chain and the neurons, published to the status page. */
    void sample() {
        DemoStatus snapshot = observer.sample();
        StatusServer s = status;
        if (s != null) {
            s.publish(snapshot);
        }
    }
}
