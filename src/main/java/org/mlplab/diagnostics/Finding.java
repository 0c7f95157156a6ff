package org.mlplab.diagnostics;

import java.util.List;

/**
 * One thing the diagnosis found, with its evidence and advice.
 *
 * @param status   what kind of problem (or {@link Status#HEALTHY})
 * @param layers   the 1-based layers concerned (empty for the whole network)
 * @param evidence the numbers, in words
 * @param advice   what to try (empty when healthy)
 */
public record Finding(Status status, List<Integer> layers, String evidence, String advice) {

    /** The kinds of finding, most severe first. */
    public enum Status {
        /** The loss or a gradient became NaN/Inf. */
        DIVERGED("diverged"),
        /** Gradients grow toward the input or over training. */
        EXPLODING("exploding gradients"),
        /** Gradients shrink toward the input. */
        VANISHING("vanishing gradients"),
        /** Sigmoid/tanh units sit at their bounds, where their derivative is ~0. */
        SATURATED("saturated units"),
        /** ReLU units output 0 for every sample. */
        DEAD_UNITS("dead units"),
        /** Updates are far from about 1e-3 of the weights. */
        UPDATE_RATIO("update ratio out of band"),
        /** Nothing found. */
        HEALTHY("healthy");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** A short label, e.g. {@code vanishing gradients}. */
        public String label() {
            return label;
        }
    }

    @Override
    public String toString() {
        return advice.isEmpty() ? evidence : evidence + " " + advice;
    }
}
