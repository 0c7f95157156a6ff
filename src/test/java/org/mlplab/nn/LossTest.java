package org.mlplab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LossTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Loss.MSE, Activation.IDENTITY, 4, 1, 1L),
                Arguments.of(Loss.MSE, Activation.IDENTITY, 3, 5, 2L),
                Arguments.of(Loss.MSE, Activation.TANH, 6, 2, 3L),
                Arguments.of(Loss.MSE, Activation.SOFTMAX, 3, 4, 4L),
                Arguments.of(Loss.SOFTMAX_CROSS_ENTROPY, Activation.SOFTMAX, 5, 3, 5L),
                Arguments.of(Loss.SOFTMAX_CROSS_ENTROPY, Activation.SOFTMAX, 2, 10, 6L),
                Arguments.of(Loss.BINARY_CROSS_ENTROPY, Activation.SIGMOID, 7, 1, 7L),
                Arguments.of(Loss.BINARY_CROSS_ENTROPY, Activation.SIGMOID, 3, 4, 8L));
    }

    /** δ = ∂ℓ_i/∂z against finite differences of B·L (L is the batch mean). */
    @ParameterizedTest
    @MethodSource("cases")
    void deltaMatchesFiniteDifferences(Loss loss, Activation output, int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj z = ActivationTest.random(rows, cols, random, 2);
        DMatrixRMaj t = targets(loss, rows, cols, random);
        DMatrixRMaj a = ActivationTest.applied(output, z);
        DMatrixRMaj delta = new DMatrixRMaj(rows, cols);
        loss.delta(output, z.data, a.data, t.data, delta.data, rows, cols);
        double h = 1e-6;
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < z.getNumElements(); i++) {
            double original = z.data[i];
            z.data[i] = original + h;
            double plus = rows * value(loss, output, z, t);
            z.data[i] = original - h;
            double minus = rows * value(loss, output, z, t);
            z.data[i] = original;
            double numeric = (plus - minus) / (2 * h);
            diff += Math.pow(delta.data[i] - numeric, 2);
            scale += delta.data[i] * delta.data[i] + numeric * numeric;
        }
        double error = Math.sqrt(diff / scale);
        assertTrue(error < 1e-7, loss + " after " + output + ": relative error " + error);
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        DMatrixRMaj z = new DMatrixRMaj(new double[][] {{1000, 0, -1000}});
        DMatrixRMaj t = new DMatrixRMaj(new double[][] {{0, 0, 1}});
        DMatrixRMaj a = ActivationTest.applied(Activation.SOFTMAX, z);
        assertEquals(2000, valueOf(Loss.SOFTMAX_CROSS_ENTROPY, z, a, t), 1e-9);
        DMatrixRMaj zb = new DMatrixRMaj(new double[][] {{-800}});
        a = ActivationTest.applied(Activation.SIGMOID, zb);
        assertEquals(800, valueOf(Loss.BINARY_CROSS_ENTROPY, zb, a, new DMatrixRMaj(new double[][] {{1}})), 1e-9);
    }

    @Test
    void knownValues() {
        DMatrixRMaj z = new DMatrixRMaj(new double[][] {{0, 0}});
        DMatrixRMaj a = ActivationTest.applied(Activation.SOFTMAX, z);
        assertEquals(Math.log(2), valueOf(Loss.SOFTMAX_CROSS_ENTROPY, z, a, new DMatrixRMaj(new double[][] {{1, 0}})), 1e-15);
        DMatrixRMaj p = new DMatrixRMaj(new double[][] {{1, 2}, {3, 5}});
        DMatrixRMaj t = new DMatrixRMaj(new double[][] {{0, 2}, {3, 1}});
        assertEquals((1 + 0 + 0 + 16) / 4.0, valueOf(Loss.MSE, p, p, t), 1e-15);
    }

    @Test
    void pairingRules() {
        assertNull(Loss.SOFTMAX_CROSS_ENTROPY.check(Activation.SOFTMAX, 3));
        assertNotNull(Loss.MSE.check(Activation.SOFTMAX, 3), "softmax with MSE is allowed but warned");
        var e = assertThrows(IllegalArgumentException.class, () -> Loss.SOFTMAX_CROSS_ENTROPY.check(Activation.RELU, 3));
        assertTrue(e.getMessage().contains("softmax output"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Loss.BINARY_CROSS_ENTROPY.check(Activation.IDENTITY, 1));
        assertEquals(Loss.SOFTMAX_CROSS_ENTROPY, Loss.defaultFor(Activation.SOFTMAX));
        assertEquals(Loss.BINARY_CROSS_ENTROPY, Loss.defaultFor(Activation.SIGMOID));
        assertEquals(Loss.MSE, Loss.defaultFor(Activation.IDENTITY));
    }

    private static DMatrixRMaj targets(Loss loss, int rows, int cols, SplittableRandom random) {
        DMatrixRMaj t = new DMatrixRMaj(rows, cols);
        for (int r = 0; r < rows; r++) {
            if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
                t.set(r, random.nextInt(cols), 1);
            } else {
                for (int c = 0; c < cols; c++) {
                    t.set(r, c, loss == Loss.BINARY_CROSS_ENTROPY ? random.nextInt(2) : random.nextGaussian());
                }
            }
        }
        return t;
    }

    private static double value(Loss loss, Activation output, DMatrixRMaj z, DMatrixRMaj t) {
        DMatrixRMaj a = ActivationTest.applied(output, z);
        return valueOf(loss, z, a, t);
    }

    private static double valueOf(Loss loss, DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj t) {
        return loss.value(z.data, a.data, t.data, z.numRows, z.numCols);
    }
}
