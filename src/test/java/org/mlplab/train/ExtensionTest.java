package org.mlplab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlplab.RealData;
import org.mlplab.data.Dataset;
import org.mlplab.diagnostics.DerivativeCheck;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Loss;
import org.mlplab.nn.Parameter;
import org.mlplab.nn.Precision;
import org.mlplab.optim.Optimizer;
import org.mlplab.optim.Schedule;

/** A student's own activation, loss, optimiser and schedule: checked before training, then trained with. */
class ExtensionTest {
    private static final Dataset DIGITS = RealData.digits().rows(0, 400);

    private static Mlp model(Activation hidden) {
        return Mlp.input(64).dense(16, hidden).dense(10, Activation.SOFTMAX).seed(3).build();
    }

    private static List<double[]> weights(Mlp model) {
        return model.parameters().stream().map(Parameter::copyValues).toList();
    }

    private static void assertSameWeights(Mlp expected, Mlp actual) {
        for (int i = 0; i < expected.parameters().size(); i++) {
            assertArrayEquals(expected.parameters().get(i).copyValues(), actual.parameters().get(i).copyValues(),
                    expected.parameters().get(i).name());
        }
    }

    @Test
    void anActivationFromTwoLambdasTrainsLikeTheBuiltInOne() {
        Activation tanh = Activation.of("my tanh", Math::tanh, z -> {
            double t = Math.tanh(z);
            return 1 - t * t;
        });
        assertTrue(DerivativeCheck.of(tanh).passed(), DerivativeCheck.of(tanh).toString());
        Mlp mine = model(tanh);
        Mlp builtIn = model(Activation.TANH);
        mine.fit(DIGITS, Fit.epochs(3).batch(32).adam(0.01).quiet());
        builtIn.fit(DIGITS, Fit.epochs(3).batch(32).adam(0.01).quiet());
        assertSameWeights(builtIn, mine);
        assertTrue(mine.toString().contains("my tanh"), mine.toString());
    }

