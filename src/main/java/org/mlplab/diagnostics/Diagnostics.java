package org.mlplab.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.mlplab.internal.Html;
import org.mlplab.optim.Optimizer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What was measured inside the network while it trained — per-layer gradient norms, error
 * signal, weight norms, update ratios, activation statistics, histograms — and the verdict drawn
 * from it. Immutable; reach it with {@code history.diagnostics()}.
 *
 * <p>The verdict looks at the last recorded epoch (averaged over its recorded steps) and at the
 * whole run for growth; {@link Thresholds} documents every threshold.
 */
public final class Diagnostics {
    private final List<LayerInfo> layers;
    private final List<LayerStats> stats;
    private final List<Histogram> histograms;
    private final double initialLoss;
    private final double expectedInitialLoss;
    private final String divergedAt;
    private final List<Curves.Point> curve;
    private final int restored;
    private final DataFacts data;
    private final Optimizer optimizer;

    /**
     * The shape of one layer, for reports.
     *
     * @param layer      1-based layer number
     * @param inputs     fan-in
     * @param units      fan-out
     * @param activation the activation's name
     * @param residual   whether the layer has a skip connection (its output is {@code f(z) + input})
     */
    public record LayerInfo(int layer, int inputs, int units, String activation, boolean residual) {
    }

    Diagnostics(List<LayerInfo> layers, List<LayerStats> stats, List<Histogram> histograms, double initialLoss,
                double expectedInitialLoss, String divergedAt, List<Curves.Point> curve, int restored, DataFacts data,
                Optimizer optimizer) {
        this.layers = List.copyOf(layers);
        this.stats = stats;   // an unmodifiable snapshot (a Prefix of the collector's list): not copied
        this.histograms = List.copyOf(histograms);
        this.initialLoss = initialLoss;
        this.expectedInitialLoss = expectedInitialLoss;
        this.divergedAt = divergedAt;
        this.curve = curve;   // a Prefix snapshot, like stats
        this.restored = restored;
        this.data = data;
        this.optimizer = optimizer;
    }

    /**
     * The check at initialisation, before any training: one forward and backward pass of the
     * untrained model over up to 256 rows spread over {@code data}, diagnosed like a training run
     * (gradient flow, saturation, dead units; no update ratios) with the initial loss against
     * {@code -ln(1/classes)} and the activation spread per layer ({@link #initialisationCheck()}).
     *
     * <pre>{@code
     * Diagnostics.beforeTraining(model, data.train())   // vanishing already? over-confident start?
     * }</pre>
     *
     * @param model Not modified (its weights; the pass leaves its buffers and gradients filled)
     * @param data  Not modified
     * @throws IllegalArgumentException if the data does not fit the model
     */
    public static Diagnostics beforeTraining(org.mlplab.nn.Network model, org.mlplab.data.Dataset data) {
        return Collector.beforeTraining(model, data);
    }

    /** The layers' shapes and activations. */
    public List<LayerInfo> layers() {
        return layers;
    }

    /** Every recorded statistic, in the order recorded (by step, then layer). */
    public List<LayerStats> stats() {
        return stats;
    }

    /** The statistics of one layer (1-based), in step order. */
    public List<LayerStats> stats(int layer) {
        return stats.stream().filter(s -> s.layer() == layer).toList();
    }

    /** The kept histograms: at initialisation, at chosen epochs and at the end of training. */
    public List<Histogram> histograms() {
        return histograms;
    }

    /** The moments histograms were kept at, in order (e.g. {@code initialisation}, {@code epoch 20}). */
    public List<String> histogramMoments() {
        return histograms.stream().map(Histogram::moment).distinct().toList();
    }

    /** The loss of the first batch, before any update. */
    public double initialLoss() {
        return initialLoss;
    }

    /** The loss an untrained classifier should start near ({@code ln classes}; {@code ln 2} for a sigmoid), or NaN. */
    public double expectedInitialLoss() {
        return expectedInitialLoss;
    }

