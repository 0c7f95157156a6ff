package org.mlplab.train;

/**
 * Training produced a non-finite loss or gradient (it diverged). The model keeps the last good
 * weights (those from before the update that broke it) and {@link #history()} holds the epochs
 * completed until then.
 */
public final class TrainingDivergedException extends ArithmeticException {
    private final int epoch;
    private final int batch;
    private final transient History history;

    TrainingDivergedException(String what, int epoch, int batch, History history) {
        super(what + " in epoch " + epoch + ", batch " + batch
                + ": training diverged. The model keeps the last good weights. Try a smaller learning rate, "
                + "gradient clipping (Fit.clipNorm) or standardised inputs.");
        this.epoch = epoch;
        this.batch = batch;
        this.history = history;
    }

    /** The epoch in which training diverged (1-based). */
    public int epoch() {
        return epoch;
    }

    /** The batch in which training diverged (1-based). */
    public int batch() {
        return batch;
    }

    /** The history up to the last completed epoch. */
    public History history() {
        return history;
    }
}
