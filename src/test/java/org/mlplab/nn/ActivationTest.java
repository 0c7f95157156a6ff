package org.mlplab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlplab.diagnostics.GradientCheck;

class ActivationTest {

    static Stream<Activation> elementWise() {
        return Stream.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.LEAKY_RELU, Activation.leakyRelu(0.2), Activation.ELU, Activation.elu(0.5),
                Activation.SOFTPLUS);
    }

    @ParameterizedTest
    @MethodSource("elementWise")
    void derivativeMatchesFiniteDifferences(Activation activation) {
        var f = (Activation.ElementWise) activation;
        double error = GradientCheck.derivative(f::apply, z -> f.derivative(z, f.apply(z)));
        assertTrue(error < 1e-8, activation + ": relative error " + error);
    }

    @Test
    void theCheckCatchesAWrongDerivative() {
        var sigmoid = (Activation.ElementWise) Activation.SIGMOID;
        double error = GradientCheck.derivative(sigmoid::apply, z -> sigmoid.apply(z));  // σ instead of σ(1-σ)
        assertTrue(error > 0.1, "a wrong derivative must be flagged, got " + error);
    }

    static Stream<Arguments> shapesAndSeeds() {
        return Stream.of(Arguments.of(1, 2, 1L), Arguments.of(3, 3, 2L), Arguments.of(5, 7, 3L), Arguments.of(2, 10, 4L));
    }

    /** Every activation's batch backward (including softmax's coupled Jacobian) against finite differences of L = Σ g ⊙ f(z). */
    @ParameterizedTest
    @MethodSource("shapesAndSeeds")
    void batchBackwardMatchesFiniteDifferences(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Activation activation : Stream.concat(elementWise(), Stream.of(Activation.SOFTMAX)).toList()) {
            DMatrixRMaj z = random(rows, cols, random, 3);
            DMatrixRMaj g = random(rows, cols, random, 1);
            DMatrixRMaj a = applied(activation, z);
            DMatrixRMaj gradZ = new DMatrixRMaj(rows, cols);
            activation.backward(z.data, a.data, g.data, gradZ.data, rows, cols);
            double h = 1e-6;
            double diff = 0;
            double scale = 0;
            for (int i = 0; i < z.getNumElements(); i++) {
                double original = z.data[i];
                z.data[i] = original + h;
                double plus = weightedSum(activation, z, g);
                z.data[i] = original - h;
                double minus = weightedSum(activation, z, g);
                z.data[i] = original;
                double numeric = (plus - minus) / (2 * h);
                diff += Math.pow(gradZ.data[i] - numeric, 2);
                scale += gradZ.data[i] * gradZ.data[i] + numeric * numeric;
            }
            double error = Math.sqrt(diff) / Math.sqrt(scale);
            assertTrue(error < 1e-7, activation + " " + rows + "x" + cols + ": relative error " + error);
        }
    }

    /** ReLU's branch-free derivative is the step function exactly, down to the smallest double. */
    @Test
    void eluDerivativeKeepsItsRelativeAccuracyFarIntoTheNegatives() {
        var elu = (Activation.ElementWise) Activation.elu(0.7);
        for (double z : new double[] {-1, -20, -40, -300}) {
            double exact = 0.7 * Math.exp(z);
            assertEquals(exact, elu.derivative(z, elu.apply(z)), 1e-15 * exact, "f'(" + z + ")");
        }
    }

    @Test
    void reluDerivativeIsExactlyOneForPositiveAndZeroOtherwise() {
        var relu = (Activation.ElementWise) Activation.RELU;
        for (double z : new double[] {Double.MIN_VALUE, 3 * Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 0.5, 1, 1e300,
                Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
            assertEquals(1.0, relu.derivative(z, relu.apply(z)), "f'(" + z + ")");
        }
        for (double z : new double[] {0.0, -0.0, -Double.MIN_VALUE, -1, -1e300, Double.NEGATIVE_INFINITY}) {
            assertEquals(0.0, relu.derivative(z, relu.apply(z)), "f'(" + z + ")");
        }
        assertTrue(Double.isNaN(relu.apply(Double.NaN)), "NaN stays NaN, so that training notices it");
    }

    @Test
    void softmaxRowsAreProbabilitiesEvenForHugeInputs() {
        DMatrixRMaj z = new DMatrixRMaj(new double[][] {{1000, 1001, 1002}, {-1000, 0, 1000}});
        DMatrixRMaj a = applied(Activation.SOFTMAX, z);
        assertEquals(1.0, a.get(0, 0) + a.get(0, 1) + a.get(0, 2), 1e-12);
        assertEquals(0.6652409557748219, a.get(0, 2), 1e-12);   // e^2 / (1 + e + e^2)
        assertEquals(1.0, a.get(1, 2), 1e-12);
    }

    @Test
    void parseRoundTripsEveryName() {
        for (Activation activation : Stream.concat(elementWise(), Stream.of(Activation.SOFTMAX)).toList()) {
            assertEquals(activation, Activation.parse(activation.name()));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
    }

    @Test
    void knownValues() {
        var values = new double[] {
            ((Activation.ElementWise) Activation.SIGMOID).apply(0), ((Activation.ElementWise) Activation.RELU).apply(-3),
            ((Activation.ElementWise) Activation.SOFTPLUS).apply(0), ((Activation.ElementWise) Activation.ELU).apply(-1),
            ((Activation.ElementWise) Activation.SOFTPLUS).apply(800)};
        assertArrayEquals(new double[] {0.5, 0, Math.log(2), Math.exp(-1) - 1, 800}, values, 1e-12);
    }

    /** {@code f(z)} for a whole matrix, through the engine's batch entry point. */
    static DMatrixRMaj applied(Activation f, DMatrixRMaj z) {
        DMatrixRMaj a = new DMatrixRMaj(z.numRows, z.numCols);
        f.apply(z.data, a.data, z.numRows, z.numCols);
        return a;
    }

    static DMatrixRMaj random(int rows, int cols, SplittableRandom random, double scale) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = scale * (2 * random.nextDouble() - 1) + 0.0137;   // keep clear of the kink at 0
        }
        return m;
    }

    private static double weightedSum(Activation activation, DMatrixRMaj z, DMatrixRMaj g) {
        DMatrixRMaj a = applied(activation, z);
        double sum = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            sum += g.data[i] * a.data[i];
        }
        return sum;
    }
}
