package org.mlplab.diagnostics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mlplab.data.Dataset;

/**
 * What the verdict knows of the data a model trained on: each feature's spread, the class
 * counts, and the validation rows that are also training rows. Computed once per {@code fit}
 * without copying the data (the rows are read in blocks).
 *
 * @param featureNames the features, in order
 * @param std          each feature's standard deviation over the training rows
 * @param range        each feature's largest minus smallest value over the training rows
 * @param classCounts  training rows per class; empty for regression
 * @param majority     the fraction of the most common class in the validation rows (in the
 *                     training rows without validation data): the accuracy of always answering
 *                     it; NaN for regression
 * @param priorLoss    the cross-entropy, on the same rows as {@code majority}, of predicting the
 *                     training class frequencies for every row: the best loss a model that ignores
 *                     its inputs can reach (Karpathy's input-independent baseline, in closed form);
 *                     NaN for regression
 * @param repeated     validation rows whose features equal a training row's (by a 64-bit hash
 *                     of their values); 0 without validation data
 * @param validated    whether there was validation data
 */
public record DataFacts(List<String> featureNames, double[] std, double[] range, int[] classCounts, double majority,
                        double priorLoss, int repeated, boolean validated) {

    private static final int BLOCK = 256;

    /** A copy of each feature's standard deviation. */
    @Override
    public double[] std() {
        return std.clone();
    }

    /** A copy of each feature's range. */
    @Override
    public double[] range() {
        return range.clone();
    }

    /** A copy of the training rows per class. */
    @Override
    public int[] classCounts() {
        return classCounts.clone();
    }

    /** The facts of {@code train} and of {@code validation} against it (which may be {@code null}). */
    public static DataFacts of(Dataset train, Dataset validation) {
        int d = train.features();
        double[] sum = new double[d];
        double[] squares = new double[d];
        double[] low = new double[d];
        double[] high = new double[d];
        java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
        Set<Long> trainRows = validation == null ? null : new HashSet<>();
        forEachRow(train, row -> {
            for (int j = 0; j < d; j++) {
                double v = row[j];
                sum[j] += v;
                squares[j] += v * v;
                // comparisons, not Math.min/max, whose NaN and -0 rules (moot here: the data are finite
                // and only the range is kept) made them most of this loop's time on Fashion-MNIST
                low[j] = v < low[j] ? v : low[j];
                high[j] = v > high[j] ? v : high[j];
            }
            if (trainRows != null) {
                trainRows.add(hash(row));
            }
        });
        double[] std = new double[d];
        double[] range = new double[d];
        int n = train.size();
        for (int j = 0; j < d; j++) {
            double mean = sum[j] / n;
            std[j] = Math.sqrt(Math.max(0, squares[j] / n - mean * mean));
            range[j] = high[j] - low[j];
        }
        int[] repeated = {0};
        if (validation != null) {
            forEachRow(validation, row -> repeated[0] += trainRows.contains(hash(row)) ? 1 : 0);
        }
        int[] counts = train.isClassification() ? train.classCounts() : new int[0];
        double majority = Double.NaN;
        double priorLoss = Double.NaN;
        if (train.isClassification()) {
            int[] judged = validation == null ? counts : validation.classCounts();
            int most = 0;
            int all = 0;
            for (int c : judged) {
                most = Math.max(most, c);
                all += c;
            }
            majority = most / (double) all;
            priorLoss = 0;
            for (int c = 0; c < judged.length; c++) {
                if (judged[c] > 0) {   // a class the training rows lack gets the frequency of one row
                    double p = Math.max(c < counts.length ? counts[c] : 0, 1) / (double) (train.size() + 1);
                    priorLoss -= judged[c] / (double) all * Math.log(p);
                }
            }
        }
        return new DataFacts(train.featureNames(), std, range, counts, majority, priorLoss, repeated[0],
                validation != null);
    }

    /** The features whose value is the same in every training row. */
    public List<String> constantFeatures() {
        List<String> constant = new ArrayList<>();
        for (int j = 0; j < std.length; j++) {
            if (std[j] == 0) {
                constant.add(featureNames.get(j));
            }
        }
        return constant;
    }

    /** The range of the median varying feature (the lower median); 0 if none varies. */
    private double medianRange() {
        double[] varying = java.util.Arrays.stream(range).filter(r -> r > 0).sorted().toArray();
        return varying.length == 0 ? 0 : varying[(varying.length - 1) / 2];
    }

    private static int largest(double[] values) {
        int chosen = 0;
        for (int j = 1; j < values.length; j++) {
            chosen = values[j] > values[chosen] ? j : chosen;
        }
        return chosen;
    }

    /** The findings about the data: unscaled features, repeated rows, constant features, imbalanced classes. */
    List<Finding> findings(Thresholds t) {
        List<Finding> findings = new ArrayList<>();
        int widest = largest(range);
        int spread = largest(std);
        double median = medianRange();
        if (median > 0 && (range[widest] / median > t.unscaledSpread() || std[spread] > t.unscaledStd())) {
            findings.add(new Finding(Finding.Status.UNSCALED, List.of(), String.format(
                    "The features are not on one scale: '%s' spans %s (standard deviation %s), the median feature "
                            + "%s (%s times less). Large inputs make large pre-activations: saturated or dead units "
                            + "and a learning rate that suits no feature.", featureNames.get(widest),
                    Diagnostics.sci(range[widest]), Diagnostics.sci(std[widest]), Diagnostics.sci(median),
                    Diagnostics.sci(range[widest] / median)),
                    "Standardise the features: TableData.of(table).target(...).standardize() "
                            + "(command line: --scale standard)."));
        }
        if (repeated > 0) {
            findings.add(new Finding(Finding.Status.REPEATED_ROWS, List.of(), String.format(
                    "%d validation row%s also in the training data (same features): the validation score "
                            + "flatters the model.", repeated, repeated == 1 ? " is" : "s are"),
                    "Remove duplicate rows before splitting (table.dropDuplicateRows()), then split."));
        }
        List<String> constant = constantFeatures();
        if (!constant.isEmpty()) {
            findings.add(new Finding(Finding.Status.CONSTANT_FEATURES, List.of(), String.format(
                    "%d feature%s the same in every training row and carr%s no information: %s.", constant.size(),
                    constant.size() == 1 ? " is" : "s are", constant.size() == 1 ? "ies" : "y",
                    constant.size() <= 5 ? String.join(", ", constant)
                            : String.join(", ", constant.subList(0, 5)) + ", ..."),
                    "Leave them out with TableData.features(...) if they are not meant to vary."));
        }
        if (classCounts.length > 1) {
            int most = 0;
            int least = Integer.MAX_VALUE;
            for (int c : classCounts) {
                most = Math.max(most, c);
                least = Math.min(least, c);
            }
            if (least == 0 || most / (double) least > t.imbalance()) {
                findings.add(new Finding(Finding.Status.IMBALANCED, List.of(), String.format(
                        "The classes are imbalanced: the largest has %d training rows, the smallest %d. Accuracy "
                                + "then says little: always answering the largest class scores %.2f.", most, least,
                        majority), "Read the confusion matrix (per-class errors), not only the accuracy; "
                        + "collect or resample rows of the small classes."));
            }
        }
        return findings;
    }

    private static long hash(double[] row) {
        long h = 0x9E3779B97F4A7C15L;
        for (double v : row) {
            h = (h ^ Double.doubleToLongBits(v + 0.0)) * 0xBF58476D1CE4E5B9L;   // + 0.0: -0 and 0 alike
            h ^= h >>> 31;
        }
        return h;
    }

    /** Calls {@code action} with each row's features, read in blocks into one reused array. */
    private static void forEachRow(Dataset data, java.util.function.Consumer<double[]> action) {
        int d = data.features();
        int[] order = java.util.stream.IntStream.range(0, data.size()).toArray();
        double[] block = new double[BLOCK * d];
        double[] row = new double[d];
        for (int from = 0; from < data.size(); from += BLOCK) {
            int count = Math.min(BLOCK, data.size() - from);
            data.gatherFeatures(order, from, count, block);
            for (int r = 0; r < count; r++) {
                System.arraycopy(block, r * d, row, 0, d);
                action.accept(row);
            }
        }
    }
}
