package io.tao4j.mantis.salience.math;

import com.fasterxml.jackson.databind.JsonNode;
import io.tao4j.mantis.salience.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link LbfgsB} and {@link MoreThuente} against scipy 1.10's own Fortran (tools/parity/mantis/gen_lbfgsb_vectors.py):
 * every trial step of MINPACK-2's dcsrch on closed-form 1-D functions, and every evaluation of
 * {@code minimize(method="L-BFGS-B")} on closed-form problems, with its iteration and evaluation counts.
 */
class LbfgsBTest {
    private static final JsonNode V = Vectors.load("lbfgsb-vectors.json");

    private static List<Double> search(DoubleUnaryOperator phi, DoubleUnaryOperator dphi, double stp0, String[] task) {
        MoreThuente ls = new MoreThuente(1e-3, 0.9, 0.1, 0.0, 1e10);
        List<Double> steps = new ArrayList<>();
        MoreThuente.Task t = ls.start(phi.applyAsDouble(0.0), dphi.applyAsDouble(0.0), stp0);
        for (int i = 0; i < 60 && t == MoreThuente.Task.FG; i++) {
            steps.add(ls.stp);
            t = ls.next(phi.applyAsDouble(ls.stp), dphi.applyAsDouble(ls.stp));
        }
        task[0] = t.name();
        return steps;
    }

    private static void assertSearch(String name, DoubleUnaryOperator phi, DoubleUnaryOperator dphi, double stp0) {
        JsonNode ref = V.get("dcsrch").get(name);
        String[] task = new String[1];
        List<Double> steps = search(phi, dphi, stp0, task);
        double[] want = Vectors.doubles(ref.get("steps"));
        assertThat(steps).as(name + " trial steps").hasSize(want.length);
        for (int i = 0; i < want.length; i++) assertThat(steps.get(i)).as(name + " step " + i).isCloseTo(want[i], within(1e-12 * Math.abs(want[i])));
        assertThat(task[0]).as(name).isEqualTo(ref.get("task").asText());
    }

    @Test
    void lineSearchExtrapolatesNoFurtherThanTheStagesBoundLikeDcsrch() {
        // far minimum: dcstep's cubic step (20) is capped at the stage's stmax = 1 + 4·(1 − 0) = 5
        assertSearch("far_quadratic", a -> (a - 20.0) * (a - 20.0) / 40.0, a -> (a - 20.0) / 20.0, 1.0);
        assertSearch("quartic", a -> -a + a * a * a * a / 4000.0, a -> -1.0 + a * a * a / 1000.0, 0.5);
        assertSearch("exp_valley", a -> Math.exp(a - 8.0) - a, a -> Math.exp(a - 8.0) - 1.0, 1.0);
        assertSearch("overshoot_quadratic", a -> (a - 0.3) * (a - 0.3), a -> 2.0 * (a - 0.3), 1.0);
    }

    private static void assertRun(String name, LbfgsB.Objective fun) {
        JsonNode ref = V.get("lbfgsb").get(name);
        List<Double> evals = new ArrayList<>();
        LbfgsB.Result r = LbfgsB.minimize((x, g) -> {
            double f = fun.evaluate(x, g);
            evals.add(f);
            return f;
        }, Vectors.doubles(ref.get("x0")), 10, ref.get("gtol").asDouble(), ref.get("ftol").asDouble(), 20, 500, 15000);
        double[] want = Vectors.doubles(ref.get("evals"));
        assertThat(evals).as(name + " evaluations").hasSize(want.length);
        for (int i = 0; i < want.length; i++) assertThat(evals.get(i)).as(name + " f at evaluation " + i).isCloseTo(want[i], within(1e-10 * Math.max(1.0, Math.abs(want[i]))));
        assertThat(r.iterations()).as(name + " nit").isEqualTo(ref.get("nit").asInt());
        assertThat(r.evaluations()).as(name + " nfev").isEqualTo(ref.get("nfev").asInt());
        assertThat(r.message()).as(name).isEqualTo(ref.get("message").asText());
        double[] x = Vectors.doubles(ref.get("x"));
        for (int k = 0; k < x.length; k++) assertThat(r.x()[k]).as(name + " x" + k).isCloseTo(x[k], within(1e-8));
    }

    @Test
    void rosenbrockFollowsScipysIteratesEvaluationForEvaluation() {
        assertRun("rosenbrock6", (x, g) -> {
            int n = x.length;
            double f = 0.0;
            java.util.Arrays.fill(g, 0.0);
            for (int i = 0; i < n - 1; i++) {
                double a = x[i + 1] - x[i] * x[i], b = 1.0 - x[i];
                f += 100.0 * a * a + b * b;
                g[i] += -400.0 * x[i] * a - 2.0 * b;
                g[i + 1] += 200.0 * a;
            }
            return f;
        });
    }

    @Test
    void aDistantMinimumIsReachedWithScipysCappedExtrapolations() {
        assertRun("far_quadratic5", (x, g) -> {
            double f = 0.0;
            for (int i = 0; i < x.length; i++) {
                double w = i + 1, d = x[i] - 10.0 * w;
                f += w * d * d;
                g[i] = w * d;
            }
            return f / 2.0;
        });
    }

    @Test
    void anIllConditionedLogisticLossWithCloneColumnsStopsWhereScipyStops() {
        double[][] t = {{1.0, 1.0, 1e-3, -0.5}, {-1.0, -1.0, 2e-3, 0.25}, {0.5, 0.5, -1e-3, 1.0},
                {2.0, 2.0, 0.0, -1.0}, {-0.5, -0.5, 1e-3, -2.0}, {1.5, 1.5, -2e-3, 0.5}};
        assertRun("ill_logistic4", (x, g) -> {
            double f = 0.0, xx = 0.0;
            for (int k = 0; k < x.length; k++) {
                g[k] = 1e-3 * x[k];
                xx += x[k] * x[k];
            }
            for (double[] row : t) {
                double z = 0.0;
                for (int k = 0; k < x.length; k++) z += row[k] * x[k];
                f += Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
                double s = 1.0 / (1.0 + Math.exp(-z));
                for (int k = 0; k < x.length; k++) g[k] += row[k] * s;
            }
            return f + 0.5e-3 * xx;
        });
    }

    @Test
    void aOneDimensionalQuarticAndANearlySingularValleyEndWhereScipyEnds() {
        assertRun("quartic1", (x, g) -> {
            double d = x[0] - 3.0;
            g[0] = 4.0 * d * d * d;
            return d * d * d * d;
        });
        // flat to 1e-10 along x0 = x1: scipy needs 19 evaluations for 3 iterations here
        assertRun("flat2", (x, g) -> {
            double a = x[0] + x[1] - 1.0, b = x[0] - x[1];
            g[0] = 2.0 * a + 2e-10 * b;
            g[1] = 2.0 * a - 2e-10 * b;
            return a * a + 1e-10 * b * b;
        });
    }
}
