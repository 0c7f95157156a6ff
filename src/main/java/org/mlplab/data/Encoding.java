package org.mlplab.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The fitted transformation from a raw {@link Table} row to a feature vector: which columns,
 * their scaling (statistics from the training rows only), one-hot categories, imputation values,
 * and the target's class names. A model trained on a {@link Dataset} made by {@link TableData}
 * keeps its encoding, so that {@code model.predict(table)} applies exactly the same preprocessing.
 * Immutable; saved with the model as JSON.
 */
public final class Encoding {
    private final List<Feature> features;
    private final String target;
    private final List<String> classes;   // null for regression

    /** One raw column's contribution to the feature vector. */
    public sealed interface Feature permits Numeric, Categorical {
        /** The raw column's name. */
        String column();

        /** The names of the encoded feature columns. */
        List<String> names();
    }

    /**
     * A numeric column: {@code (x - center) / scale}; missing values become {@code fill} (NaN: an error).
     *
     * @param column the raw column
     * @param center subtracted (the training mean for standardisation, the minimum for min-max, else 0)
     * @param scale  divided by (the training standard deviation, the range, else 1)
     * @param fill   the value imputed for a missing entry (the training mean), or NaN for none
     */
    public record Numeric(String column, double center, double scale, double fill) implements Feature {
        public List<String> names() {
            return List.of(column);
        }
    }

    /**
     * A text column, one-hot encoded: one feature per category, named {@code column=category}.
     *
     * @param column     the raw column
     * @param categories the categories, in feature order
     * @param fill       the category imputed for a missing entry (the most frequent), or null for none
     */
    public record Categorical(String column, List<String> categories, String fill) implements Feature {
        public List<String> names() {
            return categories.stream().map(c -> column + "=" + c).toList();
        }
    }

    Encoding(List<Feature> features, String target, List<String> classes) {
        this.features = List.copyOf(features);
        this.target = target;
        this.classes = classes == null ? null : List.copyOf(classes);
    }

    /** The raw columns used, each with its encoding. */
    public List<Feature> features() {
        return features;
    }

    /** The target column's name. */
    public String target() {
        return target;
    }

    /** The class names (label order) for classification; empty for regression. */
    public List<String> classes() {
        return classes == null ? List.of() : classes;
    }

    /** The encoded feature names, in column order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        features.forEach(f -> names.addAll(f.names()));
        return names;
    }

    /** Number of encoded features. */
    public int width() {
        return features.stream().mapToInt(f -> f.names().size()).sum();
    }