    /** The verdict with the default thresholds. */
    public Verdict verdict() {
        return verdict(Thresholds.DEFAULT);
    }

    /**
     * The verdict with these thresholds: the data, the learning curves and the layers' statistics,
     * root causes first ({@link Verdict#of}).
     */
    public Verdict verdict(Thresholds t) {
        List<Finding> findings = new ArrayList<>();
        if (divergedAt != null) {
            findings.add(new Finding(Finding.Status.DIVERGED, List.of(), "Training diverged: " + divergedAt + ".",
                    "Lower the learning rate (try ÷10), clip gradients with Fit.clipNorm(1.0), and standardise the inputs."));
        }
        if (data != null) {
            findings.addAll(data.findings(t));
        }
        List<LayerStats> recentStats = recentMeans();
        double updateRatio = recentStats.stream().mapToDouble(LayerStats::updateRatio).average().orElse(Double.NaN);
        findings.addAll(Curves.findings(curve, restored, t, data, initialLoss, expectedInitialLoss, updateRatio,
                optimizer));
        Window recent = recentStats.isEmpty() ? null : new Window(when(recentStats.get(0).epoch()), recentStats);
        if (recent != null) {
            layerFindings(t, recent, findings);
        }
        if (findings.stream().noneMatch(f -> f.status().compareTo(Finding.Status.HEALTHY) < 0)) {
            findings.add(new Finding(Finding.Status.HEALTHY, List.of(), recent == null
                    ? "No statistics were recorded yet." : healthy(t, recent), ""));
        }
        return Verdict.of(findings);
    }

    /** What the layers' statistics show: gradient flow, saturation, dead units, no gradient, update ratios. */
    private void layerFindings(Thresholds t, Window recent, List<Finding> findings) {
        Window initial = new Window("at initialisation", stats.subList(0, layers.size()));
        if (recent.stats.stream().allMatch(s -> s.weightGradientNorm() == 0)) {   // no flow to compare
            findings.add(new Finding(Finding.Status.NO_GRADIENT, List.of(), String.format(
                    "Every weight gradient is 0 %s: no unit passes a gradient back, so nothing learns any more.",
                    recent.when), "Lower the learning rate and start again from a fresh initialisation (He for ReLU)."));
        } else {
            gradientFlow(t, initial, recent, findings);
            growth(t, findings);
        }
        saturation(t, initial, recent, findings);
        List<Integer> dead = flagged(recent.stats, LayerStats::deadFraction, t.dead());
        if (!dead.isEmpty()) {
            findings.add(new Finding(Finding.Status.DEAD_UNITS, dead, String.format(
                    "%.0f %% of the ReLU units in %s are dead %s (they output 0 for every sample of a batch, so they "
                            + "get no gradient).", 100 * mean(recent.stats, dead, LayerStats::deadFraction),
                    layerList(dead), recent.when),
                    "Start biases at 0 (not negative), use He initialisation, lower the learning rate, or try "
                            + "leaky ReLU."));
        }
        boolean explained = findings.stream().anyMatch(f -> f.status() == Finding.Status.VANISHING
                || f.status() == Finding.Status.DEAD_UNITS);
        boolean converged = curve.size() >= 2
                && curve.get(curve.size() - 1).loss() < 0.1 * curve.get(0).loss();   // small steps near a minimum
        List<Integer> slow = flagged(recent.stats, s -> -s.updateRatio(), -t.updateRatioLow());
        if (!slow.isEmpty() && !explained && !converged) {
            findings.add(new Finding(Finding.Status.UPDATE_RATIO, slow, String.format(
                    "Updates are %s of the weights in %s %s (healthy: about 1e-3).",
                    sci(mean(recent.stats, slow, LayerStats::updateRatio)), layerList(slow), recent.when),
                    "Raise the learning rate."));
        }
        List<Integer> fast = flagged(recent.stats, LayerStats::updateRatio, t.updateRatioHigh());
        if (!fast.isEmpty()) {
            findings.add(new Finding(Finding.Status.UPDATE_RATIO, fast, String.format(
                    "Updates are %s of the weights in %s %s (healthy: about 1e-3).",
                    sci(mean(recent.stats, fast, LayerStats::updateRatio)), layerList(fast), recent.when),
                    "Lower the learning rate."));
        }
    }

