package org.mlplab.optim;

/**
 * How a parameter moves given its gradient. Each optimiser writes its update rule in one place,
 * {@link #step}, next to its name.
 *
 * <p>An optimiser is a value (its hyper-parameters); the state it needs between steps (velocity,
 * moment estimates) is kept by the parameter it updates, in the two arrays {@code m} and {@code v}.
 *
 * <p>Each rule is written twice, once in {@code double} and right below it in {@code float} for
 * weights that train in {@code float} ({@code Precision.FLOAT}); Java has no generics over
 * primitive arrays, and a rule that widened each {@code float} to compute in {@code double}
 * would spend more on the conversions (which Java 17 does not vectorise) than {@code float}
 * saves. {@code OptimizerTest} holds every {@code float} rule to its {@code double} twin.
 */
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.Momentum, Optimizer.Nesterov, Optimizer.RmsProp,
        Optimizer.Adam, Optimizer.AdamW, Optimizer.Custom {

    /**
     * An optimiser of your own from its update rule, e.g. momentum written by hand:
     * <pre>{@code
     * Optimizer mine = Optimizer.of("my momentum", 0.01, (w, g, next, m, v, n, lr, step) -> {
     *     for (int i = 0; i < n; i++) {
     *         m[i] = 0.9 * m[i] - lr * g[i];
     *         next[i] = w[i] + m[i];
     *     }
     * });
     * }</pre>
     * It runs in {@code double}: a fit with it trains in {@code Precision.DOUBLE} (asking for
     * {@code Precision.FLOAT} is refused).
     *
     * @param learningRate the base learning rate, handed to the rule as {@code lr} (scaled by the schedule)
     * @throws IllegalArgumentException for a blank name or a learning rate that is not positive
     * @throws NullPointerException     for a null rule
     */
    static Optimizer of(String name, double learningRate, Rule rule) {
        return new Custom(name, learningRate, rule);
    }

    /** Plain stochastic gradient descent: {@code w ← w - η g}. */
    static Optimizer sgd(double learningRate) {
        return new Sgd(learningRate);
    }

    /** Heavy-ball momentum: {@code v ← μ v - η g; w ← w + v}. */
    static Optimizer momentum(double learningRate, double momentum) {
        return new Momentum(learningRate, momentum);
    }

    /** Nesterov momentum (the look-ahead form used by PyTorch and Keras). */
    static Optimizer nesterov(double learningRate, double momentum) {
        return new Nesterov(learningRate, momentum);
    }

    /** RMSProp with decay {@code ρ = 0.9} and {@code ε = 1e-8}. */
    static Optimizer rmsprop(double learningRate) {
        return new RmsProp(learningRate, 0.9, 1e-8);
    }

    /** Adam with {@code β1 = 0.9, β2 = 0.999, ε = 1e-8}. */
    static Optimizer adam(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8);
    }

    /** AdamW: Adam with weight decay {@code λ} applied to the weights directly (decoupled). */
    static Optimizer adamW(double learningRate, double weightDecay) {
        return new AdamW(learningRate, 0.9, 0.999, 1e-8, weightDecay);
    }

    /**
     * The optimiser with this name and learning rate: {@code sgd, momentum, nesterov, rmsprop,
     * adam, adamw} (momentum 0.9, AdamW decay 0.01).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    static Optimizer parse(String name, double learningRate) {
        return switch (name.trim().toLowerCase()) {
            case "sgd" -> sgd(learningRate);
            case "momentum" -> momentum(learningRate, 0.9);
            case "nesterov" -> nesterov(learningRate, 0.9);
            case "rmsprop" -> rmsprop(learningRate);
            case "adam" -> adam(learningRate);
            case "adamw" -> adamW(learningRate, 0.01);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name
                    + "': use sgd, momentum, nesterov, rmsprop, adam or adamw");
        };
    }

    /** The base learning rate {@code η} (a schedule scales it per epoch). */
    double learningRate();

    /** The same optimiser with another base learning rate (e.g. to try a tenfold lower one). */
    default Optimizer withLearningRate(double learningRate) {
        if (this instanceof Sgd) {
            return new Sgd(learningRate);
        } else if (this instanceof Momentum o) {
            return new Momentum(learningRate, o.momentum());
        } else if (this instanceof Nesterov o) {
            return new Nesterov(learningRate, o.momentum());
        } else if (this instanceof RmsProp o) {
            return new RmsProp(learningRate, o.rho(), o.epsilon());
        } else if (this instanceof Adam o) {
            return new Adam(learningRate, o.beta1(), o.beta2(), o.epsilon());
        } else if (this instanceof AdamW o) {
            return new AdamW(learningRate, o.beta1(), o.beta2(), o.epsilon(), o.weightDecay());
        }
        Custom o = (Custom) this;
        return new Custom(o.name(), learningRate, o.rule());
    }

    /**
     * One update of {@code n} parameters: {@code next = w - Δ(g)}.
     *
     * @param w        current values; not modified
     * @param g        gradient {@code ∂L/∂w}; not modified
     * @param next     Modified: the updated values (may be {@code w} itself)
     * @param m        Modified: first state array (velocity or first moment), zero at the start
     * @param v        Modified: second state array (second moment), zero at the start
     * @param lr       the learning rate for this step
     * @param step     1 for the first update, then 2, 3, ...
     * @param isWeight whether these are weights (decoupled weight decay skips biases)
     */
    void step(double[] w, double[] g, double[] next, double[] m, double[] v, int n, double lr, long step, boolean isWeight);

    /** The same update in {@code float} arithmetic; arguments as in the {@code double} form. */
    void step(float[] w, float[] g, float[] next, float[] m, float[] v, int n, float lr, long step, boolean isWeight);

    /** An update rule of your own ({@link Optimizer#of}): the {@code double} {@link Optimizer#step} without {@code isWeight}. */
    @FunctionalInterface
    interface Rule {
        /**
         * One update of {@code n} parameters; arguments as in {@link Optimizer#step}.
         *
         * @param next Modified: the updated values
         * @param m    Modified: state kept between steps (zero at the start of training)
         * @param v    Modified: a second state array (zero at the start of training)
         */
        void step(double[] w, double[] g, double[] next, double[] m, double[] v, int n, double lr, long step);
    }

    /** An optimiser given by its rule ({@link Optimizer#of}); {@code double} only. */
    record Custom(String name, double learningRate, Rule rule) implements Optimizer {
        public Custom {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("give the optimiser a name, e.g. Optimizer.of(\"my sgd\", 0.1, rule)");
            }
            requirePositive(learningRate, "learning rate");
            java.util.Objects.requireNonNull(rule, "the rule of optimiser '" + name
                    + "' is null: give (w, g, next, m, v, n, lr, step) -> { ... }");
        }

        public void step(double[] w, double[] g, double[] next, double[] m, double[] v, int n, double lr, long step,
                         boolean isWeight) {
            rule.step(w, g, next, m, v, n, lr, step);
        }

        /** @throws UnsupportedOperationException always: the rule is written in {@code double} */
        public void step(float[] w, float[] g, float[] next, float[] m, float[] v, int n, float lr, long step,
                         boolean isWeight) {
            throw new UnsupportedOperationException("optimiser '" + name + "' has a double rule only: train with "
                    + "Precision.DOUBLE");
        }

        @Override
        public String toString() {
            return name + "(lr=" + learningRate + ")";
        }
    }

    /** {@code w ← w - η g}. */
    record Sgd(double learningRate) implements Optimizer {
        public Sgd {
            requirePositive(learningRate, "learning rate");
        }

        public void step(double[] w, double[] g, double[] next, double[] m, double[] v, int n, double lr, long step,
                         boolean isWeight) {
            for (int i = 0; i < n; i++) {
                next[i] = w[i] - lr * g[i];
            }
        }

        public void step(float[] w, float[] g, float[] next, float[] m, float[] v, int n, float lr, long step,
                         boolean isWeight) {
            for (int i = 0; i < n; i++) {
                next[i] = w[i] - lr * g[i];
            }
        }

        @Override
        public String toString() {
            return "SGD(lr=" + learningRate + ")";
        }
    }

    /** {@code m ← μ m - η g;  w ← w + m}. */
    record Momentum(double learningRate, double momentum) implements Optimizer {
        public Momentum {
            requirePositive(learningRate, "learning rate");
            requireFraction(momentum, "momentum");
        }

        public void step(double[] w, double[] g, double[] next, double[] m, double[] v, int n, double lr, long step,
                         boolean isWeight) {
            for (int i = 0; i < n; i++) {
                m[i] = momentum * m[i] - lr * g[i];
                next[i] = w[i] + m[i];
            }
        }

        public void step(float[] w, float[] g, float[] next, float[] m, float[] v, int n, float lr, long step,
                         boolean isWeight) {
            float mu = (float) momentum;
            for (int i = 0; i < n; i++) {
                m[i] = mu * m[i] - lr * g[i];
                next[i] = w[i] + m[i];
            }
        }

        @Override
        public String toString() {
            return "Momentum(lr=" + learningRate + ", μ=" + momentum + ")";
        }
    }

    /** {@code m ← μ m + g;  w ← w - η (g + μ m)} (gradient at the look-ahead point, Sutskever 2013). */
    record Nesterov(double learningRate, double momentum) implements Optimizer {
        public Nesterov {
            requirePositive(learningRate, "learning rate");
            requireFraction(momentum, "momentum");
        }

        public void step(double[] w, double[] g, double[] next, double[] m, double[] v, int n, double lr, long step,
                         boolean isWeight) {
            for (int i = 0; i < n; i++) {
                m[i] = momentum * m[i] + g[i];
                next[i] = w[i] - lr * (g[i] + momentum * m[i]);
            }
        }

        public void step(float[] w, float[] g, float[] next, float[] m, float[] v, int n, float lr, long step,
                         boolean isWeight) {
            float mu = (float) momentum;
            for (int i = 0; i < n; i++) {
                m[i] = mu * m[i] + g[i];
                next[i] = w[i] - lr * (g[i] + mu * m[i]);
            }
        }

        @Override
        public String toString() {
            return "Nesterov(lr=" + learningRate + ", μ=" + momentum + ")";
        }
    }

    /** {@code v ← ρ v + (1-ρ) g²;  w ← w - η g / (√v + ε)}. */
    record RmsProp(double learningRate, double rho, double epsilon) implements Optimizer {
        public RmsProp {
            requirePositive(learningRate, "learning rate");
            requireFraction(rho, "rho");
            requirePositive(epsilon, "epsilon");
        }

        public void step(double[] w, double[] g, double[] next, double[] m, double[] v, int n, double lr, long step,
                         boolean isWeight) {
            for (int i = 0; i < n; i++) {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
                next[i] = w[i] - lr * g[i] / (Math.sqrt(v[i]) + epsilon);
            }
        }

        public void step(float[] w, float[] g, float[] next, float[] m, float[] v, int n, float lr, long step,
                         boolean isWeight) {
            float decay = (float) rho;
            float rest = (float) (1 - rho);
            float eps = (float) epsilon;
            for (int i = 0; i < n; i++) {
                v[i] = decay * v[i] + rest * g[i] * g[i];
                next[i] = w[i] - lr * g[i] / ((float) Math.sqrt(v[i]) + eps);
            }
        }

        @Override
        public String toString() {
            return "RMSProp(lr=" + learningRate + ", ρ=" + rho + ")";
        }
    }

    /**
     * {@code m ← β1 m + (1-β1) g;  v ← β2 v + (1-β2) g²;  w ← w - η m̂ / (√v̂ + ε)} with the bias
     * corrections {@code m̂ = m / (1-β1^t)}, {@code v̂ = v / (1-β2^t)}.
     */
    record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {
        public Adam {
            requirePositive(learningRate, "learning rate");
            requireFraction(beta1, "beta1");
            requireFraction(beta2, "beta2");
            requirePositive(epsilon, "epsilon");
        }

        public void step(double[] w, double[] g, double[] next, double[] m, double[] v, int n, double lr, long step,
                         boolean isWeight) {
            adamStep(w, g, next, m, v, n, lr, step, beta1, beta2, epsilon, 0);
        }

        public void step(float[] w, float[] g, float[] next, float[] m, float[] v, int n, float lr, long step,
                         boolean isWeight) {
            adamStep(w, g, next, m, v, n, lr, step, beta1, beta2, epsilon, 0);
        }

        @Override
        public String toString() {
            return "Adam(lr=" + learningRate + ")";
        }
    }

    /** Adam, then {@code w ← w - η λ w} for weights (decoupled weight decay, Loshchilov &amp; Hutter 2019). */
    record AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) implements Optimizer {
        public AdamW {
            requirePositive(learningRate, "learning rate");
            requireFraction(beta1, "beta1");
            requireFraction(beta2, "beta2");
            requirePositive(epsilon, "epsilon");
            if (!(weightDecay >= 0)) {
                throw new IllegalArgumentException("weight decay must be ≥ 0, got " + weightDecay);
            }
        }

        public void step(double[] w, double[] g, double[] next, double[] m, double[] v, int n, double lr, long step,
                         boolean isWeight) {
            adamStep(w, g, next, m, v, n, lr, step, beta1, beta2, epsilon, isWeight ? weightDecay : 0);
        }

        public void step(float[] w, float[] g, float[] next, float[] m, float[] v, int n, float lr, long step,
                         boolean isWeight) {
            adamStep(w, g, next, m, v, n, lr, step, beta1, beta2, epsilon, isWeight ? weightDecay : 0);
        }

        @Override
        public String toString() {
            return "AdamW(lr=" + learningRate + ", λ=" + weightDecay + ")";
        }
    }

    private static void adamStep(double[] w, double[] g, double[] next, double[] m, double[] v, int n, double lr,
                                 long step, double beta1, double beta2, double epsilon, double decay) {
        // m̂ / (√v̂ + ε) with the bias corrections folded into two constants (as PyTorch does):
        // (m / c1) / (√v · (1/√c2) + ε), so the loop has one square root and one division
        double stepSize = lr / (1 - Math.pow(beta1, step));
        double inverseRootC2 = 1 / Math.sqrt(1 - Math.pow(beta2, step));
        double decayStep = lr * decay;
        for (int i = 0; i < n; i++) {
            double gi = g[i];
            double mi = beta1 * m[i] + (1 - beta1) * gi;
            double vi = beta2 * v[i] + (1 - beta2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            next[i] = w[i] - stepSize * mi / (Math.sqrt(vi) * inverseRootC2 + epsilon) - decayStep * w[i];
        }
    }

    private static void adamStep(float[] w, float[] g, float[] next, float[] m, float[] v, int n, float lr,
                                 long step, double beta1, double beta2, double epsilon, double decay) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float rest1 = (float) (1 - beta1);
        float rest2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        float stepSize = (float) (lr / (1 - Math.pow(beta1, step)));
        float inverseRootC2 = (float) (1 / Math.sqrt(1 - Math.pow(beta2, step)));
        float decayStep = (float) (lr * decay);
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + rest1 * gi;
            float vi = b2 * v[i] + rest2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            next[i] = w[i] - stepSize * mi / ((float) Math.sqrt(vi) * inverseRootC2 + eps) - decayStep * w[i];
        }
    }

    private static void requirePositive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number > 0, got " + value);
        }
    }

    private static void requireFraction(double value, String what) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + value);
        }
    }
}
