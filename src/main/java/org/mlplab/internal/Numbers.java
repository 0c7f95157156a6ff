package org.mlplab.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers as people read them in labels and messages. */
public final class Numbers {
    private Numbers() {
    }

    /** Up to three significant digits, no trailing zeros: {@code 0.25}, {@code -0.005}, {@code 2}, {@code 1.5e-5}. */
    public static String compact(double v) {
        return compact(v, v);
    }

    /**
     * {@code v} with up to three significant digits, no trailing zeros, in the notation
     * {@link #compact(double)} gives {@code like}: plain or with a power of ten. The labels of an
     * axis, each written like its largest value, share one notation: {@code 0.0005, 0.001} or
     * {@code 5e-4, 1e-3}, never {@code 5e-4, 0.001}.
     */
    public static String compact(double v, double like) {
        if (v == 0) {
            return "0";
        }
        if (plain(like)) {
            return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        String[] parts = String.format(Locale.ROOT, "%.2e", v).split("e");
        String mantissa = parts[0].replaceAll("\\.?0+$", "");
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }

    /** Whether {@link #compact(double)} writes {@code v} without a power of ten: 0, and {@code 0.001 ≤ |v| < 100,000}. */
    public static boolean plain(double v) {
        double a = Math.abs(v);
        return a == 0 || a >= 1e-3 && a < 1e5;
    }
}
