package org.mlplab.internal;

import java.util.Arrays;

/**
 * The pure-Java matrix products: always available, and faster than a native call for small
 * matrices. Every inner loop is an "axpy" over a contiguous row ({@code c[i,:] += s · x[:]}),
 * which the JIT compiles to SIMD instructions; the order of the additions is fixed, so results
 * are the same bits from run to run.
 */
final class JavaGemm implements Gemm {
    /** Scratch for {@code bᵀ} in {@link #multTransB}, one per thread, grown on demand (no allocation per call). */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    @Override
    public String name() {
        return "java";
    }

    @Override
    public void mult(int m, int n, int k, double[] a, double[] b, double[] c) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            Arrays.fill(c, ci, ci + n, 0.0);
            for (int p = 0, ai = i * k; p < k; p++) {
                axpy(a[ai + p], b, p * n, c, ci, n);   // c[i,:] += a[i,p] · b[p,:]
            }
        }
    }

    @Override
    public void multTransA(int m, int n, int k, double[] a, double[] b, double[] c) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            Arrays.fill(c, ci, ci + n, 0.0);
            for (int p = 0; p < k; p++) {
                axpy(a[p * m + i], b, p * n, c, ci, n);   // c[i,:] += aᵀ[i,p] · b[p,:]
            }
        }
    }

    @Override
    public void multTransB(int m, int n, int k, double[] a, double[] b, double[] c) {
        double[][] holder = SCRATCH.get();
        if (holder[0].length < n * k) {
            holder[0] = new double[n * k];
        }
        double[] bt = holder[0];
        for (int j = 0; j < n; j++) {                       // bt = bᵀ, k × n
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = b[j * k + p];
            }
        }
        mult(m, n, k, a, bt, c);
    }

    /** {@code y[yFrom..yFrom+n) += s · x[xFrom..xFrom+n)}. */
    private static void axpy(double s, double[] x, int xFrom, double[] y, int yFrom, int n) {
        for (int j = 0; j < n; j++) {
            y[yFrom + j] += s * x[xFrom + j];
        }
    }
}
