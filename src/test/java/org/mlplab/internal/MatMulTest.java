package org.mlplab.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every backend against EJML's products (a second, independent implementation). */
class MatMulTest {

    private static List<Gemm> backends() {
        List<Gemm> all = new ArrayList<>(List.of(new JavaGemm()));
        try {
            all.add(new NetlibGemm());
        } catch (RuntimeException | LinkageError e) {
            System.err.println("no native BLAS on this machine, testing java only: " + e);
        }
        return all;
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "3,5,7", "16,16,4", "32,10,32", "33,17,65", "128,256,100"})
    void everyBackendAgreesWithEjml(int m, int n, int k) {
        SplittableRandom random = new SplittableRandom(m * 1000L + n * 10L + k);
        DMatrixRMaj a = random(m, k, random);
        DMatrixRMaj at = random(k, m, random);
        DMatrixRMaj b = random(k, n, random);
        DMatrixRMaj bt = random(n, k, random);
        DMatrixRMaj expected = new DMatrixRMaj(m, n);
        for (Gemm gemm : backends()) {
            double[] c = new double[m * n];
            java.util.Arrays.fill(c, Double.NaN);       // the output is overwritten, never accumulated into

            CommonOps_DDRM.mult(a, b, expected);
            gemm.mult(m, n, k, a.data, b.data, c);
            assertClose(expected.data, c, k, gemm.name() + " mult");

            CommonOps_DDRM.multTransA(at, b, expected);
            gemm.multTransA(m, n, k, at.data, b.data, c);
            assertClose(expected.data, c, k, gemm.name() + " multTransA");

            CommonOps_DDRM.multTransB(a, bt, expected);
            gemm.multTransB(m, n, k, a.data, bt.data, c);
            assertClose(expected.data, c, k, gemm.name() + " multTransB");
        }
    }

    /**
     * The float32 products of a layer against the double ones, to float32's precision: an error of
     * each sum of {@code k} products is at most about {@code (k + 2) u Σ|a||b|} with
     * {@code u = 2^-24} (rounding the operands, then each addition). They must also differ from
     * the double ones somewhere, or the products did not run in float32 at all.
     */
    @ParameterizedTest
    @CsvSource({"1,1,1", "7,5,3", "33,17,65", "128,256,100"})
    void float32LayerProductsAgreeWithDoubleOnesToFloatPrecision(int batch, int inputs, int units) {
        LayerProducts float32 = LayerProducts.float32();
        if (MatMul.float32() == null) {
            assertSame(LayerProducts.DOUBLE, float32, "without a BLAS the products stay double");
            return;
        }
        SplittableRandom random = new SplittableRandom(batch * 7919L + inputs * 31L + units);
        DMatrixRMaj input = random(batch, inputs, random);
        DMatrixRMaj weights = random(inputs, units, random);
        DMatrixRMaj delta = random(batch, units, random);
        DMatrixRMaj single = new DMatrixRMaj(1, 1);
        DMatrixRMaj reference = new DMatrixRMaj(1, 1);
        boolean differs = false;

        DMatrixRMaj bias = random(1, units, random);
        float32.forward(input, weights, bias, single);
        LayerProducts.DOUBLE.forward(input, weights, bias, reference);
        DMatrixRMaj bound = new DMatrixRMaj(1, 1);
        CommonOps_DDRM.mult(abs(input), abs(weights), bound);
        differs |= assertWithin(reference, single, bound, inputs, "forward");
        DMatrixRMaj product = new DMatrixRMaj(1, 1);
        CommonOps_DDRM.mult(input, weights, product);
        for (int r = 0; r < batch; r++) {
            for (int c = 0; c < units; c++) {
                assertEquals(product.get(r, c) + bias.get(0, c), reference.get(r, c), 1e-14 * inputs, "z = xW + b");
            }
        }

        float32.weightGradient(input, delta, 0.25, single);
        LayerProducts.DOUBLE.weightGradient(input, delta, 0.25, reference);
        CommonOps_DDRM.multTransA(abs(input), abs(delta), bound);
        CommonOps_DDRM.scale(0.25, bound);
        differs |= assertWithin(reference, single, bound, batch, "weightGradient");

        float32.propagate(delta, weights, single);
        LayerProducts.DOUBLE.propagate(delta, weights, reference);
        CommonOps_DDRM.multTransB(abs(delta), abs(weights), bound);
        differs |= assertWithin(reference, single, bound, units, "propagate");
        assertTrue(differs || inputs * units * batch < 100, "the float32 products gave double's bits: not float32");
    }

    /** A copy made for one product serves the next only if it was made from the same matrix. */
    @Test
    void aFloatCopyServesOnlyTheMatrixItWasMadeFrom() {
        LayerProducts float32 = LayerProducts.float32();
        SplittableRandom random = new SplittableRandom(5);
        DMatrixRMaj first = random(16, 8, random);
        DMatrixRMaj second = random(16, 8, random);
        DMatrixRMaj weights = random(8, 4, random);
        DMatrixRMaj delta = random(16, 4, random);
        DMatrixRMaj z = new DMatrixRMaj(1, 1);
        DMatrixRMaj dW = new DMatrixRMaj(1, 1);
        DMatrixRMaj expected = new DMatrixRMaj(1, 1);
        float32.forward(first, weights, new DMatrixRMaj(1, 4), z);
        float32.weightGradient(second, delta, 1, dW);          // not the input of the forward pass
        LayerProducts.DOUBLE.weightGradient(second, delta, 1, expected);
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.data[i], dW.data[i], 1e-5, "dW from the matrix given, not the one of forward, at " + i);
        }
        assertEquals(8, dW.numRows);
        assertEquals(4, dW.numCols);
    }

    @Test
    void theSeamReshapesItsOutputAndChecksShapes() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2, 3}, {4, 5, 6}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {1, 1}});
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        MatMul.mult(a, b, c);
        assertEquals(2, c.numRows);
        assertEquals(2, c.numCols);
        assertEquals(4, c.get(0, 0));
        assertEquals(11, c.get(1, 1));
        MatMul.multTransA(a, a, c);
        assertEquals(3, c.numRows);
        assertEquals(1 + 16, c.get(0, 0));
        MatMul.multTransB(a, a, c);
        assertEquals(2, c.numRows);
        assertEquals(1 + 4 + 9, c.get(0, 0));
        assertThrows(IllegalArgumentException.class, () -> MatMul.mult(a, a, c));
    }

    @Test
    void theBackendIsNamedAndExplained() {
        assertTrue(List.of("openblas", "native-blas", "java").contains(MatMul.backend()), MatMul.backend());
        assertTrue(MatMul.description().startsWith(MatMul.backend()), MatMul.description());
    }

    /** |expected - actual| ≤ (k + 2) 2^-24 bound, element by element; returns whether any element differs. */
    private static boolean assertWithin(DMatrixRMaj expected, DMatrixRMaj actual, DMatrixRMaj bound, int k, String what) {
        assertEquals(expected.numRows, actual.numRows, what + " rows");
        assertEquals(expected.numCols, actual.numCols, what + " columns");
        boolean differs = false;
        for (int i = 0; i < expected.getNumElements(); i++) {
            double error = Math.abs(expected.data[i] - actual.data[i]);
            assertTrue(error <= (k + 2) * 0x1p-24 * bound.data[i], what + " at " + i + ": error " + error
                    + " above float32's bound " + (k + 2) * 0x1p-24 * bound.data[i]);
            differs |= error > 0;
        }
        return differs;
    }

    private static DMatrixRMaj abs(DMatrixRMaj m) {
        DMatrixRMaj out = m.copy();
        CommonOps_DDRM.abs(out);
        return out;
    }

    private static DMatrixRMaj random(int rows, int cols, SplittableRandom random) {
        return DMatrixRMaj.wrap(rows, cols, random.doubles((long) rows * cols, -1, 1).toArray());
    }

    /** Sums of {@code k} products of numbers in [-1, 1] may differ in the last bits with the order of the additions. */
    private static void assertClose(double[] expected, double[] actual, int k, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-14 * k, what + " at " + i);
        }
    }
}
