package io.tao4j.lfc;

import io.tao4j.crypto.Sr25519KeyPair;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The LFC neurons' builders name what is missing instead of building a neuron that fails later. */
class NeuronBuilderTest {
    @Test
    void missingPartsAreNamed() {
        Sr25519KeyPair key = Sr25519KeyPair.fromUri("//Bob//validator");
        assertThatThrownBy(() -> LfcWeightValidator.builder().signer(key)
                .config(new LfcWeightValidator.Config(35, 0, 10, Duration.ofSeconds(1), Duration.ofMillis(100), false)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("subtensor(..)");
        assertThatThrownBy(() -> Sweeper.builder().signer(key).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("config(..)");
    }
}
