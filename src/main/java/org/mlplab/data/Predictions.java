package org.mlplab.data;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Predictions as a Tablesaw table, for analysis next to the data. */
public final class Predictions {
    private Predictions() {
    }

    /**
     * One row per sample. Classification: {@code actual}, {@code predicted} (class names) and one
     * probability column per class, named {@code p(class)}. Regression: {@code actual} and
     * {@code predicted} per target ({@code name} and {@code predicted name} for several targets).
     *
     * @param data    the rows predicted; not modified
     * @param outputs the model's outputs for {@code data}, {@code rows × outputs}
     */
    public static Table table(Dataset data, double[][] outputs) {
        if (outputs.length != data.size()) {
            throw new IllegalArgumentException("got " + outputs.length + " predictions for " + data.size() + " rows");
        }
        Table table = Table.create("predictions");
        List<String> names = data.targetNames();
        if (data.isClassification()) {
            StringColumn actual = StringColumn.create("actual");
            StringColumn predicted = StringColumn.create("predicted");
            for (int r = 0; r < outputs.length; r++) {
                actual.append(names.get(data.label(r)));
                predicted.append(names.get(predictedClass(outputs[r], 0, outputs[r].length)));
            }
            table.addColumns(actual, predicted);
            if (outputs[0].length == 1) {
                table.addColumns(probability(outputs, 0, names.get(1)));
            } else {
                for (int c = 0; c < outputs[0].length; c++) {
                    table.addColumns(probability(outputs, c, names.get(c)));
                }
            }
        } else {
            double[][] y = data.y();
            for (int k = 0; k < names.size(); k++) {
                DoubleColumn actual = DoubleColumn.create(names.size() == 1 ? "actual" : names.get(k));
                DoubleColumn predicted = DoubleColumn.create(names.size() == 1 ? "predicted" : "predicted " + names.get(k));
                for (int r = 0; r < outputs.length; r++) {
                    actual.append(y[r][k]);
                    predicted.append(outputs[r][k]);
                }
                table.addColumns(actual, predicted);
            }
        }
        return table;
    }

    private static DoubleColumn probability(double[][] outputs, int column, String className) {
        DoubleColumn p = DoubleColumn.create("p(" + className + ")");
        for (double[] row : outputs) {
            p.append(row[column]);
        }
        return p;
    }

    /**
     * The class that outputs {@code values[from..from+width)} predict: the arg-max of several
     * outputs, or {@code output ≥ 0.5} for a single sigmoid output.
     */
    public static int predictedClass(double[] values, int from, int width) {
        if (width == 1) {
            return values[from] >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (values[from + c] > values[from + best]) {
                best = c;
            }
        }
        return best;
    }
}
