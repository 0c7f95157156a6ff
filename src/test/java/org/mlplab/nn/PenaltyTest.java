package org.mlplab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlplab.RealData;
import org.mlplab.data.Dataset;
import org.mlplab.model.Mlp;
import org.mlplab.optim.Optimizer;

class PenaltyTest {
    private static final Dataset BATCH = RealData.digits().rows(0, 64);

    /** One SGD step: {@code W ← W - η (∂L/∂W + λ₁ sign(W) + λ₂ W)}; biases {@code b ← b - η ∂L/∂b}. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void aStepAddsTheGradientOfTheL1AndL2Penalties(Precision precision) {
        Mlp model = Mlp.input(64).dense(16, Activation.TANH).dense(10, Activation.SOFTMAX).seed(4).build();
        Map<String, double[][]> data = model.gradients(BATCH);
        List<double[][]> before = model.parameters().stream().map(Parameter::toArray).toList();
        double lr = 0.1;
        Penalty penalty = new Penalty(0.01, 0.05);
        try (Training training = Training.start(model, Optimizer.sgd(lr), precision, penalty, 0)) {
            training.step(Batch.of(model, BATCH), lr);
        }
        double tolerance = precision == Precision.DOUBLE ? 1e-15 : 1e-6;
        for (int i = 0; i < model.parameters().size(); i++) {
            Parameter p = model.parameters().get(i);
            double[][] w = before.get(i);
            double[][] g = data.get(p.name());
            double[][] after = p.toArray();
            for (int r = 0; r < w.length; r++) {
                for (int c = 0; c < w[r].length; c++) {
                    double pull = p.isWeight() ? penalty.l1() * Math.signum(w[r][c]) + penalty.l2() * w[r][c] : 0;
                    assertEquals(w[r][c] - lr * (g[r][c] + pull), after[r][c], tolerance, p.name() + "[" + r + "][" + c + "]");
                }
            }
        }
    }

    @Test
    void l1LeavesMoreWeightsNearZeroThanL2AtTheSameStrength() {
        Dataset digits = RealData.digits();
        double nearZeroL1 = 0;
        double nearZeroL2 = 0;
        for (long seed = 1; seed <= 3; seed++) {   // one run's fraction varies with the seed (0.10-0.31 with L1)
            Mlp l1 = Mlp.input(64).dense(32, Activation.RELU).dense(10, Activation.SOFTMAX).seed(seed).build();
            Mlp l2 = Mlp.input(64).dense(32, Activation.RELU).dense(10, Activation.SOFTMAX).seed(seed).build();
            l1.fit(digits, org.mlplab.train.Fit.epochs(20).adam(0.01).l1(1e-3).quiet());
            l2.fit(digits, org.mlplab.train.Fit.epochs(20).adam(0.01).l2(1e-3).quiet());
            nearZeroL1 += nearZero(l1.layer(0).weights());
            nearZeroL2 += nearZero(l2.layer(0).weights());
            assertTrue(l1.evaluate(digits).value() > 0.9, "it still learns: " + l1.evaluate(digits));
        }
        assertTrue(nearZeroL1 > 2 * nearZeroL2, nearZeroL1 + " against " + nearZeroL2);
    }

    @Test
    void aNegativeOrInfiniteLambdaIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Penalty(-1, 0));
        assertEquals("l1 must be a finite number ≥ 0, got -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> org.mlplab.train.Fit.epochs(1).l2(Double.POSITIVE_INFINITY));
    }

    /** The fraction of entries within 1e-3 of 0. */
    private static double nearZero(Parameter p) {
        double[] w = p.copyValues();
        return java.util.Arrays.stream(w).filter(v -> Math.abs(v) < 1e-3).count() / (double) w.length;
    }
}
