package org.mlplab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Features and targets for training or evaluation: rows are samples. Immutable.
 *
 * <p>A dataset is either for <em>classification</em> (one class index per row, {@code 0..classes-1})
 * or for <em>regression</em> (one or more real-valued targets per row). Column names and class
 * names travel with the data so that charts and reports can use them.
 *
 * <p>Features are held row-major ({@code rows × features}) so that the trainer can gather a
 * mini-batch with a few array copies: as {@code double} values, or, for images such as
 * Fashion-MNIST's ({@link Idx}), as one byte per pixel (an eighth of the memory) that reads back
 * as the same {@code double} value.
 */
public final class Dataset {
    private final FeatureStore x;      // rows × features, row-major
    private final int rows;
    private final int features;
    private final int[] labels;        // classification: class index per row; else null
    private final double[] y;          // regression: rows × outputs, row-major; else null
    private final int outputs;         // classes (classification) or target columns (regression)
    private final List<String> featureNames;
    private final List<String> targetNames; // class names (classification) or target column names
    private final Encoding encoding;        // how a raw Table row became these features, or null

    private Dataset(FeatureStore x, int rows, int features, int[] labels, double[] y, int outputs,
                    List<String> featureNames, List<String> targetNames, Encoding encoding) {
        this.x = x;
        this.rows = rows;
        this.features = features;
        this.labels = labels;
        this.y = y;
        this.outputs = outputs;
        this.featureNames = List.copyOf(featureNames);
        this.targetNames = List.copyOf(targetNames);
        this.encoding = encoding;
        // every way in (the factories, rows of another dataset, an encoded table) ends here: no NaN or
        // infinity reaches training, where it would look like divergence and undo a good update
        checkFinite(x, rows * features, this.featureNames, "feature");
        if (y != null) {
            checkFinite(new FeatureStore.Doubles(y), rows * outputs, this.targetNames, "target");
        }
    }