    @Test
    void aWrongDerivativeIsRefusedWithWhereItFailsAndNothingTrained() {
        Activation relu = Activation.of("my relu", z -> Math.max(0, z), z -> z > 0 ? 2 : 0);
        Mlp model = model(relu);
        List<double[]> before = weights(model);
        var e = assertThrows(IllegalArgumentException.class, () -> model.fit(DIGITS, Fit.epochs(1).quiet()));
        assertTrue(e.getMessage().startsWith("not trained: activation 'my relu': f' is off by a factor 2 for z from "
                + "0.001 to 6.01"), e.getMessage());
        List<double[]> after = weights(model);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i));
        }

        Activation nearZero = Activation.of("sine", Math::sin, z -> Math.abs(z) < 0.2 ? 2 * Math.cos(z) : Math.cos(z));
        DerivativeCheck check = DerivativeCheck.of(nearZero);
        assertFalse(check.passed());
        assertTrue(check.toString().contains("f' is off by a factor 2 near z = 0 "), check.toString());
        Activation flipped = Activation.of("sine", Math::sin, z -> -Math.cos(z));
        assertTrue(DerivativeCheck.of(flipped).toString().contains("of the wrong sign everywhere"));
    }

    /** Finite differences across a kink are wrong, not the derivative: such points are left out. */
    @Test
    void pointsAtAKinkAreLeftOut() {
        double kink = -6 + 24 * 0.25 + 0.0123;   // a point of the check's grid
        Activation shifted = Activation.of("shifted relu", z -> Math.max(0, z - kink), z -> z > kink ? 1 : 0);
        DerivativeCheck check = DerivativeCheck.of(shifted);
        assertTrue(check.passed(), check.toString());
        assertTrue(check.toString().contains("1 point within h of a kink left out"), check.toString());
        for (Activation a : List.of(Activation.RELU, Activation.LEAKY_RELU, Activation.ELU, Activation.SOFTMAX)) {
            assertTrue(DerivativeCheck.of(a).passed(), DerivativeCheck.of(a).toString());
        }
    }

    @Test
    void aLossOfOnesOwnIsCheckedAndTrainedWith() {
        Dataset data = RealData.diabetes().rows(0, 200);
        Loss squares = Loss.of("squares", (a, t) -> (a - t) * (a - t), (a, t) -> 2 * (a - t));
        Mlp mine = Mlp.input(10).dense(8, Activation.TANH).dense(1, Activation.IDENTITY).loss(squares).seed(1).build();
        Mlp builtIn = Mlp.input(10).dense(8, Activation.TANH).dense(1, Activation.IDENTITY).loss(Loss.MSE).seed(1).build();
        History h1 = mine.fit(data, Fit.epochs(5).batch(32).adam(0.01).quiet());
        History h2 = builtIn.fit(data, Fit.epochs(5).batch(32).adam(0.01).quiet());
        assertEquals(h2.loss()[4], h1.loss()[4], 1e-12 * h2.loss()[4]);

        Loss half = Loss.of("half", (a, t) -> (a - t) * (a - t), (a, t) -> a - t);
        Mlp wrong = Mlp.input(10).dense(8, Activation.TANH).dense(1, Activation.IDENTITY).loss(half).seed(1).build();
        var e = assertThrows(IllegalArgumentException.class, () -> wrong.fit(data, Fit.epochs(1).quiet()));
        assertTrue(e.getMessage().contains("loss 'half' after identity: δ is off by a factor 1/2"), e.getMessage());
    }

    @Test
    void anOptimiserRuleOfOnesOwnTrainsLikeTheBuiltInOneInDoubleOnly() {
        Optimizer mine = Optimizer.of("my momentum", 0.05, (w, g, next, m, v, n, lr, step) -> {
            for (int i = 0; i < n; i++) {
                m[i] = 0.9 * m[i] - lr * g[i];
                next[i] = w[i] + m[i];
            }
        });
        Mlp byHand = model(Activation.RELU);
        Mlp builtIn = model(Activation.RELU);
        byHand.fit(DIGITS, Fit.epochs(3).batch(32).optimizer(mine).quiet());
        builtIn.fit(DIGITS, Fit.epochs(3).batch(32).optimizer(Optimizer.momentum(0.05, 0.9)).precision(Precision.DOUBLE)
                .quiet());
        assertSameWeights(builtIn, byHand);
        assertEquals(Precision.DOUBLE, Fit.epochs(1).optimizer(mine).precision(), "a rule of one's own trains in double");

        List<double[]> before = weights(byHand);
        var e = assertThrows(IllegalArgumentException.class,
                () -> byHand.fit(DIGITS, Fit.epochs(1).optimizer(mine).precision(Precision.FLOAT).quiet()));
        assertTrue(e.getMessage().contains("has a double rule only"), e.getMessage());
        assertArrayEquals(before.get(0), weights(byHand).get(0));
    }

    @Test
    void aScheduleOfOnesOwnScalesTheLearningRateAndAnUnusableOneIsRefused() {
        Mlp model = model(Activation.RELU);
        History history = model.fit(DIGITS, Fit.epochs(3).sgd(0.1).schedule(Schedule.of("1/t", t -> 1.0 / t)).quiet());
        assertArrayEquals(new double[] {0.1, 0.05, 0.1 / 3},
                history.epochs().stream().mapToDouble(Epoch::learningRate).toArray(), 1e-15);
        var e = assertThrows(IllegalArgumentException.class, () -> model.fit(DIGITS,
                Fit.epochs(3).sgd(0.1).schedule(Schedule.of("flips", t -> t < 3 ? 1 : -1)).quiet()));
        assertTrue(e.getMessage().contains("schedule 'flips' gives the factor -1.0 for epoch 3"), e.getMessage());
    }

    @Test
    void aModelWithAPieceOfOnesOwnIsNotSavedUnderAWrongName(@TempDir Path dir) throws Exception {
        Mlp model = model(Activation.of("relu", z -> Math.max(0, z), z -> z > 0 ? 1 : 0));
        Path file = dir.resolve("model.json");
        Files.writeString(file, "kept");
        var e = assertThrows(IllegalArgumentException.class, () -> model.save(file));
        assertTrue(e.getMessage().contains("the activation 'relu' is one of your own"), e.getMessage());
        assertEquals("kept", Files.readString(file));
    }

    /**
     * The "backprop ninja" exercise: every intermediate of a forward and backward pass written by
     * hand from the equations equals the engine's, read as plain arrays.
     */
    @Test
    void everyIntermediateOfTheBackwardPassIsAPlainArray() {
        Dataset batch = DIGITS.rows(0, 5);
        Mlp model = model(Activation.TANH);
        Map<String, double[][]> gradients = model.gradients(batch);
        Dense hidden = model.layer(0);
        Dense out = model.layer(1);
        double[][] x = batch.x();
        double[][] w1 = hidden.weights().toArray();
        double[] b1 = hidden.bias().toArray()[0];
        double[][] w2 = out.weights().toArray();
        double[] b2 = out.bias().toArray()[0];
        int n = x.length;
        double[][] z1 = new double[n][16];
        double[][] a1 = new double[n][16];
        double[][] z2 = new double[n][10];
        double[][] p = new double[n][10];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 16; j++) {
                z1[i][j] = b1[j];
                for (int k = 0; k < 64; k++) {
                    z1[i][j] += x[i][k] * w1[k][j];
                }
                a1[i][j] = Math.tanh(z1[i][j]);
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 10; j++) {
                z2[i][j] = b2[j];
                for (int k = 0; k < 16; k++) {
                    z2[i][j] += a1[i][k] * w2[k][j];
                }
                max = Math.max(max, z2[i][j]);
            }
            double sum = 0;
            for (int j = 0; j < 10; j++) {
                sum += Math.exp(z2[i][j] - max);
            }
            for (int j = 0; j < 10; j++) {
                p[i][j] = Math.exp(z2[i][j] - max) / sum;
            }
        }
        double[][] delta2 = new double[n][10];   // softmax + cross-entropy: δ2 = p - y
        double[][] delta1 = new double[n][16];   // δ1 = (δ2 W2ᵀ) ⊙ (1 - a1²)
        double[][] dW2 = new double[16][10];     // dW2 = a1ᵀ δ2 / B
        double[][] dW1 = new double[64][16];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 10; j++) {
                delta2[i][j] = p[i][j] - (batch.label(i) == j ? 1 : 0);
            }
            for (int j = 0; j < 16; j++) {
                for (int k = 0; k < 10; k++) {
                    delta1[i][j] += delta2[i][k] * w2[j][k];
                }
                delta1[i][j] *= 1 - a1[i][j] * a1[i][j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 16; j++) {
                for (int k = 0; k < 10; k++) {
                    dW2[j][k] += a1[i][j] * delta2[i][k] / n;
                }
                for (int k = 0; k < 64; k++) {
                    dW1[k][j] += x[i][k] * delta1[i][j] / n;
                }
            }
        }
        assertNear(z1, hidden.z(), "z1");
        assertNear(a1, hidden.a(), "a1");
        assertNear(z2, out.z(), "z2");
        assertNear(p, out.a(), "a2");
        assertNear(delta2, out.delta(), "δ2");
        assertNear(delta1, hidden.delta(), "δ1");
        assertNear(dW2, out.weights().gradientArray(), "dW2");
        assertNear(dW1, hidden.weights().gradientArray(), "dW1");
        assertNear(dW1, gradients.get("W1"), "dW1 of gradients()");
    }

    private static void assertNear(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + " rows");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-12, what + " row " + i);
        }
    }
}
