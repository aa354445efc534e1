package io.tao4j.mantis.validator;

/** Port 6 of the validator: puts weights on chain (or commits them, on commit-reveal subnets). */
@FunctionalInterface
public interface WeightSetter {
    /** @return a description of the outcome; throws with the chain's reason when not accepted */
    String setWeights(int[] uids, double[] weights);
}
