package org.mlplab.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The one seam through which every hot matrix product of training and inference passes.
 * A faster backend (a BLAS) is plugged in here without touching the rest of the library.
 *
 * <p>All matrices are row-major; outputs are preallocated and reshaped by the caller
 * (EJML's output-argument style). Inputs are not modified.
 */
public final class MatMul {
    private MatMul() {
    }

    /**
     * {@code c = a · b}.
     *
     * @param a {@code m × k}, not modified
     * @param b {@code k × n}, not modified
     * @param c {@code m × n}, modified
     */
    public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        CommonOps_DDRM.mult(a, b, c);
    }

    /**
     * {@code c = aᵀ · b}.
     *
     * @param a {@code k × m}, not modified
     * @param b {@code k × n}, not modified
     * @param c {@code m × n}, modified
     */
    public static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        CommonOps_DDRM.multTransA(a, b, c);
    }

    /**
     * {@code c = a · bᵀ}.
     *
     * @param a {@code m × k}, not modified
     * @param b {@code n × k}, not modified
     * @param c {@code m × n}, modified
     */
    public static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        CommonOps_DDRM.multTransB(a, b, c);
    }
}
