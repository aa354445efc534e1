package io.tao4j.lfc;

import io.tao4j.chain.subtensor.Subtensor;
import io.tao4j.crypto.Signer;

/**
 * The builder of both LFC neurons, shaped like MANTIS's ({@code MantisValidator.builder()}):
 * {@code LfcWeightValidator.builder().subtensor(st).signer(hotkey).config(cfg).slack(s).metrics(m).build()}, then
 * {@code run(stop)}. Slack and metrics are optional.
 *
 * @param <C> the neuron's config
 * @param <N> the neuron
 */
public final class NeuronBuilder<C, N> {
    /** Makes the neuron from the collected parts. */
    @FunctionalInterface
    interface Factory<C, N> {
        N make(Subtensor subtensor, Signer signer, C config, SlackNotifier slack, LfcMetrics metrics, java.time.Duration chainOutage);
    }

    private final Factory<C, N> factory;
    private Subtensor subtensor;
    private Signer signer;
    private C config;
    private SlackNotifier slack;
    private LfcMetrics metrics;
    private java.time.Duration chainOutage = ChainHealth.DEFAULT_THRESHOLD;

    NeuronBuilder(Factory<C, N> factory) {
        this.factory = factory;
    }

    /** The chain connection (required). */
    public NeuronBuilder<C, N> subtensor(Subtensor subtensor) {
        this.subtensor = subtensor;
        return this;
    }

    /** The key that signs: the validator's hotkey, the sweeper's coldkey (required). */
    public NeuronBuilder<C, N> signer(Signer signer) {
        this.signer = signer;
        return this;
    }

    /** Required. */
    public NeuronBuilder<C, N> config(C config) {
        this.config = config;
        return this;
    }

    public NeuronBuilder<C, N> slack(SlackNotifier slack) {
        this.slack = slack;
        return this;
    }

    public NeuronBuilder<C, N> metrics(LfcMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    /** Time without a successful chain read before the outage alert (default {@link ChainHealth#DEFAULT_THRESHOLD}). */
    public NeuronBuilder<C, N> chainOutageAlertAfter(java.time.Duration after) {
        this.chainOutage = after;
        return this;
    }

    /** @throws IllegalStateException when the subtensor, signer or config is missing */
    public N build() {
        if (subtensor == null || signer == null || config == null) {
            throw new IllegalStateException("an LFC neuron needs subtensor(..), signer(..) and config(..)");
        }
        return factory.make(subtensor, signer, config, slack, metrics, chainOutage);
    }

    static <C, N> NeuronBuilder<C, N> of(Factory<C, N> factory) {
        return new NeuronBuilder<>(factory);
    }
}
