package org.mlplab.train;

import java.util.List;
import org.mlplab.data.Dataset;
import org.mlplab.internal.Html;
import org.mlplab.nn.Network;

/**
 * How often each class was predicted as each class: {@code count(actual, predicted)}. Rows are
 * the actual classes, columns the predicted ones; the diagonal holds the correct predictions.
 * Immutable.
 *
 * <pre>{@code
 * var cm = ConfusionMatrix.of(model, data.test());
 * cm.accuracy();  cm.recall(2);  cm   // cell output: the matrix as a table and a heat map
 * }</pre>
 */
public final class ConfusionMatrix {
    private final List<String> classNames;
    private final int[][] counts;   // [actual][predicted]
    private final int total;

    private ConfusionMatrix(List<String> classNames, int[][] counts) {
        this.classNames = List.copyOf(classNames);
        this.counts = counts;
        int sum = 0;
        for (int[] row : counts) {
            for (int c : row) {
                sum += c;
            }
        }
        this.total = sum;
    }

    /**
     * The confusion matrix of {@code model}'s predictions on {@code data}, with the data's class names.
     *
     * @param data a classification dataset; not modified
     * @throws IllegalArgumentException for regression data or data that does not fit the model
     */
    public static ConfusionMatrix of(Network model, Dataset data) {
        java.util.Objects.requireNonNull(data, "the data is null: give a Dataset, e.g. split.test()");
        if (!data.isClassification()) {
            throw new IllegalArgumentException("a confusion matrix needs class labels, but the data has real-valued "
                    + "targets " + data.targetNames() + ": use model.evaluate(data) for regression");
        }
        model.check(data, "data");
        // a test set can lack the model's last classes (its highest label says fewer): they are
        // still predicted, so the matrix has a row and a column for every class of the model
        List<String> names = new java.util.ArrayList<>(data.targetNames());
        for (int k = names.size(); k < Math.max(2, model.outputs()); k++) {
            names.add("class " + k);
        }
        return of(data.labels(), model.predictClasses(data), names);
    }

    /**
     * The confusion matrix of {@code predicted} against {@code actual}.
     *
     * @param actual     true class per row, each in {@code 0..classNames.size()-1}; not modified
     * @param predicted  predicted class per row, same range; not modified
     * @param classNames one name per class, in label order
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted, List<String> classNames) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("got " + actual.length + " actual classes but " + predicted.length
                    + " predictions: give one prediction per row");
        }
        int k = classNames.size();
        int[][] counts = new int[k][k];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("row " + i + " has class " + actual[i] + " predicted as "
                        + predicted[i] + ", outside 0.." + (k - 1) + " (" + k + " class names)");
            }
            counts[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(classNames, counts);
    }

    /** The class names, in label order. */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of classes. */
    public int classes() {
        return classNames.size();
    }

    /** How many rows of class {@code actual} were predicted as {@code predicted}. */
    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** A copy of the counts, {@code [actual][predicted]}. */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** Number of rows counted. */
    public int total() {
        return total;
    }

    /** Fraction of rows predicted correctly (the diagonal over the total); NaN for no rows. */
    public double accuracy() {
        int correct = 0;
        for (int k = 0; k < counts.length; k++) {
            correct += counts[k][k];
        }
        return total == 0 ? Double.NaN : correct / (double) total;
    }

    /** Of the rows predicted as class {@code k}, the fraction that are {@code k}; NaN if {@code k} was never predicted. */
    public double precision(int k) {
        int predicted = 0;
        for (int[] row : counts) {
            predicted += row[k];
        }
        return predicted == 0 ? Double.NaN : counts[k][k] / (double) predicted;
    }

    /** Of the rows of class {@code k}, the fraction predicted as {@code k}; NaN if there are none. */
    public double recall(int k) {
        int actual = 0;
        for (int c : counts[k]) {
            actual += c;
        }
        return actual == 0 ? Double.NaN : counts[k][k] / (double) actual;
    }


    @Override
    public String toString() {
        int nameWidth = Math.max(6, classNames.stream().mapToInt(String::length).max().orElse(0));
        int cell = Math.max(5, String.valueOf(total).length());
        for (String name : classNames) {
            cell = Math.max(cell, Math.min(12, name.length()));
        }
        StringBuilder s = new StringBuilder(String.format("Confusion matrix: %d rows, %d classes, accuracy %.1f %%%n",
                total, classes(), 100 * accuracy()));
        s.append(String.format("%-" + nameWidth + "s", "actual")).append(" \\ predicted\n");
        s.append(" ".repeat(nameWidth));
        for (String name : classNames) {
            s.append("  ").append(String.format("%" + cell + "s", clip(name, cell)));
        }
        s.append(String.format("  %9s  %9s%n", "precision", "recall"));
        for (int a = 0; a < classes(); a++) {
            s.append(String.format("%-" + nameWidth + "s", classNames.get(a)));
            for (int p = 0; p < classes(); p++) {
                s.append("  ").append(String.format("%" + cell + "d", counts[a][p]));
            }
            s.append(String.format("  %9s  %9s%n", percent(precision(a)), percent(recall(a))));
        }
        return s.toString();
    }

    /** As an HTML fragment, for notebooks and reports. */
    public String toHtml() {
        StringBuilder s = new StringBuilder(String.format("<div class=\"mlplab-confusion\"><p><b>Confusion matrix</b>: "
                + "%d rows, %d classes, accuracy %.1f %%</p>", total, classes(), 100 * accuracy()));
        s.append("<table><tr><th>actual \\ predicted</th>");
        for (String name : classNames) {
            s.append("<th>").append(Html.escape(name)).append("</th>");
        }
        s.append("<th>precision</th><th>recall</th></tr>");
        for (int a = 0; a < classes(); a++) {
            s.append("<tr><th>").append(Html.escape(classNames.get(a))).append("</th>");
            for (int p = 0; p < classes(); p++) {
                s.append(a == p ? "<td><b>" : "<td>").append(counts[a][p]).append(a == p ? "</b></td>" : "</td>");
            }
            s.append("<td>").append(percent(precision(a))).append("</td><td>").append(percent(recall(a)))
                    .append("</td></tr>");
        }
        return s.append("</table></div>").toString();
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format("%.1f %%", 100 * fraction);
    }

    private static String clip(String name, int width) {
        return name.length() <= width ? name : name.substring(0, width - 1) + "…";
    }
}
