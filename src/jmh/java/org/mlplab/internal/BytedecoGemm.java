package org.mlplab.internal;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;

/** The candidate we did not choose, for the JMH comparison only: bytedeco's bundled OpenBLAS, row-major CBLAS on {@code double[]}. */
final class BytedecoGemm implements Gemm {
    @Override
    public String name() {
        return "bytedeco";
    }

    @Override
    public void mult(int m, int n, int k, double[] a, double[] b, double[] c) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
    }

    @Override
    public void multTransA(int m, int n, int k, double[] a, double[] b, double[] c) {
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, k, 1.0, a, m, b, n, 0.0, c, n);
    }

    @Override
    public void multTransB(int m, int n, int k, double[] a, double[] b, double[] c) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0, a, k, b, k, 0.0, c, n);
    }
}
