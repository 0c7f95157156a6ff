package org.mlplab.train;

/**
 * Where {@link Fit#live()} shows a run as it trains: implemented by the notebook adapters (a
 * chart redrawn in place) and found with {@link java.util.ServiceLoader}, so that training does
 * not depend on any notebook. Without one, or when it declines, progress is printed as text.
 */
public interface LiveDisplay {

    /**
     * A listener that shows a run live (its length comes with {@link TrainingListener#onStart}).
     *
     * @return the listener, or {@code null} when there is nowhere to show it live (not in a notebook)
     */
    TrainingListener start();
}