    /** The healthy finding's evidence: the numbers it rests on, each against its threshold. */
    private String healthy(Thresholds t, Window recent) {
        double lowest = recent.stats.stream().mapToDouble(LayerStats::updateRatio).min().orElse(Double.NaN);
        double highest = recent.stats.stream().mapToDouble(LayerStats::updateRatio).max().orElse(Double.NaN);
        String flow = layers.size() >= 2 ? String.format("layer 1's gradient is %s of layer %d's; ",
                sci(firstToLast(recent.stats)), reference()) : "";
        String ratios = Double.isNaN(lowest) ? "" : String.format("update/weight ratios %s to %s; ", sci(lowest),
                sci(highest));
        double dead = recent.stats.stream().mapToDouble(LayerStats::deadFraction).filter(d -> !Double.isNaN(d)).max()
                .orElse(Double.NaN);
        double saturated = recent.stats.stream().mapToDouble(LayerStats::saturatedFraction).filter(d -> !Double.isNaN(d))
                .max().orElse(Double.NaN);
        String units = (Double.isNaN(dead) ? "" : String.format("at most %.0f %% dead ReLU units in a layer (flagged "
                + "above %.0f %%)", 100 * dead, 100 * t.dead()))
                + (!Double.isNaN(dead) && !Double.isNaN(saturated) ? ", " : "")
                + (Double.isNaN(saturated) ? "" : String.format("at most %.0f %% saturated units in a layer (flagged "
                + "above %.0f %%)", 100 * saturated, 100 * t.saturated()));
        return String.format("Healthy %s: %s%s%s.", recent.when, flow, ratios,
                units.isEmpty() ? "no saturating or ReLU layers" : units);
    }

    /** {@code in epoch 7}, or {@code at initialisation} for epoch 0 (see {@link #beforeTraining}). */
    private static String when(int epoch) {
        return epoch == 0 ? "at initialisation" : "in epoch " + epoch;
    }

    /** The statistics of every layer over one stretch of training, and how to name it in a sentence. */
    private record Window(String when, List<LayerStats> stats) {
    }

    /** Vanishing or exploding: the first layer's gradient RMS against the output layer's, in the worse window. */
    private void gradientFlow(Thresholds t, Window initial, Window recent, List<Finding> findings) {
        if (layers.size() < 2) {
            return;
        }
        Window low = firstToLast(initial.stats) <= firstToLast(recent.stats) ? initial : recent;
        Window high = low == initial ? recent : initial;
        int last = reference();
        if (firstToLast(low.stats) < t.vanishingRatio()) {
            boolean squashing = layers.subList(0, last - 1).stream()
                    .anyMatch(l -> l.activation().equals("sigmoid") || l.activation().equals("tanh"));
            findings.add(new Finding(Finding.Status.VANISHING, List.of(1), String.format(
                    "Layer 1's gradient is %s of layer %d's%s %s (RMS of ∂L/∂W; layer by layer %s): vanishing "
                            + "gradients, the layers near the input barely learn.", sci(firstToLast(low.stats)), last,
                    skipNote(), low.when, perLayer(low.stats)),
                    squashing ? "Try ReLU with He initialisation, or a smaller initial weight scale (Xavier) for "
                            + "sigmoid/tanh."
                            : "Check the initialisation (He for ReLU), or use fewer layers."));
        } else if (firstToLast(high.stats) > t.explodingRatio()) {
            findings.add(new Finding(Finding.Status.EXPLODING, List.of(1), String.format(
                    "Layer 1's gradient is %s times layer %d's%s %s (RMS of ∂L/∂W; layer by layer %s): exploding "
                            + "gradients.", sci(firstToLast(high.stats)), last, skipNote(), high.when,
                    perLayer(high.stats)),
                    "Use a smaller initial weight scale, a lower learning rate, or clip gradients (Fit.clipNorm)."));
        }
    }

