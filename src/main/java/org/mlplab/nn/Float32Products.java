package org.mlplab.nn;

import org.ejml.data.DMatrixRMaj;
import org.mlplab.internal.Floats;
import org.mlplab.internal.MatMul;

/**
 * A layer's products in {@code float} ({@code sgemm}) on the weights' {@code float} values
 * ({@link Parameter#floatValue()}): the weight gradient is written straight into the weights'
 * {@code float} gradient, so the weights are never copied. The activations and error signals are
 * {@code double}: each operand is copied to {@code float} and each result copied back.
 *
 * <p>Copies are made once per step: the input copied for the forward product serves the weight
 * gradient, and {@code δ} copied for the weight gradient serves the back-propagation. A copy is
 * reused only for the very matrix it was made from (the same data array); anything else is copied
 * afresh. Buffers grow on demand and are then reused, so a training step allocates nothing.
 */
final class Float32Products implements LayerProducts {
    private final Copy input = new Copy();
    private final Copy delta = new Copy();
    private float[] result = new float[0];

    @Override
    public void forward(DMatrixRMaj input, Parameter weights, Parameter bias, DMatrixRMaj z) {
        requireShapes(input.numCols, weights.rows(), "forward: input is %d × %d, weights %d × %d", input, weights);
        int m = input.numRows;
        int n = weights.cols();
        int k = input.numCols;
        MatMul.mult(m, n, k, 1f, this.input.of(input, true), weights.floatValue(), result(m * n));
        z.reshape(m, n);
        double[] b = bias.value().data;
        for (int row = 0; row < m * n; row += n) {          // back to double, adding the bias on the way
            for (int c = 0; c < n; c++) {
                z.data[row + c] = result[row + c] + b[c];
            }
        }
    }

    @Override
    public void weightGradient(DMatrixRMaj input, DMatrixRMaj delta, double scale, Parameter weights) {
        MatMul.requireShapes(input.numRows, delta.numRows, "weightGradient: input is %d × %d, δ %d × %d", input, delta);
        int m = input.numCols;
        int n = delta.numCols;
        int k = input.numRows;
        if (weights.rows() != m || weights.cols() != n) {
            throw new IllegalArgumentException("weightGradient: dW is " + m + " × " + n + ", the weights "
                    + weights.rows() + " × " + weights.cols());
        }
        MatMul.multTransA(m, n, k, (float) scale, this.input.of(input, false), this.delta.of(delta, true),
                weights.floatGradient());
    }

    @Override
    public void propagate(DMatrixRMaj delta, Parameter weights, DMatrixRMaj out) {
        requireShapes(delta.numCols, weights.cols(), "propagate: δ is %d × %d, weights %d × %d", delta, weights);
        int m = delta.numRows;
        int n = weights.rows();
        int k = delta.numCols;
        MatMul.multTransB(m, n, k, 1f, this.delta.of(delta, false), weights.floatValue(), result(m * n));
        out.reshape(m, n);
        Floats.widen(result, out.data, m * n);
    }

    @Override
    public String toString() {
        return "float";
    }

    private float[] result(int size) {
        if (result.length < size) {
            result = new float[size];
        }
        return result;
    }

    private static void requireShapes(int inner1, int inner2, String format, DMatrixRMaj a, Parameter b) {
        if (inner1 != inner2) {
            throw new IllegalArgumentException(String.format(format, a.numRows, a.numCols, b.rows(), b.cols()));
        }
    }

    /** A {@code float} copy of one operand, remembered with the array it was made from. */
    private static final class Copy {
        private float[] values = new float[0];
        private double[] source;

        /** The copy of {@code matrix}: made now if {@code fresh} or if the last copy was of another array. */
        float[] of(DMatrixRMaj matrix, boolean fresh) {
            int size = matrix.getNumElements();
            if (fresh || matrix.data != source) {
                if (values.length < size) {
                    values = new float[size];
                }
                Floats.round(matrix.data, values, size);
                source = matrix.data;
            }
            return values;
        }
    }
}
