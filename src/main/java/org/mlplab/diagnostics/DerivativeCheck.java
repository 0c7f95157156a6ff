package org.mlplab.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.mlplab.internal.Numbers;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Loss;
import org.mlplab.nn.Network;

/**
 * A derivative written by hand against central differences of its function, point by point, in
 * the manner of CS231n's gradient checks: the relative error {@code |claimed - numeric| /
 * max(|claimed|, |numeric|)} at each point, with points that lie within {@code h} of a kink
 * (where the one-sided differences disagree: ReLU at 0) left out, since there finite
 * differences are wrong, not the derivative.
 *
 * <pre>{@code
 * DerivativeCheck.of(Activation.of("swish", f, df))   // cell output: passed, or where and how it fails
 * }</pre>
 *
 * <p>Training runs this check on every activation and loss of your own before its first step
 * and refuses one that fails ({@link #requirePassed()}).
 */
public final class DerivativeCheck {
    /** Relative errors above this fail: CS231n's "probably wrong" begins at 1e-4, "wrong" at 1e-2. */
    public static final double TOLERANCE = 1e-4;

    private static final double H = 1e-5;

    /** One checked point: where, the claimed derivative and the finite difference. */
    public record Point(String where, double at, double claimed, double numeric) {
        /** {@code |claimed - numeric| / max(|claimed|, |numeric|)}, 0 where both are (nearly) 0. */
        public double relativeError() {
            double scale = Math.max(Math.max(Math.abs(claimed), Math.abs(numeric)), 1e-8);
            return Math.abs(claimed - numeric) / scale;
        }
    }

    private final String what;
    private final String derivative;
    private final String variable;
    private final List<Point> points;
    private final int kinks;

    private DerivativeCheck(String what, String derivative, String variable, List<Point> points, int kinks) {
        this.what = what;
        this.derivative = derivative;
        this.variable = variable;
        this.points = List.copyOf(points);
        this.kinks = kinks;
    }

    /**
     * Checks {@code df} against {@code f} at points spread over {@code [-6, 6]} and close to 0.
     *
     * @param name what is checked, for the report
     * @throws NullPointerException for a null function, saying which
     */
    public static DerivativeCheck of(String name, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        Objects.requireNonNull(f, "the function is null: give it, e.g. z -> Math.tanh(z)");
        Objects.requireNonNull(df, "the derivative is null: give it, e.g. z -> 1 - Math.pow(Math.tanh(z), 2)");
        List<Point> points = new ArrayList<>();
        int kinks = 0;
        for (double z : grid()) {
            double left = (f.applyAsDouble(z) - f.applyAsDouble(z - H)) / H;
            double right = (f.applyAsDouble(z + H) - f.applyAsDouble(z)) / H;
            if (isKink(left, right)) {
                kinks++;
                continue;
            }
            points.add(new Point("z = " + Numbers.compact(z), z, df.applyAsDouble(z), (left + right) / 2));
        }
        return new DerivativeCheck(name, "f'", "z", points, kinks);
    }