    /** Exploding over time: a layer's gradient norm growing far beyond its first recorded value. */
    private void growth(Thresholds t, List<Finding> findings) {
        List<Integer> growing = new ArrayList<>();
        double worst = 0;
        for (LayerInfo info : layers) {
            List<LayerStats> own = stats(info.layer());
            double first = own.get(0).weightGradientNorm();
            double max = own.stream().mapToDouble(LayerStats::weightGradientNorm).max().orElse(first);
            if (first > 0 && max / first > t.explodingGrowth()) {
                growing.add(info.layer());
                worst = Math.max(worst, max / first);
            }
        }
        if (!growing.isEmpty()) {
            findings.add(new Finding(Finding.Status.EXPLODING, growing, String.format(
                    "The gradient norm of %s grew %s times over training: exploding gradients.", layerList(growing),
                    sci(worst)), "Lower the learning rate or clip gradients (Fit.clipNorm)."));
        }
    }

    /** Saturated sigmoid/tanh layers, in the last epoch or else at initialisation. */
    private void saturation(Thresholds t, Window initial, Window recent, List<Finding> findings) {
        for (Window w : List.of(recent, initial)) {
            List<Integer> saturated = flagged(w.stats, LayerStats::saturatedFraction, t.saturated());
            if (!saturated.isEmpty()) {
                findings.add(new Finding(Finding.Status.SATURATED, saturated, String.format(
                        "%.0f %% of the %s units in %s are saturated %s (within %.2f of their bounds, where the "
                                + "derivative is nearly 0).", 100 * mean(w.stats, saturated,
                                LayerStats::saturatedFraction), activations(saturated), layerList(saturated), w.when,
                        LayerStats.SATURATION_MARGIN),
                        "Standardise the inputs and start with smaller weights (Xavier), or switch to ReLU with He "
                                + "initialisation."));
                return;
            }
        }
    }

    /** RMS of the first layer's weight gradient over the output layer's. */
    private double firstToLast(List<LayerStats> window) {
        return rms(window.get(0)) / rms(window.get(reference() - 1));
    }

    /**
     * The layer the first is compared with: the output layer, or in a network with skip
     * connections the last hidden layer (the skips carry the gradient through the hidden layers;
     * the output layer's is of another kind and would make them look vanishing).
     */
    private int reference() {
        boolean skips = layers.stream().anyMatch(LayerInfo::residual);
        return skips && layers.size() >= 3 ? layers.size() - 1 : layers.size();
    }

    private String skipNote() {
        return reference() < layers.size() ? " (the last hidden layer: the network has skip connections)" : "";
    }

    private double rms(LayerStats s) {
        LayerInfo info = layers.get(s.layer() - 1);
        return s.weightGradientNorm() / Math.sqrt((double) info.inputs() * info.units());
    }

    /** {@code 1: 7e-03, 2: 2e-02, ..., 10: 1.0}: each layer's gradient RMS relative to the reference layer's. */
    private String perLayer(List<LayerStats> window) {
        double reference = rms(window.get(reference() - 1));
        return window.stream().map(s -> s.layer() + ": " + sci(rms(s) / reference)).collect(Collectors.joining(", "));
    }

    /** The check at initialisation: first loss against the expected one, activation spread per layer. */
    public String initialisationCheck() {
        StringBuilder s = new StringBuilder("At initialisation: ");
        if (!Double.isNaN(expectedInitialLoss)) {
            double ratio = initialLoss / expectedInitialLoss;
            s.append(String.format("loss %.3f, expected about %.3f for an untrained classifier", initialLoss,
                    expectedInitialLoss));
            s.append(ratio > 1.5 ? " (too high: the output layer starts over-confident; use smaller initial weights)"
                    : ratio < 0.67 ? " (suspiciously low)" : " (fine)");
            s.append("; ");
        } else if (!Double.isNaN(initialLoss)) {
            s.append(String.format("loss %.4g; ", initialLoss));
        }
        s.append("activation std by layer ");
        long firstStep = stats.isEmpty() ? 0 : stats.get(0).step();
        s.append(stats.stream().filter(x -> x.step() == firstStep)
                .map(x -> String.format("%.3g", x.activationStd())).collect(Collectors.joining(", ")));
        return s.append('.').toString();
    }

