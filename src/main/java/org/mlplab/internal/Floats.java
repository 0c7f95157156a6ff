package org.mlplab.internal;

/** Copies between {@code double} and {@code float} arrays. */
public final class Floats {
    private Floats() {
    }

    /** {@code to[i] = (float) from[i]} for {@code i < n}, rounded to the nearest float; {@code from} is not modified. */
    public static void round(double[] from, float[] to, int n) {
        for (int i = 0; i < n; i++) {
            to[i] = (float) from[i];
        }
    }

    /** {@code to[i] = from[i]} for {@code i < n}, exactly; {@code from} is not modified. */
    public static void widen(float[] from, double[] to, int n) {
        for (int i = 0; i < n; i++) {
            to[i] = from[i];
        }
    }
}
