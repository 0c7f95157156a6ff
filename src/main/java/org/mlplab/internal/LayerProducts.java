package org.mlplab.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The three matrix products of a dense layer's training step, in one precision:
 * {@code z = a_prev W + b} (forward, with the bias added to each row), {@code dW = s · a_prevᵀ δ} (weight gradient) and
 * {@code δ Wᵀ} (the error signal sent one layer back). All matrices are {@code double}; only
 * the arithmetic of the products differs.
 *
 * <p>Within a step the calls come in this order (forward, weight gradient, back-propagation) on
 * the same operands, so an implementation may keep what it prepared for one product (a
 * {@code float} copy of an operand) for the next. Outputs are reshaped here; inputs are not
 * modified.
 */
public interface LayerProducts {

    /** Products in {@code double}, straight through {@link MatMul}. */
    LayerProducts DOUBLE = new LayerProducts() {
        @Override
        public void forward(DMatrixRMaj input, DMatrixRMaj weights, DMatrixRMaj bias, DMatrixRMaj z) {
            MatMul.mult(input, weights, z);
            double[] b = bias.data;
            for (int row = 0, size = z.getNumElements(), units = z.numCols; row < size; row += units) {
                for (int c = 0; c < units; c++) {
                    z.data[row + c] += b[c];
                }
            }
        }

        @Override
        public void weightGradient(DMatrixRMaj input, DMatrixRMaj delta, double scale, DMatrixRMaj dW) {
            MatMul.multTransA(input, delta, dW);
            CommonOps_DDRM.scale(scale, dW);
        }

        @Override
        public void propagate(DMatrixRMaj delta, DMatrixRMaj weights, DMatrixRMaj out) {
            MatMul.multTransB(delta, weights, out);
        }

        @Override
        public String toString() {
            return "double";
        }
    };

    /**
     * Products in {@code float} through the BLAS's {@code sgemm}, for one layer (it keeps
     * {@code float} copies of that layer's operands); {@link #DOUBLE} when the backend is pure
     * Java, which has no {@code float} kernel.
     */
    static LayerProducts float32() {
        return MatMul.float32() != null ? new Float32Products(MatMul.float32()) : DOUBLE;
    }

    /**
     * {@code z = input · weights + bias} (the bias row added to every row).
     *
     * @param input   {@code B × in}; not modified
     * @param weights {@code in × units}; not modified
     * @param bias    {@code 1 × units}; not modified
     * @param z       Modified: reshaped to {@code B × units}
     */
    void forward(DMatrixRMaj input, DMatrixRMaj weights, DMatrixRMaj bias, DMatrixRMaj z);

    /**
     * {@code dW = scale · inputᵀ · δ}.
     *
     * @param input the input of the last {@link #forward}; not modified
     * @param delta {@code B × units}; not modified
     * @param dW    Modified: reshaped to {@code in × units}
     */
    void weightGradient(DMatrixRMaj input, DMatrixRMaj delta, double scale, DMatrixRMaj dW);

    /**
     * {@code out = δ · weightsᵀ}.
     *
     * @param delta   {@code B × units}; not modified
     * @param weights the weights of the last {@link #forward}; not modified
     * @param out     Modified: reshaped to {@code B × in}
     */
    void propagate(DMatrixRMaj delta, DMatrixRMaj weights, DMatrixRMaj out);
}
