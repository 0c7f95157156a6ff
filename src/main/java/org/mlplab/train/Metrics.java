package org.mlplab.train;

import org.ejml.data.DMatrixRMaj;
import org.mlplab.nn.Mlp;

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
     * Adds one batch.
     *
     * @param outputs  the network's outputs, {@code B × K}; not modified
     * @param targets  the targets, {@code B × K}; not modified
     * @param meanLoss the batch's mean loss
     */
    void add(DMatrixRMaj outputs, DMatrixRMaj targets, double meanLoss) {
        int batch = outputs.numRows;
        lossSum += meanLoss * batch;
        rows += batch;
        if (classification) {
            for (int r = 0; r < batch; r++) {
                int cols = outputs.numCols;
                if (Mlp.predictedClass(outputs.data, r * cols, cols) == Mlp.predictedClass(targets.data, r * cols, cols)) {
                    correct++;
                }
            }
        } else {
            int cols = outputs.numCols;
            for (int i = 0, n = outputs.getNumElements(); i < n; i++) {
                double t = targets.data[i];
                double e = outputs.data[i] - t;
                squaredError += e * e;
                targetSum[i % cols] += t;
                targetSquares[i % cols] += t * t;
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
