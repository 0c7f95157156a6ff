package org.mlplab.nn;

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;

/**
 * A loss {@code L = (1/B) Σ_i ℓ_i}: the mean over the batch of a per-sample loss {@code ℓ_i}.
 *
 * <p>{@link #value} computes {@code L}; {@link #delta} computes the output layer's error signal
 * {@code δ_i = ∂ℓ_i/∂z_i} for each sample (the backward pass divides by {@code B} when it forms
 * weight gradients). The two cross-entropies are fused with their output activation, which is
 * both faster and numerically stable: {@code δ = a - t}.
 */
public interface Loss {

    /** {@code ℓ = (1/K) Σ_k (a_k - t_k)²}: regression, any output activation. */
    Loss MSE = new MeanSquaredError();
    /** {@code ℓ = -Σ_k t_k ln softmax(z)_k}, computed as {@code logsumexp(z) - Σ_k t_k z_k}: needs a softmax output. */
    Loss SOFTMAX_CROSS_ENTROPY = new SoftmaxCrossEntropy();
    /** {@code ℓ = -(1/K) Σ_k [t ln σ(z) + (1-t) ln(1-σ(z))]}, in its stable form: needs a sigmoid output. */
    Loss BINARY_CROSS_ENTROPY = new BinaryCrossEntropy();

    /**
     * A loss of your own, averaged over the outputs like {@link #MSE}: {@code ℓ = (1/K) Σ_k f(a_k, t_k)},
     * from {@code f} and its derivative {@code ∂f/∂a}; e.g. the mean absolute error:
     * <pre>{@code
     * Loss mae = Loss.of("mae", (a, t) -> Math.abs(a - t), (a, t) -> Math.signum(a - t));
     * }</pre>
     * The backward pass goes on through the output activation. Training checks the derivative
     * against finite differences before its first step and refuses a wrong one.
     *
     * @param name       shown in summaries and diagnostics
     * @param function   {@code f(a, t)}: the loss of one output {@code a} against its target {@code t}
     * @param derivative {@code ∂f/∂a}
     * @throws IllegalArgumentException for a blank name
     * @throws NullPointerException     for a null function or derivative, saying which
     */
    static Loss of(String name, DoubleBinaryOperator function, DoubleBinaryOperator derivative) {
        return new Custom(name, function, derivative);
    }

    /** The short name used in summaries, files and on the command line. */
    String name();

    /**
     * The mean loss over the batch.
     *
     * @param z output pre-activations, {@code rows × cols} row by row; not modified
     * @param a output activations {@code f(z)}; not modified
     * @param t targets, {@code rows × cols}; not modified
     */
    double value(double[] z, double[] a, double[] t, int rows, int cols);

    /**
     * The output error signal {@code δ = ∂ℓ_i/∂z} for every sample.
     *
     * @param output the output layer's activation
     * @param z      output pre-activations; not modified
     * @param a      output activations; not modified
     * @param t      targets; not modified
     * @param delta  Modified: its first {@code rows × cols} entries receive {@code δ}
     */
    void delta(Activation output, double[] z, double[] a, double[] t, double[] delta, int rows, int cols);

    /**
     * Checks that this loss can be used after {@code output}.
     *
     * @return a warning to show the user, or {@code null} when the pairing is the usual one
     * @throws IllegalArgumentException when the pairing cannot work (e.g. cross-entropy without
     *                                  a probability output)
     */
    String check(Activation output, int units);

    /**
     * The loss with this name: {@code mse}, {@code cross_entropy} (softmax) or {@code binary_cross_entropy}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    static Loss parse(String text) {
        return switch (text.trim().toLowerCase()) {
            case "mse" -> MSE;
            case "cross_entropy", "softmax_cross_entropy" -> SOFTMAX_CROSS_ENTROPY;
            case "binary_cross_entropy", "bce" -> BINARY_CROSS_ENTROPY;
            default -> throw new IllegalArgumentException("unknown loss '" + text
                    + "': use mse, cross_entropy or binary_cross_entropy");
        };
    }

    /** The loss that belongs with an output activation: cross-entropy for softmax and sigmoid, else MSE. */
    static Loss defaultFor(Activation output) {
        if (output instanceof Activation.Softmax) {
            return SOFTMAX_CROSS_ENTROPY;
        }
        return output instanceof Activation.Sigmoid ? BINARY_CROSS_ENTROPY : MSE;
    }

    /** {@code ℓ = (1/K) Σ_k f(a_k, t_k)}, {@code ∂ℓ/∂a_k = f'(a_k, t_k) / K}, then back through the output activation ({@link Loss#of}). */
    record Custom(String name, DoubleBinaryOperator function, DoubleBinaryOperator derivative) implements Loss {
        public Custom {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("give the loss a name, e.g. Loss.of(\"mae\", f, df)");
            }
            Objects.requireNonNull(function, "the function of loss '" + name + "' is null: give f(a, t), e.g. (a, t) -> (a - t) * (a - t)");
            Objects.requireNonNull(derivative, "the derivative of loss '" + name
                    + "' is null: give ∂f/∂a, e.g. (a, t) -> 2 * (a - t)");
        }

        @Override
        public double value(double[] z, double[] a, double[] t, int rows, int cols) {
            double sum = 0;
            for (int i = 0, n = rows * cols; i < n; i++) {
                sum += function.applyAsDouble(a[i], t[i]);
            }
            return sum / (rows * cols);
        }