    /**
     * A classification dataset. The number of classes is {@code max(labels) + 1}; use
     * {@link #withClassNames} to name them (and to fix their number when a split lacks the last class).
     *
     * @param x      features, {@code rows × features}; not modified (copied)
     * @param labels class index per row, each in {@code 0..classes-1}; not modified (copied)
     * @throws IllegalArgumentException for empty data, ragged rows, NaN/Inf features, negative
     *                                  labels or a row count that differs from the labels'
     */
    public static Dataset classification(double[][] x, int[] labels) {
        java.util.Objects.requireNonNull(labels, "the labels are null: give one class index per row");
        int n = checkedRows(x, labels.length, "labels");
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i
                        + " is negative: class labels must be 0, 1, 2, ...");
            }
        }
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        return new Dataset(new FeatureStore.Doubles(flatten(x)), n, x[0].length, labels.clone(), null, classes,
                defaultNames("x", x[0].length), defaultNames("class ", classes), null);
    }

    /**
     * A regression dataset with one target per row.
     *
     * @param x features, {@code rows × features}; not modified (copied)
     * @param y target per row; not modified (copied)
     */
    public static Dataset regression(double[][] x, double[] y) {
        java.util.Objects.requireNonNull(y, "the targets are null: give one value per row");
        double[][] column = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            column[i] = new double[] {y[i]};
        }
        return regression(x, column);
    }

    /**
     * A regression dataset with several targets per row.
     *
     * @param x features, {@code rows × features}; not modified (copied)
     * @param y targets, {@code rows × outputs}; not modified (copied)
     */
    public static Dataset regression(double[][] x, double[][] y) {
        int n = checkedRows(x, y.length, "targets");
        return new Dataset(new FeatureStore.Doubles(flatten(x)), n, x[0].length, null, flatten(y), y[0].length,
                defaultNames("x", x[0].length), defaultNames("y", y[0].length), null);
    }

    /**
     * A classification dataset over row-major features stored one byte per value (images), each
     * byte standing for {@code levels[byte & 0xFF]}: an eighth of the memory of {@code double}
     * values, read back as the same values. The caller hands the arrays over (not copied).
     */
    static Dataset classificationOfBytes(byte[] codes, double[] levels, int features, int[] labels,
                                         List<String> classNames) {
        int classes = classNames.size();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside 0.." + (classes - 1));
            }
        }
        return new Dataset(new FeatureStore.Bytes(codes, levels), labels.length, features, labels, null, classes,
                defaultNames("x", features), classNames, null);
    }

    /** The same data, remembering how it was encoded from a table (see {@link TableData}). */
    public Dataset withEncoding(Encoding encoding) {
        if (encoding.width() != features) {
            throw new IllegalArgumentException("the encoding makes " + encoding.width() + " features, the data has "
                    + features);
        }
        return new Dataset(x, rows, features, labels, y, outputs, featureNames, targetNames, encoding);
    }

    /** How a raw {@code Table} row became these features, when the data came from {@link TableData}. */
    public java.util.Optional<Encoding> encoding() {
        return java.util.Optional.ofNullable(encoding);
    }

    /** Number of rows (samples). */
    public int size() {
        return rows;
    }

    /** Number of feature columns. */
    public int features() {
        return features;
    }

    /** Whether the targets are class labels (else real-valued regression targets). */
    public boolean isClassification() {
        return labels != null;
    }

    /** Number of classes (classification) or of target columns (regression). */
    public int outputs() {
        return outputs;
    }

    /** Feature column names, in column order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Class names (classification) or target column names (regression). */
    public List<String> targetNames() {
        return targetNames;
    }

    /** A copy of the features, {@code rows × features}. */
    public double[][] x() {
        double[][] copy = new double[rows][features];
        int[] order = {0};
        for (int i = 0; i < rows; i++) {
            order[0] = i;
            x.gather(order, 0, 1, features, copy[i]);
        }
        return copy;
    }

    /** A copy of the class labels; only for classification. */
    public int[] labels() {
        requireClassification();
        return labels.clone();
    }

    /** A copy of the regression targets, {@code rows × outputs}; only for regression. */
    public double[][] y() {
        if (isClassification()) {
            throw new IllegalStateException("this is a classification dataset: use labels()");
        }
        return unflatten(y, rows, outputs);
    }

    /** The same data with these feature names (one per column). */
    public Dataset withFeatureNames(List<String> names) {
        if (names.size() != features) {
            throw new IllegalArgumentException("got " + names.size() + " feature names for "
                    + features + " feature columns");
        }
        return new Dataset(x, rows, features, labels, y, outputs, names, targetNames, encoding);
    }

    /**
     * The same data with these class names (classification) or target names (regression).
     * For classification the number of names sets the number of classes; every label must be
     * below it.
     */
    public Dataset withClassNames(List<String> names) {
        if (isClassification()) {
            int max = Arrays.stream(labels).max().orElse(0);
            if (names.size() <= max) {
                throw new IllegalArgumentException("got " + names.size() + " class names but the labels go up to "
                        + max + ": give one name per class, in label order");
            }
        } else if (names.size() != outputs) {
            throw new IllegalArgumentException("got " + names.size() + " target names for " + outputs + " targets");
        }
        return new Dataset(x, rows, features, labels, y, isClassification() ? names.size() : outputs,
                featureNames, names, encoding);
    }

    /** The rows at these indices, in this order (names kept). */
    public Dataset rows(int[] indices) {
        FeatureStore nx = x.rows(indices, features);
        int[] nl = null;
        double[] ny = null;
        if (isClassification()) {
            nl = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                nl[i] = labels[indices[i]];
            }
        } else {
            ny = new double[indices.length * outputs];
            gatherTargets(indices, 0, indices.length, outputs, ny);
        }
        return new Dataset(nx, indices.length, features, nl, ny, outputs, featureNames, targetNames, encoding);
    }

    /**
     * The indices of {@code min(count, size())} rows spread evenly over the data, in order: rows
     * {@code 0, n/count, 2n/count, ...}. Data sorted by class (as a stratified split leaves it)
     * still gives rows of every class, where its first rows could all be one class.
     */
    public int[] spreadRows(int count) {
        int n = Math.min(count, size());
        return IntStream.range(0, n).map(i -> (int) ((long) i * size() / n)).toArray();
    }

    /** The rows {@code from} (inclusive) to {@code to} (exclusive). */
    public Dataset rows(int from, int to) {
        return rows(IntStream.range(from, to).toArray());
    }

    /**
     * Copies the features of rows {@code order[from..from+count)} into {@code dest}, row-major.
     * Used by the trainer to fill a mini-batch without allocating.
     *
     * @param dest Modified: its first {@code count × features} entries
     */
    public void gatherFeatures(int[] order, int from, int count, double[] dest) {
        x.gather(order, from, count, features, dest);
    }

    /**
     * Writes the targets of rows {@code order[from..from+count)} into {@code dest} as a
     * {@code count × width} row-major block: one-hot rows of {@code width} classes for
     * classification (the model's output units, which may be more than this data's classes: a
     * test set can lack a class), the targets for regression ({@code width} = {@link #outputs()}).
     * A binary classifier with a single sigmoid output uses {@link #gatherLabels} instead.
     *
     * @param width the row width: the model's output units
     * @param dest  Modified: its first {@code count × width} entries
     * @throws IllegalArgumentException if {@code width} cannot hold these targets
     */
    public void gatherTargets(int[] order, int from, int count, int width, double[] dest) {
        if (isClassification() ? width < outputs : width != outputs) {
            throw new IllegalArgumentException("rows of " + width + " values cannot hold the " + outputs + " "
                    + (isClassification() ? "classes" : "targets") + " " + targetNames);
        }
        if (isClassification()) {
            Arrays.fill(dest, 0, count * width, 0.0);
            for (int i = 0; i < count; i++) {
                dest[i * width + labels[order[from + i]]] = 1.0;
            }
        } else {
            for (int i = 0; i < count; i++) {
                System.arraycopy(y, order[from + i] * outputs, dest, i * outputs, outputs);
            }
        }
    }

    /**
     * Writes the class labels of rows {@code order[from..from+count)} into {@code dest} as
     * 0.0/1.0/2.0...; only for classification.
     *
     * @param dest Modified: its first {@code count} entries
     */
    public void gatherLabels(int[] order, int from, int count, double[] dest) {
        requireClassification();
        for (int i = 0; i < count; i++) {
            dest[i] = labels[order[from + i]];
        }
    }

    /** The class label of one row; only for classification. */
    public int label(int row) {
        requireClassification();
        return labels[row];
    }

    /** Rows per class, indexed by class; only for classification. */
    public int[] classCounts() {
        requireClassification();
        int[] counts = new int[outputs];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return isClassification()
                ? String.format("Dataset: %d rows × %d features, %d classes %s", rows, features, outputs, targetNames)
                : String.format("Dataset: %d rows × %d features, regression target %s", rows, features, targetNames);
    }

    private void requireClassification() {
        if (!isClassification()) {
            throw new IllegalStateException("this is a regression dataset: it has targets, not class labels");
        }
    }

    private static int checkedRows(double[][] x, int targetRows, String what) {
        java.util.Objects.requireNonNull(x, "the features are null: give a double[][], one row per sample");
        for (int i = 0; i < x.length; i++) {
            java.util.Objects.requireNonNull(x[i], "row " + i + " of the features is null");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("the dataset is empty: it needs at least one row");
        }
        if (x.length != targetRows) {
            throw new IllegalArgumentException("features have " + x.length + " rows but " + what + " have "
                    + targetRows + ": give one target per row");
        }
        int width = x[0].length;
        if (width == 0) {
            throw new IllegalArgumentException("the dataset has no feature columns");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, row 0 has "
                        + width + ": every row needs the same number of features");
            }
        }
        return x.length;
    }

    /** Refuses a NaN or infinity among the first {@code count} values, rows of {@code names.size()}. */
    private static void checkFinite(FeatureStore values, int count, List<String> names, String what) {
        int k = values.firstNonFinite(count);
        if (k >= 0) {
            int width = names.size();
            throw new IllegalArgumentException(what + " '" + names.get(k % width) + "' of row " + (k / width) + " is "
                    + values.get(k) + ": remove or impute missing and infinite values before training");
        }
    }

    private static double[] flatten(double[][] rowsArray) {
        int width = rowsArray[0].length;
        double[] flat = new double[rowsArray.length * width];
        for (int i = 0; i < rowsArray.length; i++) {
            if (rowsArray[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + rowsArray[i].length + " values, row 0 has "
                        + width + ": every row needs the same number of values");
            }
            System.arraycopy(rowsArray[i], 0, flat, i * width, width);
        }
        return flat;
    }

    private static double[][] unflatten(double[] flat, int rows, int cols) {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return out;
    }

    private static List<String> defaultNames(String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }
}