    /** Every statistic as a long table: {@code layer, epoch, step, statistic, value}, for analysis in Tablesaw. */
    public Table toTable() {
        IntColumn layer = IntColumn.create("layer");
        IntColumn epoch = IntColumn.create("epoch");
        LongColumn step = LongColumn.create("step");
        StringColumn statistic = StringColumn.create("statistic");
        DoubleColumn value = DoubleColumn.create("value");
        for (LayerStats s : stats) {
            double[] values = s.values();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    layer.append(s.layer());
                    epoch.append(s.epoch());
                    step.append(s.step());
                    statistic.append(LayerStats.NAMES.get(i));
                    value.append(values[i]);
                }
            }
        }
        return Table.create("diagnostics", layer, epoch, step, statistic, value);
    }

    /** Per layer, the mean of each statistic over the recorded steps of the last recorded epoch. */
    public List<LayerStats> recentMeans() {
        if (stats.isEmpty()) {
            return List.of();
        }
        int epoch = stats.get(stats.size() - 1).epoch();
        List<LayerStats> out = new ArrayList<>();
        for (LayerInfo info : layers) {
            List<LayerStats> own = stats.stream().filter(s -> s.layer() == info.layer() && s.epoch() == epoch).toList();
            double[] sums = new double[LayerStats.NAMES.size()];
            for (LayerStats s : own) {
                double[] v = s.values();
                for (int i = 0; i < v.length; i++) {
                    sums[i] += v[i];
                }
            }
            int n = own.size();
            LayerStats lastOne = own.get(n - 1);
            out.add(new LayerStats(info.layer(), epoch, lastOne.step(), sums[0] / n, sums[1] / n, sums[2] / n,
                    sums[3] / n, sums[4] / n, sums[5] / n, sums[6] / n, sums[7] / n, sums[8] / n));
        }
        return out;
    }

    private static List<Integer> flagged(List<LayerStats> recent, java.util.function.ToDoubleFunction<LayerStats> f,
                                         double threshold) {
        return recent.stream().filter(s -> f.applyAsDouble(s) > threshold).map(LayerStats::layer).toList();
    }

    private static double mean(List<LayerStats> recent, List<Integer> layers,
                               java.util.function.ToDoubleFunction<LayerStats> f) {
        return recent.stream().filter(s -> layers.contains(s.layer())).mapToDouble(f).average().orElse(Double.NaN);
    }

    private String activations(List<Integer> chosen) {
        return chosen.stream().map(l -> layers.get(l - 1).activation()).distinct().collect(Collectors.joining("/"));
    }

    /** {@code layer 3}, {@code layers 1-6} or {@code layers 1, 3, 5}. */
    static String layerList(List<Integer> chosen) {
        if (chosen.size() == 1) {
            return "layer " + chosen.get(0);
        }
        boolean run = chosen.get(chosen.size() - 1) - chosen.get(0) == chosen.size() - 1;
        return "layers " + (run ? chosen.get(0) + "-" + chosen.get(chosen.size() - 1)
                : chosen.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }

    /** {@code 2e-06} style for ratios spanning orders of magnitude, plain for values near 1. */
    static String sci(double value) {
        double a = Math.abs(value);
        return value != 0 && (a < 0.01 || a >= 1e5) ? String.format("%.0e", value)
                : a >= 100 ? String.format("%.0f", value) : String.format("%.2g", value);
    }

    @Override
    public String toString() {
        Verdict verdict = verdict();
        StringBuilder s = new StringBuilder("Diagnosis: ").append(verdict.status().label()).append('\n');
        for (Finding f : verdict.findings()) {
            s.append("  - ").append(f.advice().isEmpty() ? f.evidence() : f.evidence() + " " + f.advice()).append('\n');
            for (Finding symptom : f.symptoms()) {
                s.append("      which explains: ").append(symptom.evidence()).append('\n');
            }
        }
        for (Finding note : verdict.notes()) {
            s.append("  Note: ").append(note).append('\n');
        }
        s.append(initialisationCheck()).append('\n');
        List<LayerStats> recent = recentMeans();
        if (!recent.isEmpty()) {
            String when = when(recent.get(0).epoch());
            s.append(Character.toUpperCase(when.charAt(0))).append(when.substring(1)).append(", mean per layer:\n");
            s.append(String.format("  %-5s  %-10s  %10s  %10s  %12s  %9s  %9s  %9s  %6s%n", "layer", "activation",
                    "‖∂L/∂W‖", "mean |δ|", "update/weight", "act mean", "act std", "saturated", "dead"));
            for (LayerStats r : recent) {
                s.append(String.format("  %-5d  %-10s  %10.2e  %10.2e  %12.2e  %9.3f  %9.3f  %9s  %6s%n", r.layer(),
                        layers.get(r.layer() - 1).activation(), r.weightGradientNorm(), r.meanAbsDelta(),
                        r.updateRatio(), r.activationMean(), r.activationStd(), percent(r.saturatedFraction()),
                        percent(r.deadFraction())));
            }
        }
        return s.toString();
    }


    /** As an HTML fragment, for notebooks and reports. */
    public String toHtml() {
        Verdict verdict = verdict();
        StringBuilder s = new StringBuilder("<div class=\"mlplab-diagnostics\"><p><b>Diagnosis: ")
                .append(Html.escape(verdict.status().label())).append("</b></p><ul>");
        for (Finding f : verdict.findings()) {
            s.append("<li>").append(Html.escape(f.evidence()));
            if (!f.advice().isEmpty()) {
                s.append(" <i>").append(Html.escape(f.advice())).append("</i>");
            }
            if (!f.symptoms().isEmpty()) {
                s.append("<br/>Which explains:<ul>");
                f.symptoms().forEach(symptom -> s.append("<li>").append(Html.escape(symptom.evidence())).append("</li>"));
                s.append("</ul>");
            }
            s.append("</li>");
        }
        for (Finding note : verdict.notes()) {
            s.append("<li>Note: ").append(Html.escape(note.evidence())).append(" <i>").append(Html.escape(note.advice()))
                    .append("</i></li>");
        }
        s.append("</ul><p>").append(Html.escape(initialisationCheck())).append("</p>");
        List<LayerStats> recent = recentMeans();
        if (!recent.isEmpty()) {
            s.append(toHtml(recent));
        }
        return s.append("</div>").toString();
    }

    /**
     * These statistics as an HTML table, one row per entry (e.g. one per layer, from
     * {@link #recentMeans()} or one step of {@link #stats()}): gradient norm, mean |δ|, update
     * ratio, activation mean and spread, saturated and dead fractions.
     */
    public String toHtml(List<LayerStats> rows) {
        StringBuilder s = new StringBuilder("<table><tr><th>layer</th><th>activation</th><th>‖∂L/∂W‖</th>"
                + "<th>mean |δ|</th><th>update/weight</th><th>act mean</th><th>act std</th><th>saturated</th>"
                + "<th>dead</th></tr>");
        for (LayerStats r : rows) {
            s.append(String.format("<tr><td>%d</td><td>%s</td><td>%.2e</td><td>%.2e</td><td>%.2e</td><td>%.3f</td>"
                            + "<td>%.3f</td><td>%s</td><td>%s</td></tr>", r.layer(),
                    Html.escape(layers.get(r.layer() - 1).activation()), r.weightGradientNorm(), r.meanAbsDelta(),
                    r.updateRatio(), r.activationMean(), r.activationStd(), percent(r.saturatedFraction()),
                    percent(r.deadFraction())));
        }
        return s.append("</table>").toString();
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "" : String.format("%.0f %%", 100 * fraction);
    }
}
