package org.mlplab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlplab.internal.MatMul;

/** A layer's products in float32 against those in double, the second implementation. */
class LayerProductsTest {

    /**
     * The float32 products of a layer against the double ones, to float32's precision: an error of
     * each sum of {@code k} products is at most about {@code (k + 2) u Σ|a||b|} with
     * {@code u = 2^-24} (rounding the operands, then each addition). They must also differ from
     * the double ones somewhere, or the products did not run in float32 at all.
     */
    @ParameterizedTest
    @CsvSource({"1,1,1", "7,5,3", "33,17,65", "128,256,100"})
    void float32ProductsAgreeWithDoubleOnesToFloatPrecision(int batch, int inputs, int units) {
        LayerProducts float32 = LayerProducts.float32();
        if (!MatMul.hasFloat32()) {
            assertSame(LayerProducts.DOUBLE, float32, "without a BLAS the products stay double");
            return;
        }
        SplittableRandom random = new SplittableRandom(batch * 7919L + inputs * 31L + units);
        DMatrixRMaj input = random(batch, inputs, random);
        DMatrixRMaj w = random(inputs, units, random);
        DMatrixRMaj delta = random(batch, units, random);
        DMatrixRMaj b = random(1, units, random);
        Parameter weights = parameter(w, true);
        weights.startFloat();                           // trains in float, as a FLOAT Training starts it
        Parameter reference = parameter(w, true);       // stays double
        Parameter bias = parameter(b, false);
        DMatrixRMaj single = new DMatrixRMaj(1, 1);
        DMatrixRMaj expected = new DMatrixRMaj(1, 1);
        DMatrixRMaj bound = new DMatrixRMaj(1, 1);
        boolean differs = false;

        float32.forward(input, weights, bias, single);
        LayerProducts.DOUBLE.forward(input, reference, bias, expected);
        CommonOps_DDRM.mult(abs(input), abs(w), bound);
        differs |= assertWithin(expected, single, bound, inputs, "forward");
        DMatrixRMaj product = new DMatrixRMaj(1, 1);
        CommonOps_DDRM.mult(input, w, product);
        for (int r = 0; r < batch; r++) {
            for (int c = 0; c < units; c++) {
                assertEquals(product.get(r, c) + b.get(0, c), expected.get(r, c), 1e-14 * inputs, "z = xW + b");
            }
        }
        assertTrue(weights.inFloat() && !reference.inFloat());

        float32.weightGradient(input, delta, 0.25, weights);
        LayerProducts.DOUBLE.weightGradient(input, delta, 0.25, reference);
        CommonOps_DDRM.multTransA(abs(input), abs(delta), bound);
        CommonOps_DDRM.scale(0.25, bound);
        differs |= assertWithin(reference.gradient(), weights.gradient(), bound, batch, "weightGradient");

        float32.propagate(delta, weights, single);
        LayerProducts.DOUBLE.propagate(delta, reference, expected);
        CommonOps_DDRM.multTransB(abs(delta), abs(w), bound);
        differs |= assertWithin(expected, single, bound, units, "propagate");
        assertTrue(differs || inputs * units * batch < 100, "the float32 products gave double's bits: not float32");
    }

    /** A copy made for one product serves the next only if it was made from the same matrix. */
    @Test
    void aFloatCopyServesOnlyTheMatrixItWasMadeFrom() {
        LayerProducts float32 = LayerProducts.float32();
        SplittableRandom random = new SplittableRandom(5);
        DMatrixRMaj first = random(16, 8, random);
        DMatrixRMaj second = random(16, 8, random);
        DMatrixRMaj w = random(8, 4, random);
        DMatrixRMaj delta = random(16, 4, random);
        Parameter weights = parameter(w, true);
        weights.startFloat();
        Parameter reference = parameter(w, true);
        float32.forward(first, weights, parameter(new DMatrixRMaj(1, 4), false), new DMatrixRMaj(1, 1));
        float32.weightGradient(second, delta, 1, weights);          // not the input of the forward pass
        LayerProducts.DOUBLE.weightGradient(second, delta, 1, reference);
        DMatrixRMaj expected = reference.gradient();
        DMatrixRMaj dW = weights.gradient();
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.data[i], dW.data[i], 1e-5, "dW from the matrix given, not the one of forward, at " + i);
        }
        assertEquals(8, dW.numRows);
        assertEquals(4, dW.numCols);
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

    private static Parameter parameter(DMatrixRMaj values, boolean isWeight) {
        Parameter p = new Parameter(isWeight ? "W" : "b", values.numRows, values.numCols, isWeight);
        p.setValues(values.data);
        return p;
    }

    private static DMatrixRMaj abs(DMatrixRMaj m) {
        DMatrixRMaj out = m.copy();
        CommonOps_DDRM.abs(out);
        return out;
    }

    private static DMatrixRMaj random(int rows, int cols, SplittableRandom random) {
        return DMatrixRMaj.wrap(rows, cols, random.doubles((long) rows * cols, -1, 1).toArray());
    }
}
