package org.mlplab.bench;

import java.util.Arrays;
import java.util.OptionalDouble;
import org.ejml.data.DMatrixRMaj;
import org.mlplab.internal.MatMul;
import org.mlplab.nn.Precision;

/**
 * The speed of the BLAS's matrix product on a large square shape, the ceiling against which a
 * training run's own speed is read ({@code peak_fraction}): products of two {@value #SIZE} ×
 * {@value #SIZE} matrices through {@link MatMul}, the path training's products take (the same
 * backend, with this JVM's OpenBLAS threads and settings), in {@code float} ({@code sgemm}) or
 * {@code double} ({@code dgemm}). It times up to {@value #MAX_PRODUCTS} products, stopping after
 * one second once it has {@value #MIN_PRODUCTS} (the first also wakes OpenBLAS's threads and
 * touches the output's memory), and keeps the fastest: on a shared machine the slower ones measure
 * the neighbours too.
 *
 * <p>Why {@value #SIZE}: on this project's machine the speed of both products levels off from
 * about that size on (within a few per cent of twice the size), at a fraction of a second a
 * product.
 */
final class GemmPeak {
    /** Rows and columns of both factors. */
    static final int SIZE = 2048;
    /** At least this many products are timed. */
    static final int MIN_PRODUCTS = 2;
    /** At most this many products are timed. */
    static final int MAX_PRODUCTS = 5;
    /** Beyond {@link #MIN_PRODUCTS}, no product starts after this long. */
    static final long BUDGET_NANOS = 1_000_000_000L;

    private GemmPeak() {
    }

    /**
     * The best speed, in GFLOPS ({@code 2·SIZE³} operations per product), of products in
     * {@code precision}; empty without a native BLAS ({@link MatMul#hasFloat32()}): the pure-Java
     * backend has no {@code float} product, and its {@code double} one would take seconds per
     * product at this size.
     */
    static OptionalDouble gflops(Precision precision) {
        if (!MatMul.hasFloat32()) {
            return OptionalDouble.empty();
        }
        Runnable product = precision == Precision.FLOAT ? floatProduct() : doubleProduct();
        double fastest = Double.POSITIVE_INFINITY;
        long start = System.nanoTime();
        for (int i = 0; i < MAX_PRODUCTS && (i < MIN_PRODUCTS || System.nanoTime() - start < BUDGET_NANOS); i++) {
            long before = System.nanoTime();
            product.run();
            fastest = Math.min(fastest, (System.nanoTime() - before) / 1e9);
        }
        return OptionalDouble.of(2.0 * SIZE * SIZE * SIZE / fastest / 1e9);
    }

    private static Runnable floatProduct() {
        float[] a = new float[SIZE * SIZE];
        float[] b = new float[SIZE * SIZE];
        float[] c = new float[SIZE * SIZE];
        Arrays.fill(a, 1);
        Arrays.fill(b, 1);
        return () -> MatMul.mult(SIZE, SIZE, SIZE, 1f, a, b, c);
    }

    private static Runnable doubleProduct() {
        DMatrixRMaj a = new DMatrixRMaj(SIZE, SIZE);
        DMatrixRMaj b = new DMatrixRMaj(SIZE, SIZE);
        DMatrixRMaj c = new DMatrixRMaj(SIZE, SIZE);
        a.fill(1);
        b.fill(1);
        return () -> MatMul.mult(a, b, c);
    }
}