    /**
     * Checks an activation's backward pass: {@code f'} of an element-wise one (its own function and
     * derivative), else {@code ∂/∂z Σ g ⊙ f(z)} on a small random batch.
     */
    public static DerivativeCheck of(Activation activation) {
        Objects.requireNonNull(activation, "the activation is null");
        String what = "activation '" + activation.name() + "'";
        if (activation instanceof Activation.ElementWise f) {
            return of(what, f::apply, z -> f.derivative(z, f.apply(z)));
        }
        int rows = 3;
        int cols = 4;
        SplittableRandom random = new SplittableRandom(1);
        double[] z = random.doubles(rows * cols, -3, 3).toArray();
        double[] g = random.doubles(rows * cols, -1, 1).toArray();
        double[] a = new double[rows * cols];
        double[] claimed = new double[rows * cols];
        activation.apply(z, a, rows, cols);
        activation.backward(z, a, g, claimed, rows, cols);
        return matrix(what, "backward", z, claimed, () -> {
            activation.apply(z, a, rows, cols);
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += g[i] * a[i];
            }
            return sum;
        });
    }

    /** Checks a loss's {@code δ = ∂ℓ_i/∂z} after {@code output} on a small random batch with fitting targets. */
    public static DerivativeCheck of(Loss loss, Activation output) {
        Objects.requireNonNull(loss, "the loss is null");
        Objects.requireNonNull(output, "the output activation is null");
        int rows = 4;
        int cols = output instanceof Activation.Softmax ? 3 : 2;
        SplittableRandom random = new SplittableRandom(2);
        double[] z = random.doubles(rows * cols, -2, 2).toArray();
        double[] t = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[r * cols + c] = output instanceof Activation.Softmax ? (c == r % cols ? 1 : 0)
                        : output instanceof Activation.Sigmoid ? (r + c) % 2 : random.nextDouble(-1, 1);
            }
        }
        double[] a = new double[rows * cols];
        double[] claimed = new double[rows * cols];
        output.apply(z, a, rows, cols);
        loss.delta(output, z, a, t, claimed, rows, cols);
        return matrix("loss '" + loss.name() + "' after " + output.name(), "δ", z, claimed, () -> {
            output.apply(z, a, rows, cols);
            return rows * loss.value(z, a, t, rows, cols);   // δ_i is the derivative of ℓ_i = B · L's share
        });
    }

    /**
     * The checks of the network's own pieces, those not built into the library: each distinct
     * activation made with {@link Activation#of} or written as a class of one's own, and such a
     * loss (after the output activation).
     */
    public static List<DerivativeCheck> ofOwnPieces(Network network) {
        List<DerivativeCheck> checks = new ArrayList<>();
        List<Activation> seen = new ArrayList<>();
        for (Dense layer : network.layers()) {
            Activation activation = layer.activation();
            if (isOwn(activation) && !seen.contains(activation)) {
                seen.add(activation);
                checks.add(of(activation));
            }
        }
        if (isOwn(network.loss())) {
            checks.add(of(network.loss(), network.output().activation()));
        }
        return checks;
    }

    private static boolean isOwn(Object piece) {
        return piece instanceof Activation.Custom || piece instanceof Loss.Custom
                || !piece.getClass().getName().startsWith("org.mlplab.");
    }

    /** Claimed derivatives of a scalar function of every entry of {@code z} against its central differences. */
    private static DerivativeCheck matrix(String what, String derivative, double[] z, double[] claimed,
                                          java.util.function.DoubleSupplier function) {
        List<Point> points = new ArrayList<>();
        int kinks = 0;
        double centre = function.getAsDouble();
        for (int i = 0; i < z.length; i++) {
            double original = z[i];
            z[i] = original + H;
            double plus = function.getAsDouble();
            z[i] = original - H;
            double minus = function.getAsDouble();
            z[i] = original;
            double left = (centre - minus) / H;
            double right = (plus - centre) / H;
            if (isKink(left, right)) {
                kinks++;
                continue;
            }
            points.add(new Point("entry " + i + ", z = " + Numbers.compact(original), original, claimed[i],
                    (left + right) / 2));
        }
        return new DerivativeCheck(what, derivative, "z", points, kinks);
    }

    /** One-sided differences that disagree by more than smoothness allows: a kink within {@code h}. */
    private static boolean isKink(double left, double right) {
        return Math.abs(left - right) > 1e-2 * Math.max(1, Math.max(Math.abs(left), Math.abs(right)));
    }

    /** {@code [-6, 6]} in steps of 0.25, off the round numbers where kinks sit, and points close to 0. */
    private static double[] grid() {
        double[] near = {-0.1, -0.01, -0.001, 0.001, 0.01, 0.1};
        double[] z = new double[49 + near.length];
        for (int i = 0; i < 49; i++) {
            z[i] = -6 + i * 0.25 + 0.0123;
        }
        System.arraycopy(near, 0, z, 49, near.length);
        java.util.Arrays.sort(z);
        return z;
    }

    /** Overall relative error {@code ‖claimed - numeric‖ / (‖claimed‖ + ‖numeric‖)} over the points. */
    public double relativeError() {
        double diff = 0;
        double claimed = 0;
        double numeric = 0;
        for (Point p : points) {
            diff += (p.claimed() - p.numeric()) * (p.claimed() - p.numeric());
            claimed += p.claimed() * p.claimed();
            numeric += p.numeric() * p.numeric();
        }
        double scale = Math.sqrt(claimed) + Math.sqrt(numeric);
        return scale == 0 ? 0 : Math.sqrt(diff) / scale;
    }

    /** The point with the largest relative error. */
    public Point worst() {
        Point worst = points.get(0);
        for (Point p : points) {
            if (!(p.relativeError() <= worst.relativeError())) {   // NaN counts as worst
                worst = p;
            }
        }
        return worst;
    }

    /** The points that were checked (kinks left out). */
    public List<Point> points() {
        return points;
    }

    /** Whether every point agrees with finite differences within {@link #TOLERANCE}. */
    public boolean passed() {
        return worst().relativeError() <= TOLERANCE;
    }

    /**
     * Throws unless the check passed.
     *
     * @throws IllegalArgumentException with {@link #toString()}: what fails, where and how
     */
    public void requirePassed() {
        if (!passed()) {
            throw new IllegalArgumentException(toString());
        }
    }

    /** Passed, or where and how the derivative disagrees with finite differences. */
    @Override
    public String toString() {
        if (passed()) {
            return format("%s: %s agrees with finite differences at %d points (worst relative error %.1e%s)", what,
                    derivative, points.size(), worst().relativeError(),
                    kinks == 0 ? "" : format("; %d point%s within h of a kink left out", kinks, kinks == 1 ? "" : "s"));
        }
        List<Point> failing = points.stream().filter(p -> !(p.relativeError() <= TOLERANCE)).toList();
        Point worst = worst();
        double from = failing.stream().mapToDouble(Point::at).min().orElse(worst.at());
        double to = failing.stream().mapToDouble(Point::at).max().orElse(worst.at());
        String region = to - from < 1 ? "near " + variable + " = " + Numbers.compact((from + to) / 2)
                : failing.size() == points.size() ? "everywhere"
                : "for " + variable + " from " + Numbers.compact(from) + " to " + Numbers.compact(to);
        return format("%s: %s is %s %s (at %s: %s gives %s, finite differences %s); relative error %.2g "
                        + "(CS231n: above 1e-2 a derivative is wrong, above 1e-4 probably wrong)", what, derivative,
                factor(worst.claimed(), worst.numeric()).orElse("wrong"), region, worst.where(), derivative,
                Numbers.compact(worst.claimed()), Numbers.compact(worst.numeric()), worst.relativeError());
    }

    /**
     * How {@code claimed} relates to {@code expected} when the relation has a name: {@code off by a
     * factor 2}, {@code off by a factor 1/2}, {@code of the wrong sign}; empty otherwise.
     */
    static Optional<String> factor(double claimed, double expected) {
        if (expected == 0 || !Double.isFinite(claimed)) {
            return Optional.empty();
        }
        double ratio = claimed / expected;
        if (Math.abs(ratio + 1) < 1e-3) {
            return Optional.of("of the wrong sign");
        }
        for (double factor : new double[] {ratio, 1 / ratio}) {
            double whole = Math.rint(factor);
            if (whole >= 2 && Math.abs(factor - whole) < 1e-3 * whole) {
                String times = Numbers.compact(whole);
                return Optional.of("off by a factor " + (factor == ratio ? times : "1/" + times));
            }
        }
        return Optional.empty();
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
