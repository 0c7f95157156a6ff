package org.mlplab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * From a Tablesaw {@link Table} to training data in a line:
 * <pre>{@code
 * var data = TableData.of(iris).target("species").standardize().split(0.8, 42);
 * model.fit(data.train(), Fit.epochs(100).validation(data.test()));
 * }</pre>
 * A text target becomes class labels (class names sorted); a numeric one a regression target,
 * or classes with {@link #classification()}. Features are all other columns unless chosen;
 * numeric columns are used as they are (or scaled), text columns one-hot encoded. Scaling and
 * imputation statistics are fitted on the <em>training rows only</em> and applied unchanged to
 * the validation and test rows — no leakage; the category vocabulary comes from all rows. Splits
 * are seeded and stratified for classification. The table is never modified.
 *
 * <p>Immutable: every setting returns a new {@code TableData}.
 */
public final class TableData {
    /** How numeric features are scaled. */
    private enum Scaling { NONE, STANDARDIZE, MIN_MAX }

    /** What to do with missing values. */
    private enum Missing { FAIL, DROP, IMPUTE }

    private static final int MAX_CATEGORIES = 100;

    private final Table table;
    private final String target;
    private final List<String> features;
    private final boolean forceClasses;
    private final Scaling scaling;
    private final Missing missing;

    private TableData(Table table, String target, List<String> features, boolean forceClasses, Scaling scaling,
                      Missing missing) {
        this.table = table;
        this.target = target;
        this.features = features;
        this.forceClasses = forceClasses;
        this.scaling = scaling;
        this.missing = missing;
    }

    /**
     * Starts from {@code table}.
     *
     * @throws IllegalArgumentException for an empty table
     */
    public static TableData of(Table table) {
        java.util.Objects.requireNonNull(table, "the table is null: give a Tablesaw Table, e.g. Datasets.iris() or "
                + "Table.read().csv(path)");
        if (table.rowCount() == 0 || table.columnCount() == 0) {
            throw new IllegalArgumentException("the table '" + table.name() + "' is empty: it needs rows and columns");
        }
        return new TableData(table, null, null, false, Scaling.NONE, Missing.FAIL);
    }

    /**
     * The column to predict.
     *
     * @throws IllegalArgumentException for an unknown column (the message lists the columns)
     */
    public TableData target(String column) {
        requireColumn(column, "target");
        return new TableData(table, column, features, forceClasses, scaling, missing);
    }

    /** The feature columns (default: every column but the target). */
    public TableData features(String... columns) {
        for (String c : columns) {
            requireColumn(c, "feature");
        }
        return new TableData(table, target, List.of(columns), forceClasses, scaling, missing);
    }

    /** Treat a numeric target as class labels (e.g. digits 0-9). */
    public TableData classification() {
        return new TableData(table, target, features, true, scaling, missing);
    }

    /** Scale numeric features to mean 0, standard deviation 1 (statistics of the training rows). */
    public TableData standardize() {
        return new TableData(table, target, features, forceClasses, Scaling.STANDARDIZE, missing);
    }

    /** Scale numeric features to [0, 1] (minimum and range of the training rows). */
    public TableData minMax() {
        return new TableData(table, target, features, forceClasses, Scaling.MIN_MAX, missing);
    }

    /** Drop every row with a missing value in a used column. */
    public TableData dropMissing() {
        return new TableData(table, target, features, forceClasses, scaling, Missing.DROP);
    }

    /** Fill missing features: numeric with the training mean, text with the most frequent training value. */
    public TableData impute() {
        return new TableData(table, target, features, forceClasses, scaling, Missing.IMPUTE);
    }

    /**
     * A seeded train/test split (stratified for classification).
     *
     * @param trainFraction the fraction of rows to train on, e.g. 0.8
     */
    public Split split(double trainFraction, long seed) {
        requireFraction(trainFraction, "train fraction");
        Rows rows = rows();
        int[][] parts = rows.partition(new double[] {trainFraction, 1 - trainFraction}, seed);
        Encoding encoding = fit(rows.kept(parts[0]));
        return new Split(dataset(encoding, rows.kept(parts[0])), null, dataset(encoding, rows.kept(parts[1])));
    }

    /**
     * A seeded train/validation/test split (stratified for classification).
     *
     * @param trainFraction      e.g. 0.7
     * @param validationFraction e.g. 0.15 (the test part is the rest)
     */
    public Split split(double trainFraction, double validationFraction, long seed) {
        requireFraction(trainFraction, "train fraction");
        requireFraction(validationFraction, "validation fraction");
        requireFraction(trainFraction + validationFraction, "train + validation fraction");
        Rows rows = rows();
        int[][] parts = rows.partition(new double[] {trainFraction, validationFraction,
            1 - trainFraction - validationFraction}, seed);
        Encoding encoding = fit(rows.kept(parts[0]));
        return new Split(dataset(encoding, rows.kept(parts[0])), dataset(encoding, rows.kept(parts[1])),
                dataset(encoding, rows.kept(parts[2])));
    }

    /**
     * Seeded k-fold cross-validation (stratified for classification): {@code k} splits whose
     * test parts partition the rows; each is encoded with statistics of its own training rows.
     */
    public List<Split> kFold(int k, long seed) {
        Rows rows = rows();
        if (k < 2 || k > rows.count()) {
            throw new IllegalArgumentException("k-fold needs 2 ≤ k ≤ rows (" + rows.count() + "), got " + k);
        }
        double[] fractions = new double[k];
        Arrays.fill(fractions, 1.0 / k);
        int[][] folds = rows.partition(fractions, seed);
        List<Split> splits = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int fold = f;
            int[] train = IntStream.range(0, k).filter(i -> i != fold).flatMap(i -> Arrays.stream(folds[i])).sorted()
                    .toArray();
            Encoding encoding = fit(rows.kept(train));
            splits.add(new Split(dataset(encoding, rows.kept(train)), null, dataset(encoding, rows.kept(folds[f]))));
        }
        return splits;
    }

    /** All rows as one dataset (statistics fitted on all of them): for training on everything. */
    public Dataset all() {
        Rows rows = rows();
        int[] every = IntStream.range(0, rows.count()).toArray();
        return dataset(fit(rows.kept(every)), rows.kept(every));
    }

    // ---- internals ----

    /** The usable rows (after dropping missing ones) with their labels for stratification. */
    private final class Rows {
        final int[] rows;        // indices into the table
        final int[] labels;      // class per usable row, or null for regression

        Rows(int[] rows, int[] labels) {
            this.rows = rows;
            this.labels = labels;
        }

        int count() {
            return rows.length;
        }

        int[] kept(int[] positions) {
            return Arrays.stream(positions).map(p -> rows[p]).toArray();
        }

        /** Positions split by fractions; per class when classifying, so that each part keeps the class mix. */
        int[][] partition(double[] fractions, long seed) {
            Random random = new Random(seed);
            List<List<Integer>> parts = new ArrayList<>();
            for (int i = 0; i < fractions.length; i++) {
                parts.add(new ArrayList<>());
            }
            Map<Integer, List<Integer>> strata = new LinkedHashMap<>();
            for (int p = 0; p < rows.length; p++) {
                strata.computeIfAbsent(labels == null ? 0 : labels[p], k -> new ArrayList<>()).add(p);
            }
            for (List<Integer> stratum : strata.values()) {
                Collections.shuffle(stratum, random);
                double cumulative = 0;
                int start = 0;
                for (int i = 0; i < fractions.length; i++) {
                    cumulative += fractions[i];
                    int end = i == fractions.length - 1 ? stratum.size() : (int) Math.round(cumulative * stratum.size());
                    parts.get(i).addAll(stratum.subList(start, Math.max(start, Math.min(end, stratum.size()))));
                    start = Math.max(start, Math.min(end, stratum.size()));
                }
            }
            int[][] out = new int[fractions.length][];
            for (int i = 0; i < fractions.length; i++) {
                out[i] = parts.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
                if (out[i].length == 0) {
                    String[] names = fractions.length == 2 ? new String[] {"training", "test"}
                            : new String[] {"training", "validation", "test"};
                    throw new IllegalArgumentException("the " + names[i] + " part of the split is empty: " + rows.length
                            + " rows are too few for the fractions " + Arrays.stream(fractions)
                            .mapToObj(f -> String.format("%.3g", f)).toList() + "; give that part a larger fraction");
                }
            }
            return out;
        }
    }

    private List<String> featureColumns() {
        if (features != null) {
            if (features.contains(target)) {
                throw new IllegalArgumentException("the target '" + target + "' cannot also be a feature");
            }
            return features;
        }
        return table.columnNames().stream().filter(c -> !c.equals(target)).toList();
    }

    /**
     * Refuses a text column whose values are numbers but for a few cells (at most a tenth): one
     * {@code inf} or {@code abc} makes a reader read a numeric column as text, which would then be
     * one-hot encoded without a word. The message names the cells.
     */
    private static void requireNotNumbersButForAFewCells(Column<?> column) {
        List<Integer> odd = new ArrayList<>();
        int present = 0;
        for (int r = 0; r < column.size(); r++) {
            if (!Encoding.isMissing(column, r)) {
                present++;
                if (!Csv.NUMBER.matcher(column.getString(r).trim()).matches()) {
                    odd.add(r);
                }
            }
        }
        if (!odd.isEmpty() && odd.size() <= present / 10) {
            StringBuilder cells = new StringBuilder();
            for (int r : odd.subList(0, Math.min(5, odd.size()))) {
                cells.append(cells.length() == 0 ? "" : ", ").append("row ").append(r).append(" (line ").append(r + 2)
                        .append(" of a CSV file with a header): '").append(column.getString(r)).append('\'');
            }
            throw new IllegalArgumentException("column '" + column.name() + "' holds numbers but for " + odd.size()
                    + " of its " + present + " values, so it was read as text: " + cells
                    + (odd.size() > 5 ? ", ..." : "") + ". Correct those cells, or empty them and drop or impute the "
                    + "rows (.dropMissing() / .impute(); on the command line --missing drop or impute)");
        }
    }

    private boolean isClassification() {
        return forceClasses || !(table.column(target) instanceof NumberColumn);
    }

    private Rows rows() {
        if (target == null) {
            throw new IllegalArgumentException("choose the target column first: TableData.of(table).target(\"name\")");
        }
        List<String> used = new ArrayList<>(featureColumns());
        if (used.isEmpty()) {
            throw new IllegalArgumentException("no feature columns: the table has only the target '" + target + "'");
        }
        for (String c : used) {
            Column<?> column = table.column(c);
            if (!(column instanceof NumberColumn)) {
                requireNotNumbersButForAFewCells(column);
                int distinct = column.countUnique();
                if (distinct > MAX_CATEGORIES) {
                    throw new IllegalArgumentException("column '" + c + "' (" + column.type().name() + ") has " + distinct
                            + " distinct values: too many to one-hot encode. Leave it out with .features(...) or "
                            + "convert it to numbers first");
                }
            }
        }
        if (!(table.column(target) instanceof NumberColumn)) {
            requireNotNumbersButForAFewCells(table.column(target));
        }
        used.add(target);
        Map<String, Integer> missingCounts = new LinkedHashMap<>();
        boolean[] incomplete = new boolean[table.rowCount()];
        for (String c : used) {
            Column<?> column = table.column(c);
            int count = 0;
            for (int r = 0; r < table.rowCount(); r++) {
                if (Encoding.isMissing(column, r)) {
                    count++;
                    if (missing == Missing.DROP || c.equals(target)) {
                        incomplete[r] = true;
                    }
                }
            }
            if (count > 0) {
                missingCounts.put(c, count);
            }
        }
        if (!missingCounts.isEmpty() && (missing == Missing.FAIL || missingCounts.containsKey(target)
                && missing != Missing.DROP)) {
            throw new IllegalArgumentException("missing values (column → rows): " + missingCounts
                    + ". Choose .dropMissing() to drop those rows"
                    + (missingCounts.containsKey(target) ? " (a missing target cannot be imputed)"
                    : " or .impute() to fill them from the training rows")
                    + " (on the command line: --missing drop" + (missingCounts.containsKey(target) ? ")" : " or impute)"));
        }
        int[] usable = IntStream.range(0, table.rowCount()).filter(r -> !incomplete[r]).toArray();
        if (usable.length == 0) {
            throw new IllegalArgumentException("no rows left after dropping rows with missing values");
        }
        int[] labels = null;
        if (isClassification()) {
            List<String> classes = classNames(usable);
            if (classes.size() < 2) {
                throw new IllegalArgumentException("the target '" + target + "' has a single class " + classes
                        + ": a classifier needs at least two");
            }
            Column<?> column = table.column(target);
            labels = Arrays.stream(usable).map(r -> classes.indexOf(column.getString(r))).toArray();
        }
        return new Rows(usable, labels);
    }

    /** Distinct target values, sorted (numerically for a numeric target). */
    private List<String> classNames(int[] usable) {
        Column<?> column = table.column(target);
        if (column instanceof NumberColumn<?, ?> numbers) {
            TreeSet<Double> values = new TreeSet<>();
            for (int r : usable) {
                values.add(numbers.getDouble(r));
            }
            List<String> names = new ArrayList<>();
            Map<Double, String> seen = new LinkedHashMap<>();
            for (int r : usable) {
                seen.putIfAbsent(numbers.getDouble(r), column.getString(r));
            }
            values.forEach(v -> names.add(seen.get(v)));
            return names;
        }
        TreeSet<String> values = new TreeSet<>();
        for (int r : usable) {
            values.add(column.getString(r));
        }
        return new ArrayList<>(values);
    }

    /** Fits scaling, imputation and categories; statistics come from {@code trainRows} only. */
    private Encoding fit(int[] trainRows) {
        List<Encoding.Feature> encoded = new ArrayList<>();
        for (String c : featureColumns()) {
            Column<?> column = table.column(c);
            if (column instanceof NumberColumn<?, ?> numbers) {
                double sum = 0;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                int n = 0;
                for (int r : trainRows) {
                    if (!Encoding.isMissing(numbers, r)) {
                        double v = numbers.getDouble(r);
                        sum += v;
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                        n++;
                    }
                }
                if (n == 0) {
                    throw new IllegalArgumentException("column '" + c + "' has no values in the training rows: nothing "
                            + "to scale or impute it from; leave it out with .features(...)");
                }
                // the moments of v / scale, then scaled back: a value near 1e308 overflows neither the sum
                // nor the squares (which would give a standard deviation of infinity: every value scaled to 0)
                double scale = Math.max(Math.abs(min), Math.abs(max));
                scale = scale > 0 && Double.isFinite(scale) ? scale : 1;
                double mean = sum / n;
                if (!Double.isFinite(mean)) {
                    mean = 0;
                    for (int r : trainRows) {
                        if (!Encoding.isMissing(numbers, r)) {
                            mean += numbers.getDouble(r) / scale;
                        }
                    }
                    mean = mean / n * scale;
                }
                double squares = 0;
                for (int r : trainRows) {
                    if (!Encoding.isMissing(numbers, r)) {
                        double d = numbers.getDouble(r) / scale - mean / scale;
                        squares += d * d;
                    }
                }
                double sd = Math.sqrt(squares / n) * scale;
                double fill = missing == Missing.IMPUTE ? mean : Double.NaN;
                encoded.add(switch (scaling) {
                    case NONE -> new Encoding.Numeric(c, 0, 1, fill);
                    case STANDARDIZE -> new Encoding.Numeric(c, mean, sd > 0 ? sd : 1, fill);
                    case MIN_MAX -> new Encoding.Numeric(c, min, max > min ? max - min : 1, fill);
                });
            } else {
                TreeSet<String> categories = new TreeSet<>();
                for (int r = 0; r < table.rowCount(); r++) {
                    if (!Encoding.isMissing(column, r)) {
                        categories.add(column.getString(r));
                    }
                }
                String fill = null;
                if (missing == Missing.IMPUTE) {
                    Map<String, Integer> counts = new LinkedHashMap<>();
                    for (int r : trainRows) {
                        if (!Encoding.isMissing(column, r)) {
                            counts.merge(column.getString(r), 1, Integer::sum);
                        }
                    }
                    fill = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                            .orElse(null);
                }
                encoded.add(new Encoding.Categorical(c, new ArrayList<>(categories), fill));
            }
        }
        List<String> classes = isClassification()
                ? classNames(IntStream.range(0, table.rowCount()).filter(r -> !Encoding.isMissing(table.column(target), r)).toArray())
                : null;
        return new Encoding(encoded, target, classes);
    }

    /** Encodes the given table rows into a dataset carrying the encoding. */
    private Dataset dataset(Encoding encoding, int[] tableRows) {
        Table part = table.rows(tableRows);
        double[][] x = encoding.encode(part);
        Dataset data;
        if (encoding.classes().isEmpty()) {
            NumberColumn<?, ?> y = (NumberColumn<?, ?>) part.column(target);
            data = Dataset.regression(x, IntStream.range(0, part.rowCount()).mapToDouble(y::getDouble).toArray())
                    .withClassNames(List.of(target));
        } else {
            Column<?> y = part.column(target);
            int[] labels = IntStream.range(0, part.rowCount()).map(r -> encoding.classes().indexOf(y.getString(r)))
                    .toArray();
            data = Dataset.classification(x, labels).withClassNames(encoding.classes());
        }
        return data.withFeatureNames(encoding.featureNames()).withEncoding(encoding);
    }

    private void requireColumn(String column, String role) {
        if (!table.columnNames().contains(column)) {
            throw new IllegalArgumentException("unknown " + role + " column '" + column + "'; the table has "
                    + table.columnNames());
        }
    }

    private static void requireFraction(double f, String what) {
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1 (exclusive), got " + f);
        }
    }

    @Override
    public String toString() {
        return "TableData: " + table.name() + " (" + table.rowCount() + " rows), target " + target
                + ", scaling " + scaling.name().toLowerCase() + ", missing values: " + missing.name().toLowerCase();
    }
}
