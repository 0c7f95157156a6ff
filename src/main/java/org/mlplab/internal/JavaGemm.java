package org.mlplab.internal;

import java.util.Arrays;

/**
 * The pure-Java matrix products: always available, and as fast as a native call for the small
 * matrices of notebook-sized problems. The inner loops are "axpy"s over contiguous rows
 * ({@code c[i,:] += s · b[p,:]}), four rows of {@code c} at a time so that each row of {@code b}
 * is loaded once for four of them; the JIT compiles them to SIMD instructions. The order of the
 * additions is fixed, so results are the same bits from run to run.
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
        // row i of c = Σ_p a[i,p] · (row p of b); a[i,p] is at i·k + p
        product(m, n, k, a, k, 1, b, c);
    }

    @Override
    public void multTransA(int m, int n, int k, double[] a, double[] b, double[] c) {
        // row i of c = Σ_p aᵀ[i,p] · (row p of b); aᵀ[i,p] = a[p,i] is at p·m + i
        product(m, n, k, a, 1, m, b, c);
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
        product(m, n, k, a, k, 1, bt, c);
    }

    /**
     * {@code c = A · b} where {@code A[i,p] = a[i·rowStride + p·colStride]} ({@code m × k}),
     * {@code b} is {@code k × n} row-major and {@code c} is {@code m × n} row-major (overwritten).
     */
    private static void product(int m, int n, int k, double[] a, int rowStride, int colStride, double[] b, double[] c) {
        Arrays.fill(c, 0, m * n, 0.0);
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int c0 = i * n;
            int c1 = c0 + n;
            int c2 = c1 + n;
            int c3 = c2 + n;
            for (int p = 0; p < k; p++) {
                int ap = i * rowStride + p * colStride;
                double s0 = a[ap];
                double s1 = a[ap + rowStride];
                double s2 = a[ap + 2 * rowStride];
                double s3 = a[ap + 3 * rowStride];
                for (int j = 0, bp = p * n; j < n; j++) {
                    double bpj = b[bp + j];
                    c[c0 + j] += s0 * bpj;
                    c[c1 + j] += s1 * bpj;
                    c[c2 + j] += s2 * bpj;
                    c[c3 + j] += s3 * bpj;
                }
            }
        }
        for (; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                double s = a[i * rowStride + p * colStride];
                for (int j = 0, bp = p * n; j < n; j++) {
                    c[ci + j] += s * b[bp + j];
                }
            }
        }
    }
}