    /**
     * Encodes every row of {@code table} (the target column is not needed).
     *
     * @param table Not modified
     * @throws IllegalArgumentException naming the missing columns, an unseen category, or a
     *                                  missing value with no imputation
     */
    public double[][] encode(Table table) {
        List<String> absent = features.stream().map(Feature::column).filter(c -> !table.columnNames().contains(c))
                .toList();
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("the table lacks the column(s) " + absent + " the model was trained on; "
                    + "it has " + table.columnNames());
        }
        double[][] x = new double[table.rowCount()][width()];
        int offset = 0;
        for (Feature f : features) {
            Column<?> column = table.column(f.column());
            for (int r = 0; r < table.rowCount(); r++) {
                encode(f, column, r, x[r], offset);
            }
            offset += f.names().size();
        }
        return x;
    }

    private static void encode(Feature feature, Column<?> column, int row, double[] out, int offset) {
        if (feature instanceof Numeric n) {
            if (!(column instanceof NumberColumn<?, ?> numbers)) {
                throw new IllegalArgumentException("column '" + n.column() + "' must be numeric, it holds "
                        + column.type().name());
            }
            double value = isMissing(numbers, row) ? n.fill() : numbers.getDouble(row);
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("column '" + n.column() + "' is missing a value in row " + row
                        + " and no imputation was fitted: use TableData...impute() or drop the row");
            }
            out[offset] = (value - n.center()) / n.scale();
        } else if (feature instanceof Categorical c) {
            String value = isMissing(column, row) ? c.fill() : column.getString(row);
            if (value == null) {
                throw new IllegalArgumentException("column '" + c.column() + "' is missing a value in row " + row
                        + " and no imputation was fitted: use TableData...impute() or drop the row");
            }
            int index = c.categories().indexOf(value);
            if (index < 0) {
                throw new IllegalArgumentException("column '" + c.column() + "' has the value '" + value + "' in row "
                        + row + ", unseen in training; known: " + c.categories());
            }
            out[offset + index] = 1;
        }
    }

    /**
     * Whether a cell is missing. Text cells count as missing when empty too: Tablesaw 0.43.1
     * stores a missing string as {@code ""} but its {@code isMissing} does not report it.
     */
    static boolean isMissing(Column<?> column, int row) {
        return column.isMissing(row) || !(column instanceof NumberColumn) && column.getString(row).isEmpty();
    }

    /** This encoding as JSON (numbers written exactly). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("target", target);
        if (classes != null) {
            JsonArray names = new JsonArray();
            classes.forEach(names::add);
            o.add("classes", names);
        }
        JsonArray list = new JsonArray();
        for (Feature f : features) {
            JsonObject e = new JsonObject();
            e.addProperty("column", f.column());
            if (f instanceof Numeric n) {
                e.addProperty("type", "numeric");
                e.addProperty("center", n.center());
                e.addProperty("scale", n.scale());
                if (!Double.isNaN(n.fill())) {
                    e.addProperty("fill", n.fill());
                }
            } else if (f instanceof Categorical c) {
                e.addProperty("type", "categorical");
                JsonArray categories = new JsonArray();
                c.categories().forEach(categories::add);
                e.add("categories", categories);
                if (c.fill() != null) {
                    e.addProperty("fill", c.fill());
                }
            }
            list.add(e);
        }
        o.add("features", list);
        return o;
    }

    /**
     * An encoding from {@link #toJson()}.
     *
     * @throws IllegalArgumentException for a malformed object
     */
    public static Encoding fromJson(JsonObject o) {
        List<Feature> features = new ArrayList<>();
        for (JsonElement element : o.getAsJsonArray("features")) {
            JsonObject e = element.getAsJsonObject();
            String column = e.get("column").getAsString();
            String type = e.get("type").getAsString();
            switch (type) {
                case "numeric" -> features.add(new Numeric(column, e.get("center").getAsDouble(),
                        e.get("scale").getAsDouble(), e.has("fill") ? e.get("fill").getAsDouble() : Double.NaN));
                case "categorical" -> features.add(new Categorical(column, strings(e.getAsJsonArray("categories")),
                        e.has("fill") ? e.get("fill").getAsString() : null));
                default -> throw new IllegalArgumentException("unknown feature type '" + type + "'");
            }
        }
        return new Encoding(features, o.get("target").getAsString(),
                o.has("classes") ? strings(o.getAsJsonArray("classes")) : null);
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoding e && features.equals(e.features) && target.equals(e.target)
                && java.util.Objects.equals(classes, e.classes);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(features, target, classes);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Encoding: ").append(width()).append(" features from ")
                .append(features.size()).append(" columns → ").append(target)
                .append(classes == null ? " (regression)" : " " + classes).append('\n');
        for (Feature f : features) {
            if (f instanceof Numeric n) {
                s.append(String.format("  %-24s (x - %.4g) / %.4g%s%n", n.column(), n.center(), n.scale(),
                        Double.isNaN(n.fill()) ? "" : String.format(", missing → %.4g", n.fill())));
            } else if (f instanceof Categorical c) {
                s.append(String.format("  %-24s one-hot %s%s%n", c.column(), c.categories(),
                        c.fill() == null ? "" : ", missing → " + c.fill()));
            }
        }
        return s.toString();
    }
}
