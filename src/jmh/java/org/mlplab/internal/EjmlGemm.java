package org.mlplab.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** EJML's own products (the seam's original implementation), for the JMH comparison only. */
final class EjmlGemm implements Gemm {
    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public void mult(int m, int n, int k, double[] a, double[] b, double[] c) {
        CommonOps_DDRM.mult(DMatrixRMaj.wrap(m, k, a), DMatrixRMaj.wrap(k, n, b), DMatrixRMaj.wrap(m, n, c));
    }

    @Override
    public void multTransA(int m, int n, int k, double[] a, double[] b, double[] c) {
        CommonOps_DDRM.multTransA(DMatrixRMaj.wrap(k, m, a), DMatrixRMaj.wrap(k, n, b), DMatrixRMaj.wrap(m, n, c));
    }

    @Override
    public void multTransB(int m, int n, int k, double[] a, double[] b, double[] c) {
        CommonOps_DDRM.multTransB(DMatrixRMaj.wrap(m, k, a), DMatrixRMaj.wrap(n, k, b), DMatrixRMaj.wrap(m, n, c));
    }
}
