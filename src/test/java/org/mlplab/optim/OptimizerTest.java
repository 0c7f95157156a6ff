package org.mlplab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each update rule against the textbook formula, computed by hand for two steps; each rule's
 * {@code float} form against its {@code double} form.
 */
class OptimizerTest {
    private final double[] w = {1.0, -2.0};
    private final double[] g1 = {0.5, -0.25};
    private final double[] g2 = {0.1, 0.3};

    private double[] twoSteps(Optimizer optimizer, double lr) {
        double[] m = new double[2];
        double[] v = new double[2];
        double[] next = new double[2];
        optimizer.step(w, g1, next, m, v, 2, lr, 1, true);
        double[] after = new double[2];
        optimizer.step(next, g2, after, m, v, 2, lr, 2, true);
        return after;
    }

    @Test
    void sgd() {
        assertArrayEquals(new double[] {1 - 0.1 * 0.6, -2 - 0.1 * 0.05}, twoSteps(Optimizer.sgd(0.1), 0.1), 1e-15);
    }

    @Test
    void momentum() {
        double[] v1 = {-0.1 * 0.5, 0.1 * 0.25};
        double[] v2 = {0.9 * v1[0] - 0.1 * 0.1, 0.9 * v1[1] - 0.1 * 0.3};
        assertArrayEquals(new double[] {1 + v1[0] + v2[0], -2 + v1[1] + v2[1]},
                twoSteps(Optimizer.momentum(0.1, 0.9), 0.1), 1e-15);
    }

    @Test
    void nesterov() {
        double[] m1 = {0.5, -0.25};
        double[] w1 = {1 - 0.1 * (0.5 + 0.9 * m1[0]), -2 - 0.1 * (-0.25 + 0.9 * m1[1])};
        double[] m2 = {0.9 * m1[0] + 0.1, 0.9 * m1[1] + 0.3};
        assertArrayEquals(new double[] {w1[0] - 0.1 * (0.1 + 0.9 * m2[0]), w1[1] - 0.1 * (0.3 + 0.9 * m2[1])},
                twoSteps(Optimizer.nesterov(0.1, 0.9), 0.1), 1e-15);
    }

    @Test
    void adamFirstStepIsTheLearningRateTimesTheSign() {
        double[] m = new double[2];
        double[] v = new double[2];
        double[] next = new double[2];
        Optimizer.adam(0.01).step(w, g1, next, m, v, 2, 0.01, 1, true);
        assertArrayEquals(new double[] {1 - 0.01, -2 + 0.01}, next, 1e-9);
    }

    @Test
    void adamSecondStep() {
        double b1 = 0.9;
        double b2 = 0.999;
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            double m1 = (1 - b1) * g1[i];
            double v1 = (1 - b2) * g1[i] * g1[i];
            double w1 = w[i] - 0.01 * (m1 / (1 - b1)) / (Math.sqrt(v1 / (1 - b2)) + 1e-8);
            double m2 = b1 * m1 + (1 - b1) * g2[i];
            double v2 = b2 * v1 + (1 - b2) * g2[i] * g2[i];
            expected[i] = w1 - 0.01 * (m2 / (1 - b1 * b1)) / (Math.sqrt(v2 / (1 - b2 * b2)) + 1e-8);
        }
        assertArrayEquals(expected, twoSteps(Optimizer.adam(0.01), 0.01), 1e-15);
    }

    @Test
    void adamWDecaysWeightsButNotBiases() {
        double[] m = new double[2];
        double[] v = new double[2];
        double[] weight = new double[2];
        double[] bias = new double[2];
        Optimizer.adamW(0.01, 0.5).step(w, g1, weight, m, v, 2, 0.01, 1, true);
        Optimizer.adamW(0.01, 0.5).step(w, g1, bias, new double[2], new double[2], 2, 0.01, 1, false);
        assertEquals(-0.01 * 0.5 * 1.0, weight[0] - bias[0], 1e-12);
    }

    @Test
    void rmsprop() {
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            double v1 = 0.1 * g1[i] * g1[i];
            double w1 = w[i] - 0.01 * g1[i] / (Math.sqrt(v1) + 1e-8);
            double v2 = 0.9 * v1 + 0.1 * g2[i] * g2[i];
            expected[i] = w1 - 0.01 * g2[i] / (Math.sqrt(v2) + 1e-8);
        }
        assertArrayEquals(expected, twoSteps(Optimizer.rmsprop(0.01), 0.01), 1e-15);
    }

    /**
     * 50 steps of the {@code float} rule against the {@code double} one from the same start, with
     * the same gradients: the values and both moments agree to float's precision (a relative
     * 2^-24 per operation, grown over the steps), and differ somewhere, or the rule did not
     * compute in {@code float}.
     */
    @ParameterizedTest
    @CsvSource({"sgd,true", "momentum,true", "nesterov,true", "rmsprop,true", "adam,true", "adamw,true", "adamw,false"})
    void theFloatRuleFollowsTheDoubleOne(String name, boolean isWeight) {
        Optimizer optimizer = Optimizer.parse(name, 0.01);
        int n = 1000;
        SplittableRandom random = new SplittableRandom(name.hashCode());
        double[][] d = new double[5][n];        // w, next, m, v, g
        float[][] f = new float[5][n];
        for (int i = 0; i < n; i++) {
            d[0][i] = (float) random.nextGaussian();
            f[0][i] = (float) d[0][i];
        }
        for (long step = 1; step <= 50; step++) {
            for (int i = 0; i < n; i++) {
                d[4][i] = (float) (0.1 * random.nextGaussian());
                f[4][i] = (float) d[4][i];
            }
            optimizer.step(d[0], d[4], d[1], d[2], d[3], n, 0.01, step, isWeight);
            optimizer.step(f[0], f[4], f[1], f[2], f[3], n, 0.01f, step, isWeight);
            double[] dw = d[0];
            d[0] = d[1];
            d[1] = dw;
            float[] fw = f[0];
            f[0] = f[1];
            f[1] = fw;
        }
        boolean differs = false;
        for (int k : new int[] {0, 2, 3}) {
            double scale = 0;
            for (int i = 0; i < n; i++) {
                scale = Math.max(scale, Math.abs(d[k][i]));
            }
            for (int i = 0; i < n; i++) {
                double error = Math.abs(f[k][i] - d[k][i]);
                assertTrue(error <= 1e-5 * scale, name + (k == 0 ? " w" : k == 2 ? " m" : " v") + "[" + i + "]: float "
                        + f[k][i] + ", double " + d[k][i]);
                differs |= error > 0;
            }
        }
        assertTrue(differs, name + ": the float rule gave double's bits");
    }

    @Test
    void badHyperParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.momentum(0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.parse("lbfgs", 0.1));
    }
}
