package org.mlplab.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.mlplab.internal.MatMul;

/**
 * The three matrix products of a dense layer's training step, in one precision:
 * {@code z = a_prev W + b} (forward, with the bias added to each row), {@code dW = s · a_prevᵀ δ}
 * (the weight gradient) and {@code δ Wᵀ} (the error signal sent one layer back). Activations,
 * error signals and biases are {@code double}; the weights are those of {@link Parameter}, in
 * the precision the products work in.
 *
 * <p>Within a step the calls come in this order (forward, weight gradient, back-propagation) on
 * the same operands, so an implementation may keep what it prepared for one product (a
 * {@code float} copy of an operand) for the next. Outputs are reshaped here; inputs are not
 * modified.
 */
interface LayerProducts {

    /** Products in {@code double}, straight through {@link MatMul}, on the weights' {@code double} values. */
    LayerProducts DOUBLE = new LayerProducts() {
        @Override
        public void forward(DMatrixRMaj input, Parameter weights, Parameter bias, DMatrixRMaj z) {
            MatMul.mult(input, weights.value(), z);
            double[] b = bias.value().data;
            for (int row = 0, size = z.getNumElements(), units = z.numCols; row < size; row += units) {
                for (int c = 0; c < units; c++) {
                    z.data[row + c] += b[c];
                }
            }
        }

        @Override
        public void weightGradient(DMatrixRMaj input, DMatrixRMaj delta, double scale, Parameter weights) {
            DMatrixRMaj dW = weights.gradient();
            MatMul.multTransA(input, delta, dW);
            CommonOps_DDRM.scale(scale, dW);
        }

        @Override
        public void propagate(DMatrixRMaj delta, Parameter weights, DMatrixRMaj out) {
            MatMul.multTransB(delta, weights.value(), out);
        }

        @Override
        public String toString() {
            return "double";
        }
    };

    /**
     * Products in {@code float} through the BLAS's {@code sgemm}, for one layer (it keeps
     * {@code float} copies of that layer's activations and error signals; the weights train in
     * {@code float}); {@link #DOUBLE} when the backend is pure Java, which has no {@code float} kernel.
     */
    static LayerProducts float32() {
        return MatMul.hasFloat32() ? new Float32Products() : DOUBLE;
    }

    /**
     * {@code z = input · W + b} (the bias row added to every row).
     *
     * @param input   {@code B × in}; not modified
     * @param weights {@code W}, {@code in × units}; not modified
     * @param bias    {@code b}, {@code 1 × units}; not modified
     * @param z       Modified: reshaped to {@code B × units}
     */
    void forward(DMatrixRMaj input, Parameter weights, Parameter bias, DMatrixRMaj z);

    /**
     * {@code dW = scale · inputᵀ · δ}, into the gradient of {@code weights}.
     *
     * @param input   the input of the last {@link #forward}; not modified
     * @param delta   {@code B × units}; not modified
     * @param weights Modified: its gradient
     */
    void weightGradient(DMatrixRMaj input, DMatrixRMaj delta, double scale, Parameter weights);

    /**
     * {@code out = δ · Wᵀ}.
     *
     * @param delta   {@code B × units}; not modified
     * @param weights those of the last {@link #forward}; not modified
     * @param out     Modified: reshaped to {@code B × in}
     */
    void propagate(DMatrixRMaj delta, Parameter weights, DMatrixRMaj out);
}
