package org.mlplab.internal;

/**
 * Sums over arrays in four partial sums. Java keeps floating-point additions in program order, so
 * a single running sum waits about 4 cycles for each addition; four independent sums let the
 * processor overlap them. The result differs from the one-by-one sum only in rounding, and is the
 * same from run to run. The {@code float} arrays are summed in {@code double}.
 */
public final class Sums {
    private Sums() {
    }

    /** {@code Σ a[i]} over {@code a[0..n)}; not modified. */
    public static double sum(double[] a, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code Σ |a[i]|} over {@code a[0..n)}; not modified. */
    public static double absSum(double[] a, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += Math.abs(a[i]);
            s1 += Math.abs(a[i + 1]);
            s2 += Math.abs(a[i + 2]);
            s3 += Math.abs(a[i + 3]);
        }
        for (; i < n; i++) {
            s0 += Math.abs(a[i]);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code Σ a[i]²} over {@code a[0..n)}; not modified. */
    public static double squares(double[] a, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * a[i];
            s1 += a[i + 1] * a[i + 1];
            s2 += a[i + 2] * a[i + 2];
            s3 += a[i + 3] * a[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code Σ a[i]²} over {@code a[0..n)}, in {@code double}; not modified. */
    public static double squares(float[] a, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double a0 = a[i];
            double a1 = a[i + 1];
            double a2 = a[i + 2];
            double a3 = a[i + 3];
            s0 += a0 * a0;
            s1 += a1 * a1;
            s2 += a2 * a2;
            s3 += a3 * a3;
        }
        for (; i < n; i++) {
            double ai = a[i];
            s0 += ai * ai;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code Σ (a[i] - b[i])²} over {@code [0..n)}; neither is modified. */
    public static double squaredDistance(double[] a, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = a[i] - b[i];
            double d1 = a[i + 1] - b[i + 1];
            double d2 = a[i + 2] - b[i + 2];
            double d3 = a[i + 3] - b[i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d = a[i] - b[i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code Σ (a[i] - b[i])²} over {@code [0..n)}, in {@code double}; neither is modified. */
    public static double squaredDistance(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {             // diagnostics only (a sampled step): one sum will do
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
