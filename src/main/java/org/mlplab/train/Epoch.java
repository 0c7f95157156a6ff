package org.mlplab.train;

/**
 * What one epoch of training measured. The metric is accuracy (a fraction) for classification
 * and R² for regression; validation values are {@code NaN} without validation data.
 *
 * @param epoch          1-based epoch number
 * @param loss           mean training loss over the epoch's batches
 * @param metric         training accuracy or R² over the epoch's batches
 * @param validationLoss loss on the validation data after the epoch
 * @param validationMetric accuracy or R² on the validation data after the epoch
 * @param learningRate   the learning rate used in this epoch
 * @param seconds        wall-clock time of the epoch, validation included
 */
public record Epoch(int epoch, double loss, double metric, double validationLoss, double validationMetric,
                    double learningRate, double seconds) {

    /** Whether validation data was evaluated. */
    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    @Override
    public String toString() {
        return String.format("epoch %d: loss %.4g, metric %.4f%s, lr %.3g, %.3f s", epoch, loss, metric,
                hasValidation() ? String.format(", validation loss %.4g, metric %.4f", validationLoss, validationMetric)
                        : "", learningRate, seconds);
    }
}
