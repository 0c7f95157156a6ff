package org.mlplab.diagnostics;

/**
 * A histogram with equal-width bins over {@code [low, high]}, of one layer's activations or
 * back-propagated gradients ({@code δ}) at one moment of training.
 *
 * @param layer  1-based layer number
 * @param kind   what was counted
 * @param moment when, e.g. {@code initialisation} or {@code epoch 10}
 * @param low    lower edge of the first bin
 * @param high   upper edge of the last bin
 * @param counts values per bin
 */
public record Histogram(int layer, Kind kind, String moment, double low, double high, long[] counts) {

    /** Number of bins every histogram has. */
    public static final int BINS = 50;

    /** What a histogram counts. */
    public enum Kind {
        /** The layer's outputs {@code a}. */
        ACTIVATION,
        /** The back-propagated error signal {@code δ = ∂ℓ/∂z}. */
        GRADIENT
    }

    /** Counts {@code values[0..n)} into {@link #BINS} bins over {@code [low, high]}; see {@link #counts}. */
    static Histogram of(int layer, Kind kind, String moment, double[] values, int n, double low, double high) {
        return new Histogram(layer, kind, moment, low, high, counts(values, n, low, high));
    }

    /**
     * The counts of {@code values[0..n)} in {@link #BINS} equal bins over {@code [low, high]}:
     * values outside go to the end bins, and all of them to the middle one when {@code low == high}.
     *
     * @param values Not modified
     */
    public static long[] counts(double[] values, int n, double low, double high) {
        long[] counts = new long[BINS];
        double width = (high - low) / BINS;
        for (int i = 0; i < n; i++) {
            int bin = width > 0 ? (int) ((values[i] - low) / width) : BINS / 2;
            counts[Math.max(0, Math.min(BINS - 1, bin))]++;
        }
        return counts;
    }

    /** The centre of bin {@code i}. */
    public double binCentre(int i) {
        return low + (i + 0.5) * (high - low) / BINS;
    }

    /** Total number of values counted. */
    public long total() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && layer == h.layer && kind == h.kind && moment.equals(h.moment)
                && low == h.low && high == h.high && java.util.Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(layer, kind, moment, low, high, java.util.Arrays.hashCode(counts));
    }

    @Override
    public String toString() {
        return String.format("Histogram(layer %d %s at %s, [%.3g, %.3g], %d values)", layer,
                kind.name().toLowerCase(), moment, low, high, total());
    }
}
