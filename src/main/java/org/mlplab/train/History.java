package org.mlplab.train;

import java.util.List;
import org.mlplab.diagnostics.Diagnostics;
import org.mlplab.internal.Html;

/**
 * What training measured, epoch by epoch, and why it ended. Immutable.
 *
 * <p>The metric is {@code accuracy} for classification and {@code r2} for regression.
 */
public final class History {
    private final List<Epoch> epochs;
    private final String metric;
    private final Stop stop;
    private final Diagnostics diagnostics;

    /** @param epochs an unmodifiable list that will not change (e.g. a {@link org.mlplab.internal.Prefix}); not copied */
    History(List<Epoch> epochs, String metric, Stop stop, Diagnostics diagnostics) {
        this.epochs = epochs;
        this.metric = metric;
        this.stop = stop;
        this.diagnostics = diagnostics;
    }

    /**
     * Per-layer statistics recorded during training and the verdict drawn from them.
     *
     * @throws IllegalStateException if training ran with {@link Fit#noDiagnostics()}
     */
    public Diagnostics diagnostics() {
        if (diagnostics == null) {
            throw new IllegalStateException("diagnostics were off for this run: train without Fit.noDiagnostics()");
        }
        return diagnostics;
    }

    /** Whether diagnostics were recorded ({@link #diagnostics()} has them). */
    public boolean hasDiagnostics() {
        return diagnostics != null;
    }

    /** Every completed epoch, in order. */
    public List<Epoch> epochs() {
        return epochs;
    }

    /** {@code accuracy} or {@code r2}. */
    public String metric() {
        return metric;
    }

    /** Why training ended; {@code null} while it is still running (for listeners). */
    public Stop stop() {
        return stop;
    }

    /** The last completed epoch. */
    public Epoch last() {
        requireEpochs();
        return epochs.get(epochs.size() - 1);
    }

    /** The epoch with the lowest validation loss (the lowest training loss without validation data). */
    public Epoch best() {
        requireEpochs();
        Epoch best = epochs.get(0);
        for (Epoch e : epochs) {
            if (monitored(e) < monitored(best)) {
                best = e;
            }
        }
        return best;
    }

    /** Training loss per epoch. */
    public double[] loss() {
        return epochs.stream().mapToDouble(Epoch::loss).toArray();
    }

    /** Validation loss per epoch ({@code NaN} without validation data). */
    public double[] validationLoss() {
        return epochs.stream().mapToDouble(Epoch::validationLoss).toArray();
    }

    /** Training metric per epoch. */
    public double[] trainMetric() {
        return epochs.stream().mapToDouble(Epoch::metric).toArray();
    }

    /** Validation metric per epoch ({@code NaN} without validation data). */
    public double[] validationMetric() {
        return epochs.stream().mapToDouble(Epoch::validationMetric).toArray();
    }

    static double monitored(Epoch e) {
        return e.hasValidation() ? e.validationLoss() : e.loss();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append("History: ").append(epochs.size()).append(" epochs");
        if (stop != null) {
            s.append(" — ").append(stop.message());
        }
        s.append('\n');
        if (epochs.isEmpty()) {
            return s.toString();
        }
        boolean validation = epochs.get(0).hasValidation();
        s.append(String.format("%6s  %10s  %10s", "epoch", "loss", metric));
        if (validation) {
            s.append(String.format("  %10s  %10s", "val loss", "val " + metric));
        }
        s.append(String.format("  %10s  %8s%n", "lr", "seconds"));
        for (Epoch e : shown()) {
            s.append(String.format("%6d  %10.4f  %10.4f", e.epoch(), e.loss(), e.metric()));
            if (validation) {
                s.append(String.format("  %10.4f  %10.4f", e.validationLoss(), e.validationMetric()));
            }
            s.append(String.format("  %10.3g  %8.3f%n", e.learningRate(), e.seconds()));
        }
        return s.toString();
    }


    /** As an HTML fragment, for notebooks and reports. */
    public String toHtml() {
        StringBuilder s = new StringBuilder("<div class=\"mlplab-history\"><p><b>History</b>: ")
                .append(epochs.size()).append(" epochs");
        if (stop != null) {
            s.append(" — ").append(Html.escape(stop.message()));
        }
        s.append("</p>");
        if (!epochs.isEmpty()) {
            boolean validation = epochs.get(0).hasValidation();
            s.append("<table><tr><th>epoch</th><th>loss</th><th>").append(metric).append("</th>");
            if (validation) {
                s.append("<th>val loss</th><th>val ").append(metric).append("</th>");
            }
            s.append("<th>lr</th><th>seconds</th></tr>");
            for (Epoch e : shown()) {
                s.append(String.format("<tr><td>%d</td><td>%.4g</td><td>%.4f</td>", e.epoch(), e.loss(), e.metric()));
                if (validation) {
                    s.append(String.format("<td>%.4g</td><td>%.4f</td>", e.validationLoss(), e.validationMetric()));
                }
                s.append(String.format("<td>%.3g</td><td>%.3f</td></tr>", e.learningRate(), e.seconds()));
            }
            s.append("</table>");
        }
        return s.append("</div>").toString();
    }

    /** Up to 10 epochs spread over the run, always the first and the last. */
    private List<Epoch> shown() {
        int n = epochs.size();
        if (n <= 10) {
            return epochs;
        }
        return java.util.stream.IntStream.range(0, 10)
                .map(i -> (int) Math.round(i * (n - 1) / 9.0))
                .distinct()
                .mapToObj(epochs::get)
                .toList();
    }

    private void requireEpochs() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch was completed" + (stop == null ? "" : ": " + stop.message()));
        }
    }
}
