package org.mlplab.diagnostics;

import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * Checks for course assignments: each passes with one line on standard output ({@code dW2:
 * correct}) or throws an {@link AssertionError} whose message tells the student what is wrong, in
 * words, with the numbers. Nothing goes to standard error (a grader such as nbgrader gives no
 * points to a cell that writes there), and a failing check fails its cell, which is what a grader
 * counts.
 *
 * <pre>{@code
 * Check.derivative("sigmoidPrime", z -> sigmoid(z), z -> sigmoidPrime(z));
 * Check.close("dW2", weightGradient(a1, delta2), expected.get("W2"), 1e-12);
 * }</pre>
 */
public final class Check {
    private Check() {
    }

    /**
     * A derivative written by hand against finite differences of its function
     * ({@link DerivativeCheck}): passes when it agrees everywhere, else says where and how it
     * is wrong, e.g. {@code sigmoidPrime is off by a factor 2 near z = 0 (at z = 0.1: it gives
     * 0.499, finite differences 0.249)}.
     */
    public static void derivative(String name, DoubleUnaryOperator function, DoubleUnaryOperator derivative) {
        DerivativeCheck check = DerivativeCheck.of(name, function, answer(name, derivative));
        if (!check.passed()) {
            throw new AssertionError(check.toString().replace(name + ": f'", name).replace("f' gives", "it gives"));
        }
        System.out.println(name + ": correct (it agrees with finite differences at " + check.points().size() + " points)");
    }

    /**
     * That {@code actual} has {@code rows × cols} entries, e.g. {@code dW has shape 3×4, expected
     * 4×3 (rows × columns): is it transposed?}.
     */
    public static void shape(String name, double[][] actual, int rows, int cols) {
        requireShape(name, answer(name, actual), rows, cols);
        System.out.println(name + ": shape " + rows + "×" + cols + ", correct");
    }

    /**
     * That {@code actual} has {@code expected}'s shape and each entry is within {@code tolerance}
     * of it; else says which entry is furthest off, e.g. {@code dW2[1][0] is 0.31 where it should be
     * 0.155 (off by a factor 2; 3 of 8 entries are off by more than 1e-12)} (see {@link DerivativeCheck} for
     * the named relations: a factor, or the wrong sign).
     */
    public static void close(String name, double[][] actual, double[][] expected, double tolerance) {
        Objects.requireNonNull(expected, "the expected values are null");
        requireShape(name, answer(name, actual), expected.length, expected.length == 0 ? 0 : expected[0].length);
        int worstRow = -1;
        int worstCol = -1;
        double worst = 0;
        int off = 0;
        int entries = 0;
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                entries++;
                double difference = Math.abs(actual[r][c] - expected[r][c]);
                if (!(difference <= tolerance)) {   // NaN counts as off
                    off++;
                    if (worstRow < 0 || !(difference <= worst)) {
                        worst = difference;
                        worstRow = r;
                        worstCol = c;
                    }
                }
            }
        }
        if (off > 0) {
            double got = actual[worstRow][worstCol];
            double want = expected[worstRow][worstCol];
            String factor = DerivativeCheck.factor(got, want).map(f -> f + "; ").orElse("");
            throw new AssertionError(String.format(Locale.ROOT, "%s[%d][%d] is %.6g where it should be %.6g (%s%d of %d "
                    + "entries are off by more than %.0e)", name, worstRow, worstCol, got, want, factor, off, entries,
                    tolerance));
        }
        System.out.println(name + ": correct");
    }

    private static <T> T answer(String name, T value) {
        if (value == null) {
            throw new AssertionError(name + " is null: return your answer");
        }
        return value;
    }

    private static void requireShape(String name, double[][] actual, int rows, int cols) {
        int actualCols = actual.length == 0 ? 0 : actual[0].length;
        for (double[] row : actual) {
            if (row == null || row.length != actualCols) {
                throw new AssertionError(name + " has rows of different lengths: every row needs " + cols + " entries");
            }
        }
        if (actual.length != rows || actualCols != cols) {
            boolean transposed = actual.length == cols && actualCols == rows;
            throw new AssertionError(name + " has shape " + actual.length + "×" + actualCols + ", expected " + rows + "×"
                    + cols + " (rows × columns)" + (transposed ? ": is it transposed?" : ""));
        }
    }
}