        @Override
        public void delta(Activation output, double[] z, double[] a, double[] t, double[] delta, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                delta[i] = derivative.applyAsDouble(a[i], t[i]) / cols;
            }
            output.backward(z, a, delta, delta, rows, cols);
        }

        @Override
        public String check(Activation output, int units) {
            return null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code ℓ = (1/K) Σ_k (a_k - t_k)²}, {@code ∂ℓ/∂a_k = 2 (a_k - t_k) / K}, then back through {@code f}. */
    record MeanSquaredError() implements Loss {
        @Override
        public double value(double[] z, double[] a, double[] t, int rows, int cols) {
            double sum = 0;
            for (int i = 0, n = rows * cols; i < n; i++) {
                double e = a[i] - t[i];
                sum += e * e;
            }
            return sum / (rows * cols);
        }

        @Override
        public void delta(Activation output, double[] z, double[] a, double[] t, double[] delta, int rows, int cols) {
            double scale = 2.0 / cols;
            for (int i = 0, n = rows * cols; i < n; i++) {
                delta[i] = scale * (a[i] - t[i]);
            }
            output.backward(z, a, delta, delta, rows, cols);
        }

        @Override
        public String check(Activation output, int units) {
            if (output instanceof Activation.Softmax) {
                return "softmax with mean squared error trains slowly (its gradient vanishes when a class "
                        + "probability saturates): prefer cross_entropy for classification";
            }
            if (output instanceof Activation.Sigmoid) {
                return "sigmoid with mean squared error trains slowly when the sigmoid saturates: "
                        + "prefer binary_cross_entropy for 0/1 targets";
            }
            return null;
        }

        public String name() {
            return "mse";
        }

        @Override
        public String toString() {
            return "mean squared error";
        }
    }

    /** Softmax + cross-entropy, fused: {@code ℓ = logsumexp(z) - Σ_k t_k z_k} (for {@code Σ t = 1}), {@code δ = a - t}. */
    record SoftmaxCrossEntropy() implements Loss {
        @Override
        public double value(double[] z, double[] a, double[] t, int rows, int cols) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                int row = r * cols;
                int top = row;
                for (int c = row + 1; c < row + cols; c++) {
                    if (z[c] > z[top]) {
                        top = c;
                    }
                }
                // ℓ = Σ t (log Σ exp z - z). The softmax already holds the sum of exponentials: at the
                // largest logit a = 1 / Σ exp(z - z_max) ≥ 1/classes (no underflow), so
                // log Σ exp z = z_max - log a_max: the stable log-sum-exp at the cost of one log
                double logSumExp = z[top] - Math.log(a[top]);
                for (int c = 0; c < cols; c++) {
                    sum += t[row + c] * (logSumExp - z[row + c]);
                }
            }
            return sum / rows;
        }

        @Override
        public void delta(Activation output, double[] z, double[] a, double[] t, double[] delta, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                delta[i] = a[i] - t[i];   // ∂ℓ/∂z = softmax(z) - t, fused
            }
        }

        @Override
        public String check(Activation output, int units) {
            if (!(output instanceof Activation.Softmax)) {
                throw new IllegalArgumentException("cross_entropy needs a softmax output layer (class probabilities), "
                        + "but the output activation is " + output.name()
                        + ": use .dense(classes, SOFTMAX) as the last layer");
            }
            if (units < 2) {
                throw new IllegalArgumentException("softmax cross-entropy needs at least 2 output units, got " + units
                        + ": for two classes use 2 softmax units or 1 sigmoid unit with binary_cross_entropy");
            }
            return null;
        }

        public String name() {
            return "cross_entropy";
        }

        @Override
        public String toString() {
            return "softmax cross-entropy";
        }
    }

    /**
     * Sigmoid + binary cross-entropy, fused: {@code ℓ = (1/K) Σ_k [max(z,0) - z t + ln(1 + e^-|z|)]}
     * (never takes the log of 0), {@code δ = (a - t) / K}.
     */
    record BinaryCrossEntropy() implements Loss {
        @Override
        public double value(double[] z, double[] a, double[] t, int rows, int cols) {
            double sum = 0;
            for (int i = 0, n = rows * cols; i < n; i++) {
                double zi = z[i];
                sum += Math.max(zi, 0) - zi * t[i] + Math.log1p(Math.exp(-Math.abs(zi)));
            }
            return sum / (rows * cols);
        }

        @Override
        public void delta(Activation output, double[] z, double[] a, double[] t, double[] delta, int rows, int cols) {
            double scale = 1.0 / cols;
            for (int i = 0, n = rows * cols; i < n; i++) {
                delta[i] = scale * (a[i] - t[i]);   // ∂ℓ/∂z = (σ(z) - t) / K, fused
            }
        }

        @Override
        public String check(Activation output, int units) {
            if (!(output instanceof Activation.Sigmoid)) {
                throw new IllegalArgumentException("binary_cross_entropy needs a sigmoid output layer (probabilities), "
                        + "but the output activation is " + output.name()
                        + ": use .dense(1, SIGMOID) as the last layer");
            }
            return null;
        }

        public String name() {
            return "binary_cross_entropy";
        }

        @Override
        public String toString() {
            return "binary cross-entropy";
        }
    }
}
