package org.mlplab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlplab.data.Dataset;
import org.mlplab.diagnostics.GradientCheck;
import org.mlplab.internal.MatMul;
import org.mlplab.model.Mlp;
import org.mlplab.optim.Optimizer;

/** Back-propagation through whole networks against finite differences. */
class MlpGradientTest {

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of(new int[] {3, 5, 4}, Activation.TANH, Activation.SOFTMAX, 6, 1L),
                Arguments.of(new int[] {4, 8, 8, 3}, Activation.RELU, Activation.SOFTMAX, 10, 2L),
                Arguments.of(new int[] {2, 6, 1}, Activation.SIGMOID, Activation.SIGMOID, 8, 3L),
                Arguments.of(new int[] {5, 7, 6, 2}, Activation.ELU, Activation.IDENTITY, 4, 4L),
                Arguments.of(new int[] {3, 4, 4, 4, 3}, Activation.SOFTPLUS, Activation.SOFTMAX, 5, 5L),
                Arguments.of(new int[] {2, 9, 2}, Activation.LEAKY_RELU, Activation.IDENTITY, 12, 6L),
                Arguments.of(new int[] {1, 3, 1}, Activation.TANH, Activation.IDENTITY, 1, 7L));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void backpropagationMatchesFiniteDifferences(int[] widths, Activation hidden, Activation output, int rows, long seed) {
        Network.Builder<Mlp> builder = Mlp.input(widths[0]).seed(seed).init(Init.XAVIER_NORMAL).biasInit(0.1);
        for (int l = 1; l < widths.length - 1; l++) {
            builder.dense(widths[l], hidden);
        }
        int outputs = widths[widths.length - 1];
        Mlp model = builder.dense(outputs, output).build();
        Dataset batch = randomBatch(widths[0], outputs, output, rows, seed);
        double[][] before = model.layer(0).weights().toArray();

        GradientCheck check = GradientCheck.of(model, batch);

        assertTrue(check.passed(), check.toString());
        assertTrue(check.maxRelativeError() < 1e-6, check.toString());
        assertArrayEquals(before, model.layer(0).weights().toArray(), "the check must leave the weights as they were");
    }

    @Test
    void softmaxWithMseIsCheckedToo() {
        Mlp model = Mlp.input(3).dense(5, Activation.TANH).dense(3, Activation.SOFTMAX).loss(Loss.MSE).seed(9).build();
        GradientCheck check = GradientCheck.of(model, randomBatch(3, 3, Activation.SOFTMAX, 6, 9));
        assertTrue(check.passed(), check.toString());
    }

    /** The user-facing gradients against finite differences of {@code evaluate(batch).loss()}, through public API only. */
    @Test
    void gradientsMatchFiniteDifferencesOfTheEvaluatedLoss() {
        Mlp model = Mlp.input(3).dense(4, Activation.TANH).dense(3, Activation.SOFTMAX).seed(11).build();
        Dataset batch = randomBatch(3, 3, Activation.SOFTMAX, 7, 11);
        var gradients = model.gradients(batch);
        assertEquals(java.util.List.of("W1", "b1", "W2", "b2"), java.util.List.copyOf(gradients.keySet()));
        double[][] w2 = model.layer(1).weights().toArray();
        double h = 1e-6;
        for (int r = 0; r < w2.length; r++) {
            for (int c = 0; c < w2[0].length; c++) {
                double[][] nudged = model.layer(1).weights().toArray();
                nudged[r][c] = w2[r][c] + h;
                model.layer(1).weights().set(nudged);
                double plus = model.evaluate(batch).loss();
                nudged[r][c] = w2[r][c] - h;
                model.layer(1).weights().set(nudged);
                double minus = model.evaluate(batch).loss();
                model.layer(1).weights().set(w2);
                assertEquals((plus - minus) / (2 * h), gradients.get("W2")[r][c], 1e-8);
            }
        }
    }

    /**
     * With float32 products the backward pass gives the double one's gradients to float precision
     * (relative error in the norm below 1e-5), and not the very same bits.
     */
    @Test
    void float32ProductsGiveTheDoubleGradientsToFloatPrecision() {
        Mlp model = Mlp.input(20).dense(32, Activation.RELU).dense(16, Activation.TANH).dense(4, Activation.SOFTMAX)
                .init(Init.HE).seed(12).biasInit(0.01).build();
        Dataset batch = randomBatch(20, 4, Activation.SOFTMAX, 64, 12);
        var expected = model.gradients(batch);
        Batch all = Batch.of(model, batch);
        try (Training training = Training.start(model, Optimizer.sgd(0.1), Precision.FLOAT, Penalty.NONE, 0)) {
            Network engine = model;   // the package's own forward and backward in float
            engine.forward(all, Precision.FLOAT);
            engine.backward(all.x, all.t);
            assertFloatGradientsNear(model, expected);
        }
    }

    private static void assertFloatGradientsNear(Mlp model, java.util.Map<String, double[][]> expected) {
        for (Parameter p : model.parameters()) {
            double[][] reference = expected.get(p.name());
            double[][] gradient = p.gradientArray();
            double diff = 0;
            double norm = 0;
            for (int r = 0; r < reference.length; r++) {
                for (int c = 0; c < reference[r].length; c++) {
                    double g = gradient[r][c];
                    diff += (g - reference[r][c]) * (g - reference[r][c]);
                    norm += reference[r][c] * reference[r][c];
                }
            }
            double error = Math.sqrt(diff / norm);
            assertTrue(error < 1e-5, p.name() + ": relative error " + error + " with float32 products");
            if (!MatMul.backend().equals("java") && p.isWeight()) {   // a BLAS: float32 products really ran
                assertTrue(error > 0, p.name() + ": float32 products gave the double gradient's bits");
            }
        }
    }

    static Dataset randomBatch(int inputs, int outputs, Activation output, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        double[][] x = new double[rows][inputs];
        for (double[] row : x) {
            for (int j = 0; j < inputs; j++) {
                row[j] = random.nextGaussian();
            }
        }
        if (output instanceof Activation.Identity) {
            double[][] y = new double[rows][outputs];
            for (double[] row : y) {
                for (int j = 0; j < outputs; j++) {
                    row[j] = random.nextGaussian();
                }
            }
            return Dataset.regression(x, y);
        }
        int classes = outputs == 1 ? 2 : outputs;
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % classes;   // every class present
        }
        return Dataset.classification(x, labels);
    }
}
