package org.mlplab.diagnostics;

import java.util.List;
import java.util.Set;

/**
 * One thing the diagnosis found, with its evidence and advice, and the findings it explains.
 *
 * @param status   what kind of problem (or {@link Status#HEALTHY}, or a note)
 * @param layers   the 1-based layers concerned (empty for the whole network)
 * @param evidence the numbers, in words
 * @param advice   what to try (empty when healthy)
 * @param symptoms findings this one causes (a too-high learning rate kills ReLU units): listed under
 *                 it, and fixed by its advice
 */
public record Finding(Status status, List<Integer> layers, String evidence, String advice, List<Finding> symptoms) {

    /** A finding that explains no other. */
    public Finding(Status status, List<Integer> layers, String evidence, String advice) {
        this(status, layers, evidence, advice, List.of());
    }

    public Finding {
        layers = List.copyOf(layers);
        symptoms = List.copyOf(symptoms);
    }

    /**
     * The kinds of finding: causes before their symptoms, problems before {@link #HEALTHY}, notes
     * (which leave a run healthy) after it.
     */
    public enum Status {
        /** The loss or a gradient became NaN/Inf. */
        DIVERGED("diverged"),
        /** Features on very different scales, or large. */
        UNSCALED("unscaled features"),
        /** Validation rows that are also training rows. */
        REPEATED_ROWS("validation rows repeat training rows"),
        /** The training loss climbs or oscillates. */
        LEARNING_RATE_HIGH("learning rate too high"),
        /** Gradients grow toward the input or over training. */
        EXPLODING("exploding gradients"),
        /** Gradients shrink toward the input. */
        VANISHING("vanishing gradients"),
        /** Sigmoid/tanh units sit at their bounds, where their derivative is ~0. */
        SATURATED("saturated units"),
        /** ReLU units output 0 for every sample. */
        DEAD_UNITS("dead units"),
        /** Every weight gradient is 0: nothing learns any more. */
        NO_GRADIENT("no gradient"),
        /** The training loss barely moves. */
        LEARNING_RATE_LOW("learning rate too low"),
        /** The validation loss rises while the training loss falls. */
        OVERFITTING("overfitting"),
        /** Accuracy no better than always answering the most common class. */
        CHANCE("no better than chance"),
        /** Updates are far from about 1e-3 of the weights. */
        UPDATE_RATIO("update ratio out of band"),
        /** Nothing found. */
        HEALTHY("healthy"),
        /** Note: features that never vary. */
        CONSTANT_FEATURES("constant features"),
        /** Note: classes of very different sizes. */
        IMBALANCED("imbalanced classes");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** A short label, e.g. {@code vanishing gradients}. */
        public String label() {
            return label;
        }

        /** Whether this is a note, which leaves a run healthy. */
        public boolean isNote() {
            return compareTo(HEALTHY) > 0;
        }

        /** The statuses a finding of this one explains, when both are found. */
        Set<Status> explains() {
            return switch (this) {
                case DIVERGED -> Set.of(EXPLODING, LEARNING_RATE_HIGH, UPDATE_RATIO, CHANCE, DEAD_UNITS, NO_GRADIENT,
                        SATURATED);
                case UNSCALED -> Set.of(LEARNING_RATE_HIGH, EXPLODING, SATURATED, DEAD_UNITS, NO_GRADIENT,
                        LEARNING_RATE_LOW, CHANCE, UPDATE_RATIO);
                case LEARNING_RATE_HIGH -> Set.of(EXPLODING, SATURATED, DEAD_UNITS, NO_GRADIENT, OVERFITTING, CHANCE,
                        UPDATE_RATIO);
                case VANISHING, SATURATED, DEAD_UNITS, NO_GRADIENT -> Set.of(NO_GRADIENT, LEARNING_RATE_LOW, CHANCE,
                        UPDATE_RATIO);
                case LEARNING_RATE_LOW -> Set.of(CHANCE, UPDATE_RATIO);
                case OVERFITTING -> Set.of(UPDATE_RATIO);
                default -> Set.of();
            };
        }
    }

    @Override
    public String toString() {
        String own = advice.isEmpty() ? evidence : evidence + " " + advice;
        if (symptoms.isEmpty()) {
            return own;
        }
        StringBuilder s = new StringBuilder(own).append(" It explains: ");
        for (int i = 0; i < symptoms.size(); i++) {
            s.append(i == 0 ? "" : " ").append(symptoms.get(i).evidence());
        }
        return s.toString();
    }
}
