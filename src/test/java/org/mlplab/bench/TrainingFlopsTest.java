package org.mlplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainingFlopsTest {
    /**
     * Fashion-MNIST's 784-256-128-10: Σ w_{l-1}·w_l = 200,704 + 32,768 + 1,280 = 234,752, of which
     * 34,048 beyond the first layer; per sample 2 · (234,752 + 234,752 + 34,048) = 1,007,104, and
     * a step of 128 samples 128,909,312.
     */
    @Test
    void fashionMnistTakesAMillionOperationsPerSample() {
        assertEquals(1_007_104, TrainingFlops.perSample(784, 256, 128, 10));
        assertEquals(128_909_312, 128 * TrainingFlops.perSample(784, 256, 128, 10));
    }

    /** 4-16-3: forward 2 · (64 + 48), weight gradients the same, error signals 2 · 48 (none into the inputs). */
    @Test
    void noErrorSignalGoesIntoTheInputs() {
        assertEquals(224 + 224 + 96, TrainingFlops.perSample(4, 16, 3));
        assertEquals(24 + 24, TrainingFlops.perSample(4, 3), "no hidden layer: nothing to propagate");
    }

    /** 65,536-wide layers have 2³² weights each, more than an {@code int} counts: 2 · (2 + 2 + 1) · 2³². */
    @Test
    void wideLayersDoNotOverflow() {
        assertEquals(42_949_672_960L, TrainingFlops.perSample(65_536, 65_536, 65_536));
    }
}
