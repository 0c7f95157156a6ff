package org.mlplab.train;

import org.mlplab.nn.Network;

/**
 * Called by the trainer as training runs: used for diagnostics, live charts and progress.
 * Every method has an empty default. Listeners must not modify the model.
 */
public interface TrainingListener {

    /** Before the first epoch. */
    default void onStart(Network model, Fit fit, int batchesPerEpoch) {
    }

    /**
     * After each batch's update. The layers' buffers ({@code z}, {@code a}, {@code δ}) and the
     * parameters' gradients are those of this batch; the weights are already updated.
     *
     * @param step 1-based count of updates since the start of training
     * @param loss the batch's mean loss (computed before the update)
     */
    default void onBatch(Network model, int epoch, int batch, long step, double loss) {
    }

    /** After each completed epoch, with the history so far (this epoch included). */
    default void onEpoch(Network model, History history) {
    }

    /** When training ends, normally or not. */
    default void onEnd(Network model, History history) {
    }
}
