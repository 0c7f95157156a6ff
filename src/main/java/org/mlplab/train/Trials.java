package org.mlplab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.mlplab.data.Dataset;
import org.mlplab.diagnostics.Finding;
import org.mlplab.diagnostics.Verdict;
import org.mlplab.internal.Html;
import org.mlplab.internal.Numbers;
import org.mlplab.nn.Network;

/**
 * The diagnosis's advice, tried: the run as given, then one run per fix the verdict suggests
 * (a tenfold lower or higher learning rate, early stopping, L2, standardised features, gradient
 * clipping), and an input-independent baseline (the same network trained on features set to 0,
 * as in Karpathy's "A Recipe for Training Neural Networks"). Every run starts from the same
 * initial weights (the model's seed) and sees the batches in the same order (the same shuffle
 * seed): runs are reproducible bit for bit, so a difference between two runs is the fix's alone.
 *
 * <pre>{@code
 * Trials.of(model, data.train(), Fit.epochs(100).adam(0.01).validation(data.validation()))   // cell output
 * }</pre>
 *
 * <p>Fixes that change the architecture (ReLU for sigmoid, another initialisation) are not tried;
 * their advice stays in the verdict.
 */
public final class Trials {

    /**
     * One run.
     *
     * @param name       what was changed, e.g. {@code learning rate ÷10}
     * @param line       the line that makes the change, e.g. {@code Fit.….adam(0.001)}
     * @param history    the run's history (its diagnosis in {@code history.diagnostics()})
     * @param evaluation on the validation data (the training data without it)
     */
    public record Trial(String name, String line, History history, Evaluation evaluation) {
        /** The verdict's leading status, or {@code -} without diagnostics. */
        public String verdict() {
            return history.hasDiagnostics() ? history.diagnostics().verdict().status().label() : "-";
        }
    }

    private final List<Trial> trials;
    private final boolean validated;

    private Trials(List<Trial> trials, boolean validated) {
        this.trials = List.copyOf(trials);
        this.validated = validated;
    }

    /**
     * Trains {@code model}'s architecture from its seed as {@code fit} says, then once per fix
     * that the verdict of that run suggests, and once on zeroed features. {@code model} itself is
     * not modified.
     *
     * @param train Not modified
     * @param fit   as for {@code model.fit}; its progress output is switched off
     * @throws IllegalArgumentException if the data does not fit the model
     */
    public static Trials of(Network model, Dataset train, Fit fit) {
        Fit quiet = fit.quiet();
        Dataset validation = fit.validation();
        List<Trial> trials = new ArrayList<>();
        Trial given = run(model, "as given", "", train, quiet);
        trials.add(given);
        if (given.history().hasDiagnostics()) {
            for (Map.Entry<String, Fix> fix : fixes(given.history().diagnostics().verdict(), quiet).entrySet()) {
                Fix f = fix.getValue();
                Dataset data = f.scales ? standardized(train, train) : train;
                Fit changed = f.fit.apply(quiet);
                if (f.scales && validation != null) {
                    changed = changed.validation(standardized(validation, train));
                }
                trials.add(run(model, fix.getKey(), f.line, data, changed));
            }
        }
        // no diagnosis of the baseline: zeroed rows are all alike, and it is not meant to learn
        Fit zeroed = (validation == null ? quiet : quiet.validation(zeroed(validation))).noDiagnostics();
        trials.add(run(model, "input-independent baseline", "features set to 0", zeroed(train), zeroed));
        return new Trials(trials, validation != null);
    }

    /** A fix: how it changes the fit, whether it standardises the features, and the line that makes it. */
    private record Fix(UnaryOperator<Fit> fit, boolean scales, String line) {
    }

