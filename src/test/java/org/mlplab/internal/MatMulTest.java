package org.mlplab.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** Sums of squares, long (through the BLAS) and short (in Java), against a plain double sum. */
    @ParameterizedTest
    @CsvSource({"1", "4095", "4096", "200704"})
    void sumsOfSquaresAgreeWithAPlainSum(int n) {
        SplittableRandom random = new SplittableRandom(n);
        double[] d = random.doubles(n, -2, 2).toArray();
        float[] f = new float[n];
        double plain = 0;
        double plainFloat = 0;
        for (int i = 0; i < n; i++) {
            f[i] = (float) d[i];
            plain += d[i] * d[i];
            plainFloat += (double) f[i] * f[i];
        }
        assertEquals(plain, MatMul.squares(d, n), 1e-12 * plain);
        assertEquals(plainFloat, MatMul.squares(f, n), 1e-6 * plainFloat, "float entries: to float's precision");
    }

    /** A float sum that would overflow float is redone in double: a large gradient is clipped, not called infinite. */
    @Test
    void aSumOfSquaresBeyondFloatsRangeIsStillFinite() {
        float[] f = new float[5000];
        java.util.Arrays.fill(f, 1e20f);
        assertEquals(5000 * 1e40, MatMul.squares(f, f.length), 1e-6 * 5000 * 1e40);
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
