package io.tao4j.mantis.salience;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of the whole {@code multi_salience} and of each scorer on generated data of mainnet shape
 * (256 hotkeys, 30 days at one sample per minute by default). Single-shot: one call is tens of seconds.
 *
 * <pre>
 * mvn -B -o -pl mantis test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx3g -cp mantis/target/test-classes:mantis/target/classes:$(cat /tmp/cp.txt) \
 *     io.tao4j.mantis.salience.SalienceJmh [hotkeys] [days]
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class SalienceJmh {
    @Param({"256"})
    public int hotkeys;

    @Param({"30"})
    public int days;

    TrainingData data;

    @Setup(Level.Trial)
    public void setUp() {
        data = SyntheticData.generate(1, days * MantisConfig.INDICES_PER_DAY, SyntheticData.roles(hotkeys),
                MantisConfig.CHALLENGES);
    }

    @Benchmark
    public SalienceResult multiSalience() {
        return new SalienceEngine().multiSalience(data);
    }

    @Benchmark
    public Object binaryOneChallenge() {
        return new BinaryScorer().score(data.series("ETH").orElseThrow(), 2);
    }

    @Benchmark
    public Object lbfgsP() {
        return new LbfgsPScorer().score(data.series("ETHLBFGS").orElseThrow(), 300, 5, 42);
    }

    @Benchmark
    public Object lbfgsQ() {
        return new LbfgsQScorer().score(data.series("ETHLBFGS").orElseThrow(), 300, 5, 42);
    }

    @Benchmark
    public Object hitFirst() {
        return new HitFirstScorer().score(data.series("ETHHITFIRST").orElseThrow(), 500, 5);
    }

    public static void main(String[] args) throws Exception {
        OptionsBuilder o = new OptionsBuilder();
        o.include(SalienceJmh.class.getSimpleName());
        if (args.length > 0) o.param("hotkeys", args[0]);
        if (args.length > 1) o.param("days", args[1]);
        new Runner(o.build()).run();
    }
}
