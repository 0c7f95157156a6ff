package org.mlplab.train;

/**
 * Why training ended.
 *
 * @param reason  completed, stopped early, interrupted or diverged
 * @param epoch   the epoch in which it ended (1-based)
 * @param batch   the last batch trained in that epoch (1-based)
 * @param message a sentence for the user
 */
public record Stop(Reason reason, int epoch, int batch, String message) {

    /** The kinds of ending. */
    public enum Reason {
        /** Every epoch ran. */
        COMPLETED,
        /** Early stopping: the monitored loss stopped improving. */
        EARLY_STOPPED,
        /** The thread was interrupted (a notebook's stop button); the model keeps what it learned. */
        INTERRUPTED,
        /** The loss or a gradient became NaN/Inf; the model keeps the last good weights. */
        DIVERGED
    }

    @Override
    public String toString() {
        return message;
    }
}
