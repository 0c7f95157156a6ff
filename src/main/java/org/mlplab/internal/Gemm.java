package org.mlplab.internal;

/**
 * One implementation of the three row-major matrix products that training needs. Every method
 * overwrites {@code c} (it is not accumulated into) and leaves {@code a} and {@code b} unmodified.
 * Arrays are dense, row-major and start at index 0.
 */
interface Gemm {

    /** A short name for reports, e.g. {@code java} or {@code openblas}. */
    String name();

    /** {@code c = a · b}: {@code a} is {@code m × k}, {@code b} is {@code k × n}, {@code c} is {@code m × n} (modified). */
    void mult(int m, int n, int k, double[] a, double[] b, double[] c);

    /** {@code c = aᵀ · b}: {@code a} is {@code k × m}, {@code b} is {@code k × n}, {@code c} is {@code m × n} (modified). */
    void multTransA(int m, int n, int k, double[] a, double[] b, double[] c);

    /** {@code c = a · bᵀ}: {@code a} is {@code m × k}, {@code b} is {@code n × k}, {@code c} is {@code m × n} (modified). */
    void multTransB(int m, int n, int k, double[] a, double[] b, double[] c);
}
