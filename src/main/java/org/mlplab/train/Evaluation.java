package org.mlplab.train;

/**
 * A model's loss and metric on a dataset.
 *
 * @param loss   mean loss per row
 * @param metric {@code accuracy} (classification) or {@code r2} (regression)
 * @param value  the metric's value: a fraction for accuracy
 * @param rows   number of rows evaluated
 */
public record Evaluation(double loss, String metric, double value, int rows) {

    @Override
    public String toString() {
        return String.format("loss %.4g, %s (%d rows)", loss, formatMetric(metric, value), rows);
    }

    /** {@code accuracy 96.7 %} or {@code R² 0.512}. */
    static String formatMetric(String metric, double value) {
        return metric.equals("accuracy")
                ? String.format("accuracy %.1f %%", 100 * value)
                : String.format("R² %.3g", value);
    }
}
