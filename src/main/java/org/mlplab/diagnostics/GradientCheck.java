package org.mlplab.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.mlplab.data.Dataset;
import org.mlplab.internal.Html;
import org.mlplab.nn.Batch;
import org.mlplab.nn.Network;
import org.mlplab.nn.Parameter;

/**
 * Compares back-propagated gradients with central finite differences, in double precision:
 * {@code ∂L/∂w ≈ (L(w + h) - L(w - h)) / 2h}.
 *
 * <p>Each parameter matrix gets a relative error {@code ‖g_backprop - g_numeric‖ / (‖g_backprop‖ + ‖g_numeric‖)}
 * over the entries checked; below about {@code 1e-6} the backward pass is right, above
 * {@code 1e-3} something is wrong. (A ReLU kink within {@code h} of an input can spoil single
 * entries, hence the norm over the matrix.)
 *
 * <pre>{@code
 * GradientCheck.of(model, train.rows(0, 10))        // a report per layer
 * GradientCheck.derivative(z -> 1 / (1 + Math.exp(-z)), mySigmoidPrime)
 * }</pre>
 */
public final class GradientCheck {
    /** Relative error below which a gradient counts as correct. */
    public static final double TOLERANCE = 1e-6;
    private static final double H = 1e-5;

    private final List<Result> results;
    private final List<String> activations;   // per layer, for the report

    private GradientCheck(List<Result> results, List<String> activations) {
        this.results = List.copyOf(results);
        this.activations = List.copyOf(activations);
    }

    /**
     * The relative error of one parameter matrix.
     *
     * @param parameter     e.g. {@code W1}
     * @param checked       how many entries were compared
     * @param relativeError {@code ‖g_backprop - g_numeric‖ / (‖g_backprop‖ + ‖g_numeric‖)}
     * @param maxAbsError   the largest entry-wise difference
     */
    public record Result(String parameter, int checked, double relativeError, double maxAbsError) {
        /** Whether the relative error is below {@link #TOLERANCE}. */
        public boolean passed() {
            return relativeError < TOLERANCE;
        }
    }

    /**
     * Checks every entry of every parameter of {@code model} on {@code batch} (keep the batch and
     * the model small: two forward passes per entry).
     *
     * @param model Not modified: each weight is restored after it is nudged
     * @param batch the rows to compute the loss on; not modified
     */
    public static GradientCheck of(Network model, Dataset batch) {
        return of(model, batch, Integer.MAX_VALUE, 0);
    }

    /**
     * Checks at most {@code perParameter} entries of each parameter, chosen at random with
     * {@code seed} (for bigger models).
     */
    public static GradientCheck of(Network model, Dataset batch, int perParameter, long seed) {
        model.check(batch, "gradient-check batch");
        Batch rows = Batch.of(model, batch);
        model.backward(rows);
        SplittableRandom random = new SplittableRandom(seed);
        List<Result> results = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            double[] analytic = java.util.Arrays.stream(p.gradientArray()).flatMapToDouble(java.util.Arrays::stream).toArray();
            int[] entries = entries(p.size(), perParameter, random);
            double diffSquares = 0;
            double analyticSquares = 0;
            double numericSquares = 0;
            double maxAbs = 0;
            for (int i : entries) {
                double original = p.get(i);
                p.set(i, original + H);
                double plus = model.loss(rows);
                p.set(i, original - H);
                double minus = model.loss(rows);
                p.set(i, original);
                double numeric = (plus - minus) / (2 * H);
                double diff = analytic[i] - numeric;
                diffSquares += diff * diff;
                analyticSquares += analytic[i] * analytic[i];
                numericSquares += numeric * numeric;
                maxAbs = Math.max(maxAbs, Math.abs(diff));
            }
            double scale = Math.sqrt(analyticSquares) + Math.sqrt(numericSquares);
            results.add(new Result(p.name(), entries.length, scale == 0 ? 0 : Math.sqrt(diffSquares) / scale, maxAbs));
        }
        return new GradientCheck(results, model.layers().stream().map(d -> d.activation().name()).toList());
    }

    /**
     * Checks a derivative written by hand against central differences of the function
     * ({@link DerivativeCheck#of(String, DoubleUnaryOperator, DoubleUnaryOperator)}).
     *
     * @param f  the function
     * @param df its claimed derivative
     * @return the relative error {@code ‖df - numeric‖ / (‖df‖ + ‖numeric‖)} over the points
     */
    public static double derivative(DoubleUnaryOperator f, DoubleUnaryOperator df) {
        return DerivativeCheck.of("f", f, df).relativeError();
    }

    private static int[] entries(int size, int max, SplittableRandom random) {
        if (size <= max) {
            return IntStream.range(0, size).toArray();
        }
        return random.ints(0, size).distinct().limit(max).sorted().toArray();
    }

    /** One result per parameter matrix: {@code W1, b1, W2, ...}. */
    public List<Result> results() {
        return results;
    }

    /** The 1-based layer a result belongs to: {@code W3} and {@code b3} are layer 3's. */
    private static int layer(Result r) {
        return Integer.parseInt(r.parameter().substring(1));
    }

    /** The largest relative error over all parameters. */
    public double maxRelativeError() {
        return results.stream().mapToDouble(Result::relativeError).max().orElse(0);
    }

    /** Whether every parameter's relative error is below {@link #TOLERANCE}. */
    public boolean passed() {
        return results.stream().allMatch(Result::passed);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(passed()
                ? "Gradient check passed: back-propagation matches finite differences\n"
                : "Gradient check FAILED: back-propagation disagrees with finite differences\n");
        s.append(String.format("  %-5s  %-14s  %-9s  %7s  %14s  %13s  %s%n", "layer", "activation", "parameter",
                "entries", "relative error", "max |diff|", ""));
        for (Result r : results) {
            s.append(String.format("  %-5d  %-14s  %-9s  %7d  %14.2e  %13.2e  %s%n", layer(r), activations.get(layer(r) - 1),
                    r.parameter(), r.checked(), r.relativeError(), r.maxAbsError(), r.passed() ? "ok" : "WRONG"));
        }
        return s.toString();
    }

    /** As an HTML fragment, for notebooks and reports. */
    public String toHtml() {
        StringBuilder s = new StringBuilder("<div class=\"mlplab-gradient-check\"><p><b>")
                .append(passed() ? "Gradient check passed" : "Gradient check FAILED").append("</b></p><table>")
                .append("<tr><th>layer</th><th>activation</th><th>parameter</th><th>entries</th><th>relative error</th>"
                        + "<th>max |diff|</th><th></th></tr>");
        for (Result r : results) {
            s.append(String.format("<tr><td>%d</td><td>%s</td><td>%s</td><td>%d</td><td>%.2e</td><td>%.2e</td><td>%s</td></tr>",
                    layer(r), Html.escape(activations.get(layer(r) - 1)), Html.escape(r.parameter()), r.checked(),
                    r.relativeError(), r.maxAbsError(),
                    r.passed() ? "ok" : "<b>WRONG</b>"));
        }
        return s.append("</table></div>").toString();
    }
}
