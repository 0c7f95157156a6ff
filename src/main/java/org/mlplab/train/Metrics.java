package org.mlplab.train;

import org.mlplab.nn.Batch;

/**
 * Accumulates loss and the task metric over batches: accuracy for classification, R² (pooled
 * over outputs) for regression. Package-private: the trainer and {@link Evaluation} use it.
 */
final class Metrics {
    private final boolean classification;
    private double lossSum;
    private int rows;
    private int correct;
    private double squaredError;
    private final double[] targetSum;
    private final double[] targetSquares;

    Metrics(boolean classification, int outputs) {
        this.classification = classification;
        this.targetSum = new double[outputs];
        this.targetSquares = new double[outputs];
    }

    /** The metric's name: {@code accuracy} or {@code r2}. */
    static String metricName(boolean classification) {
        return classification ? "accuracy" : "r2";
    }

    /**
     * Adds one batch, after a forward pass over it.
     *
     * @param batch    its outputs and targets, {@code B × K}; not modified
     * @param meanLoss the batch's mean loss
     */
    void add(Batch batch, double meanLoss) {
        int rows = batch.size();
        lossSum += meanLoss * rows;
        this.rows += rows;
        if (classification) {
            for (int r = 0; r < rows; r++) {
                if (batch.predictedClass(r) == batch.targetClass(r)) {
                    correct++;
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                for (int k = 0, cols = batch.outputs(); k < cols; k++) {
                    double t = batch.target(r, k);
                    double e = batch.output(r, k) - t;
                    squaredError += e * e;
                    targetSum[k] += t;
                    targetSquares[k] += t * t;
                }
            }
        }
    }

    /** Mean loss per row. */
    double loss() {
        return lossSum / rows;
    }

    /** Accuracy (fraction correct) or {@code R² = 1 - SSE / SST}. */
    double metric() {
        if (classification) {
            return correct / (double) rows;
        }
        double total = 0;
        for (int k = 0; k < targetSum.length; k++) {
            total += targetSquares[k] - targetSum[k] * targetSum[k] / rows;
        }
        return 1 - squaredError / total;
    }
}
