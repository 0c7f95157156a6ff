package org.mlplab.optim;

import java.util.function.IntToDoubleFunction;

/**
 * A learning-rate schedule: the factor the base learning rate is multiplied by in each epoch
 * (epochs count from 1).
 */
public sealed interface Schedule {

    /** The same learning rate throughout. */
    Schedule CONSTANT = new Constant();

    /** Multiply by {@code gamma} every {@code every} epochs: {@code γ^floor((epoch-1)/every)}. */
    static Schedule step(int every, double gamma) {
        return new Step(every, gamma);
    }

    /** Multiply by {@code gamma} every epoch: {@code γ^(epoch-1)}. */
    static Schedule exponential(double gamma) {
        return new Exponential(gamma);
    }

    /** Cosine annealing from 1 down to {@code minFactor} over {@code epochs} epochs. */
    static Schedule cosine(int epochs, double minFactor) {
        return new Cosine(epochs, minFactor);
    }

    /**
     * A schedule of your own, e.g. {@code Schedule.of("1/t", epoch -> 1.0 / epoch)}. Training
     * checks before its first step that every epoch's factor is 0 or more and finite.
     *
     * @param factor the factor for each epoch (1-based)
     * @throws IllegalArgumentException for a blank name
     * @throws NullPointerException     for a null factor
     */
    static Schedule of(String name, IntToDoubleFunction factor) {
        return new Custom(name, factor);
    }

    /** The factor for this epoch (1-based). */
    double factor(int epoch);

    /** A schedule given by its factor per epoch ({@link Schedule#of}). */
    record Custom(String name, IntToDoubleFunction function) implements Schedule {
        public Custom {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("give the schedule a name, e.g. Schedule.of(\"1/t\", epoch -> 1.0 / epoch)");
            }
            java.util.Objects.requireNonNull(function, "the factor of schedule '" + name
                    + "' is null: give epoch -> factor, e.g. epoch -> 1.0 / epoch");
        }

        public double factor(int epoch) {
            return function.applyAsDouble(epoch);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Factor 1. */
    record Constant() implements Schedule {
        public double factor(int epoch) {
            return 1;
        }

        @Override
        public String toString() {
            return "constant";
        }
    }

    /** {@code γ^floor((epoch-1)/every)}. */
    record Step(int every, double gamma) implements Schedule {
        public Step {
            if (every < 1 || !(gamma > 0)) {
                throw new IllegalArgumentException("step schedule needs every ≥ 1 and gamma > 0, got every=" + every
                        + ", gamma=" + gamma);
            }
        }

        public double factor(int epoch) {
            return Math.pow(gamma, (epoch - 1) / every);
        }

        @Override
        public String toString() {
            return "step(every " + every + " epochs ×" + gamma + ")";
        }
    }

    /** {@code γ^(epoch-1)}. */
    record Exponential(double gamma) implements Schedule {
        public Exponential {
            if (!(gamma > 0)) {
                throw new IllegalArgumentException("exponential schedule needs gamma > 0, got " + gamma);
            }
        }

        public double factor(int epoch) {
            return Math.pow(gamma, epoch - 1);
        }

        @Override
        public String toString() {
            return "exponential(×" + gamma + " per epoch)";
        }
    }

    /** {@code min + (1 - min) (1 + cos(π (epoch-1) / epochs)) / 2}, then {@code min} after {@code epochs}. */
    record Cosine(int epochs, double minFactor) implements Schedule {
        public Cosine {
            if (epochs < 1 || !(minFactor >= 0 && minFactor <= 1)) {
                throw new IllegalArgumentException("cosine schedule needs epochs ≥ 1 and 0 ≤ minFactor ≤ 1, got epochs="
                        + epochs + ", minFactor=" + minFactor);
            }
        }

        public double factor(int epoch) {
            double progress = Math.min(1.0, (epoch - 1) / (double) epochs);
            return minFactor + (1 - minFactor) * (1 + Math.cos(Math.PI * progress)) / 2;
        }

        @Override
        public String toString() {
            return "cosine(" + epochs + " epochs, min ×" + minFactor + ")";
        }
    }
}
