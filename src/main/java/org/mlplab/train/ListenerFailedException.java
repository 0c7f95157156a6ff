package org.mlplab.train;

/**
 * A {@link TrainingListener} threw while the model trained; training stopped there. The model
 * keeps the weights it had learned, {@link #history()} holds the epochs completed until then, and
 * {@link #getCause()} is what the listener threw.
 */
public final class ListenerFailedException extends RuntimeException {
    private final transient History history;

    ListenerFailedException(TrainingListener listener, String when, History history, RuntimeException cause) {
        super("the training listener " + listener.getClass().getName() + " threw " + when + ": " + cause
                + "; training stopped there: the model keeps the weights it had learned, and history() the "
                + history.epochs().size() + " complete epochs", cause);
        this.history = history;
    }

    /** The history up to the last completed epoch. */
    public History history() {
        return history;
    }
}