    /** The fixes of the verdict's causes, in its order, each once. */
    private static Map<String, Fix> fixes(Verdict verdict, Fit fit) {
        Map<String, Fix> fixes = new LinkedHashMap<>();
        double lr = fit.optimizer().learningRate();
        for (Finding f : verdict.findings()) {
            switch (f.status()) {
                case DIVERGED, LEARNING_RATE_HIGH, DEAD_UNITS -> fixes.putIfAbsent("learning rate ÷10",
                        new Fix(x -> x.optimizer(x.optimizer().withLearningRate(lr / 10)), false,
                                "learning rate " + Numbers.compact(lr / 10)));
                case LEARNING_RATE_LOW -> fixes.putIfAbsent("learning rate ×10",
                        new Fix(x -> x.optimizer(x.optimizer().withLearningRate(lr * 10)), false,
                                "learning rate " + Numbers.compact(lr * 10)));
                case EXPLODING -> fixes.putIfAbsent("gradient clipping", new Fix(x -> x.clipNorm(1.0), false,
                        "Fit.….clipNorm(1.0)"));
                case UNSCALED -> fixes.putIfAbsent("standardised features", new Fix(x -> x, true,
                        "TableData.….standardize()"));
                case OVERFITTING -> {
                    int patience = Math.max(5, Math.min(20, fit.epochs() / 10));
                    fixes.putIfAbsent("early stopping", new Fix(x -> x.earlyStopping(patience), false,
                            "Fit.….earlyStopping(" + patience + ")"));
                    fixes.putIfAbsent("L2 1e-3", new Fix(x -> x.l2(1e-3), false, "Fit.….l2(1e-3)"));
                }
                default -> { }
            }
        }
        return fixes;
    }

    private static Trial run(Network model, String name, String line, Dataset train, Fit fit) {
        Network fresh = model.untrained();
        History history;
        try {
            history = Trainer.fit(fresh, train, fit);
        } catch (TrainingDivergedException e) {
            history = e.history();
        }
        Dataset judged = fit.validation() != null ? fit.validation() : train;
        return new Trial(name, line, history, Trainer.evaluate(fresh, judged));
    }

    /** {@code data} with each feature standardised by the mean and standard deviation of {@code reference}. */
    private static Dataset standardized(Dataset data, Dataset reference) {
        double[][] ref = reference.x();
        int d = reference.features();
        double[] mean = new double[d];
        double[] std = new double[d];
        for (double[] row : ref) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / ref.length;
            }
        }
        for (double[] row : ref) {
            for (int j = 0; j < d; j++) {
                std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / ref.length;
            }
        }
        double[][] x = data.x();
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = std[j] == 0 ? 0 : (row[j] - mean[j]) / Math.sqrt(std[j]);
            }
        }
        return withFeatures(data, x);
    }

    private static Dataset zeroed(Dataset data) {
        return withFeatures(data, new double[data.size()][data.features()]);
    }

    /** {@code data} with other features (same rows, targets, names). */
    private static Dataset withFeatures(Dataset data, double[][] x) {
        Dataset changed = data.isClassification()
                ? Dataset.classification(x, data.labels()).withClassNames(data.targetNames())
                : Dataset.regression(x, data.y());
        return changed.withFeatureNames(data.featureNames());
    }

    /** Every run, the run as given first and the input-independent baseline last. */
    public List<Trial> trials() {
        return trials;
    }

    /** Whether the runs were judged on validation data (else on the training data). */
    public boolean validated() {
        return validated;
    }

    private String judgedOn() {
        return validated ? "validation" : "training";
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format("The advice, tried (%d runs from the same initial weights and "
                + "batch order: each difference is the change's alone)%n", trials.size()));
        s.append(String.format("  %-28s  %-26s  %-28s  %s%n", "run", "change", "verdict", judgedOn()));
        for (Trial t : trials) {
            s.append(String.format("  %-28s  %-26s  %-28s  %s%n", t.name(), t.line(), t.verdict(), t.evaluation()));
        }
        return s.toString();
    }

    /** As an HTML table, for notebooks and reports. */
    public String toHtml() {
        StringBuilder s = new StringBuilder("<div class=\"mlplab-trials\"><p><b>The advice, tried</b>: ")
                .append(trials.size()).append(" runs from the same initial weights and batch order, so each "
                        + "difference is the change's alone.</p><table><tr><th>run</th><th>change</th><th>verdict</th>"
                        + "<th>").append(judgedOn()).append("</th></tr>");
        for (Trial t : trials) {
            s.append("<tr><td>").append(Html.escape(t.name())).append("</td><td><code>").append(Html.escape(t.line()))
                    .append("</code></td><td>").append(Html.escape(t.verdict())).append("</td><td>")
                    .append(Html.escape(t.evaluation().toString())).append("</td></tr>");
        }
        return s.append("</table></div>").toString();
    }
}
