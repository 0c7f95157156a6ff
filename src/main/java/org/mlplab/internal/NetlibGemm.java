package org.mlplab.internal;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The products through the system BLAS: {@code dev.ludovic.netlib}'s JNI binding, which calls
 * {@code dgemm} of whatever {@code libblas.so.3} the system provides (OpenBLAS when Debian's
 * {@code libopenblas0} is installed) on the Java arrays themselves, without copying.
 *
 * <p>BLAS is column-major; a row-major {@code m × n} array is the column-major {@code n × m}
 * transpose, so every product is computed as its transpose: {@code c = a·b ⇔ cᵀ = bᵀ·aᵀ}.
 *
 * <p>The {@code float} products ({@code sgemm}, about twice as fast as {@code dgemm} here) serve
 * training in {@code float} ({@link MatMul#mult(int, int, int, float, float[], float[], float[])});
 * they take a scale {@code alpha} and otherwise mirror the three {@code double} ones.
 */
final class NetlibGemm implements Gemm {
    /**
     * The binding logs a warning for each of its own pure-Java BLAS variants it cannot load (its
     * Vector API one always fails on Java 17); we do not use them, and a notebook should not show it.
     */
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");

    private final NativeBLAS blas;

    /** @throws RuntimeException or LinkageError when the JNI library or a system BLAS cannot be loaded */
    NetlibGemm() {
        NETLIB_LOG.setLevel(Level.SEVERE);
        this.blas = NativeBLAS.getInstance();
        double[] one = {1};
        double[] c = new double[1];
        mult(1, 1, 1, one, one, c);                  // fail now, not in the middle of training
        if (c[0] != 1) {
            throw new IllegalStateException("the native dgemm returned " + c[0] + " for 1·1");
        }
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public void mult(int m, int n, int k, double[] a, double[] b, double[] c) {
        blas.dgemm("N", "N", n, m, k, 1.0, b, n, a, k, 0.0, c, n);         // cᵀ = bᵀ aᵀ
    }

    @Override
    public void multTransA(int m, int n, int k, double[] a, double[] b, double[] c) {
        blas.dgemm("N", "T", n, m, k, 1.0, b, n, a, m, 0.0, c, n);         // cᵀ = bᵀ a
    }

    @Override
    public void multTransB(int m, int n, int k, double[] a, double[] b, double[] c) {
        blas.dgemm("T", "N", n, m, k, 1.0, b, k, a, k, 0.0, c, n);         // cᵀ = b aᵀ
    }

    /** {@code c = alpha · a · b} in {@code float}; shapes as {@link #mult}. */
    void mult(int m, int n, int k, float alpha, float[] a, float[] b, float[] c) {
        blas.sgemm("N", "N", n, m, k, alpha, b, n, a, k, 0f, c, n);
    }

    /** {@code c = alpha · aᵀ · b} in {@code float}; shapes as {@link #multTransA}. */
    void multTransA(int m, int n, int k, float alpha, float[] a, float[] b, float[] c) {
        blas.sgemm("N", "T", n, m, k, alpha, b, n, a, m, 0f, c, n);
    }

    /** {@code c = alpha · a · bᵀ} in {@code float}; shapes as {@link #multTransB}. */
    void multTransB(int m, int n, int k, float alpha, float[] a, float[] b, float[] c) {
        blas.sgemm("T", "N", n, m, k, alpha, b, k, a, k, 0f, c, n);
    }

    /** {@code Σ a[i] b[i]} over {@code [0..n)} ({@code ddot}). */
    double dot(int n, double[] a, double[] b) {
        return blas.ddot(n, a, 1, b, 1);
    }

    /** {@code Σ a[i] b[i]} over {@code [0..n)} in {@code float} ({@code sdot}). */
    float dot(int n, float[] a, float[] b) {
        return blas.sdot(n, a, 1, b, 1);
    }
}
