package org.mlplab.nn;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * An activation function {@code a = f(z)}, applied to a layer's pre-activations.
 *
 * <p>Every element-wise activation keeps its function and its derivative side by side
 * ({@link ElementWise#apply(double)} and {@link ElementWise#derivative(double, double)}), so the
 * calculus can be checked where it is written. {@link Softmax} works on whole rows and is meant
 * for the output layer.
 */
public interface Activation {

    /** {@code f(z) = z}. */
    Activation IDENTITY = new Identity();
    /** {@code f(z) = 1 / (1 + e^-z)}. */
    Activation SIGMOID = new Sigmoid();
    /** {@code f(z) = tanh z}. */
    Activation TANH = new Tanh();
    /** {@code f(z) = max(0, z)}. */
    Activation RELU = new Relu();
    /** {@code f(z) = ln(1 + e^z)}. */
    Activation SOFTPLUS = new Softplus();
    /** {@code f(z)_i = e^z_i / Σ_j e^z_j}, row by row; for the output layer. */
    Activation SOFTMAX = new Softmax();
    /** Leaky ReLU with slope 0.01 for negative inputs. */
    Activation LEAKY_RELU = leakyRelu(0.01);
    /** ELU with {@code alpha = 1}. */
    Activation ELU = elu(1.0);

    /** Leaky ReLU: {@code f(z) = z} for {@code z > 0}, else {@code slope · z}. */
    static Activation leakyRelu(double slope) {
        return new LeakyRelu(slope);
    }

    /** ELU: {@code f(z) = z} for {@code z > 0}, else {@code alpha (e^z - 1)}. */
    static Activation elu(double alpha) {
        return new Elu(alpha);
    }

    /**
     * An activation of your own from its function and its derivative, e.g. swish:
     * <pre>{@code
     * Activation swish = Activation.of("swish", z -> z / (1 + Math.exp(-z)),
     *         z -> { double s = 1 / (1 + Math.exp(-z)); return s + z * s * (1 - s); });
     * }</pre>
     * Training checks {@code derivative} against finite differences of {@code function} before
     * its first step and refuses a wrong one, saying where it fails.
     *
     * @param name       shown in summaries and diagnostics
     * @param function   {@code f(z)}
     * @param derivative {@code f'(z)}
     * @throws IllegalArgumentException for a blank name
     * @throws NullPointerException     for a null function or derivative, saying which
     */
    static Activation of(String name, DoubleUnaryOperator function, DoubleUnaryOperator derivative) {
        return new Custom(name, function, derivative);
    }

    /** The short name used in summaries, files and on the command line, e.g. {@code relu}. */
    String name();

    /**
     * {@code a = f(z)} for a batch, rows as samples.
     *
     * @param z pre-activations, {@code rows × cols} row by row; not modified
     * @param a Modified: its first {@code rows × cols} entries receive {@code f(z)}
     */
    void apply(double[] z, double[] a, int rows, int cols);

    /**
     * Back-propagates through the activation: {@code gradZ = ∂L/∂z} from {@code gradA = ∂L/∂a}.
     * For element-wise activations this is {@code gradA ⊙ f'(z)}.
     *
     * @param z     pre-activations of the forward pass; not modified
     * @param a     {@code f(z)} of the forward pass; not modified
     * @param gradA {@code ∂L/∂a}; not modified (may be the same array as {@code gradZ})
     * @param gradZ Modified: its first {@code rows × cols} entries receive {@code ∂L/∂z}
     */
    void backward(double[] z, double[] a, double[] gradA, double[] gradZ, int rows, int cols);

    /**
     * The activation with this name ({@code identity, sigmoid, tanh, relu, leaky_relu, elu,
     * softplus, softmax}; {@code leaky_relu:0.1} and {@code elu:0.5} set the parameter).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    static Activation parse(String text) {
        String[] parts = text.trim().toLowerCase().split(":", 2);
        Double parameter;
        try {
            parameter = parts.length == 2 ? Double.valueOf(parts[1]) : null;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("activation '" + text + "': the parameter after ':' must be a number, "
                    + "e.g. " + parts[0] + ":0.1");
        }
        return switch (parts[0]) {
            case "identity", "linear" -> IDENTITY;
            case "sigmoid" -> SIGMOID;
            case "tanh" -> TANH;
            case "relu" -> RELU;
            case "softplus" -> SOFTPLUS;
            case "softmax" -> SOFTMAX;
            case "leaky_relu", "leakyrelu" -> leakyRelu(parameter == null ? 0.01 : parameter);
            case "elu" -> elu(parameter == null ? 1.0 : parameter);
            default -> throw new IllegalArgumentException("unknown activation '" + text
                    + "': use identity, sigmoid, tanh, relu, leaky_relu[:slope], elu[:alpha], softplus or softmax");
        };
    }

    /** An activation applied to each unit on its own: {@code a_ij = f(z_ij)}. */
    interface ElementWise extends Activation {

        /** {@code f(z)}. */
        double apply(double z);

        /** {@code f'(z)}, given {@code z} and {@code a = f(z)} (whichever is cheaper to use). */
        double derivative(double z, double a);

        @Override
        default void apply(double[] z, double[] a, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                a[i] = apply(z[i]);
            }
        }

        @Override
        default void backward(double[] z, double[] a, double[] gradA, double[] gradZ, int rows, int cols) {
            for (int i = 0, n = rows * cols; i < n; i++) {
                gradZ[i] = gradA[i] * derivative(z[i], a[i]);
            }
        }
    }

    /** An activation given by its function and derivative ({@link Activation#of}). */
    record Custom(String name, DoubleUnaryOperator function, DoubleUnaryOperator derivative) implements ElementWise {
        public Custom {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("give the activation a name, e.g. Activation.of(\"swish\", f, df)");
            }
            Objects.requireNonNull(function, "the function of activation '" + name + "' is null: give f(z), e.g. z -> Math.tanh(z)");
            Objects.requireNonNull(derivative, "the derivative of activation '" + name
                    + "' is null: give f'(z), e.g. z -> 1 - Math.tanh(z) * Math.tanh(z)");
        }

        @Override
        public double apply(double z) {
            return function.applyAsDouble(z);
        }

        @Override
        public double derivative(double z, double a) {
            return derivative.applyAsDouble(z);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code f(z) = z}. */
    record Identity() implements ElementWise {
        public double apply(double z) {
            return z;
        }

        public double derivative(double z, double a) {
            return 1;
        }

        @Override
        public String toString() {
            return name();
        }

        public String name() {
            return "identity";
        }
    }

    /** {@code f(z) = 1 / (1 + e^-z)}, {@code f' = a (1 - a)}. */
    record Sigmoid() implements ElementWise {
        public double apply(double z) {
            return 1 / (1 + Math.exp(-z));
        }

        public double derivative(double z, double a) {
            return a * (1 - a);
        }

        @Override
        public String toString() {
            return name();
        }

        public String name() {
            return "sigmoid";
        }
    }

    /** {@code f(z) = tanh z}, {@code f' = 1 - a²}. */
    record Tanh() implements ElementWise {
        public double apply(double z) {
            // StrictMath: the same bits on every JVM (JDK 24+ compiles Math.tanh to an intrinsic that
            // differs in the last bit for about a tenth of inputs, so runs differed from JDK 17's)
            return StrictMath.tanh(z);
        }

        public double derivative(double z, double a) {
            return 1 - a * a;
        }

        @Override
        public String toString() {
            return name();
        }

        public String name() {
            return "tanh";
        }
    }

    /** {@code f(z) = max(0, z)}, {@code f' = 1} for {@code z > 0}, else 0. */
    record Relu() implements ElementWise {
        public double apply(double z) {
            return Math.max(z, 0);   // branch-free: the JIT vectorises it, and NaN stays NaN
        }

        public double derivative(double z, double a) {
            // 1 for z > 0, else 0, without a branch: on the mixed signs of a layer's units a branch
            // is mispredicted half the time (measured on Fashion-MNIST: 3.3 ns per unit, against
            // 0.2 for this form, which the JIT vectorises). a = max(z, 0), and a · 2^1074 ≥ 1 for
            // every a > 0, since the smallest positive double is 2^-1074.
            return Math.min(a * 0x1p537 * 0x1p537, 1);
        }

        @Override
        public String toString() {
            return name();
        }

        public String name() {
            return "relu";
        }
    }

    /** {@code f(z) = z} for {@code z > 0}, else {@code slope · z}; {@code f' = 1} or {@code slope}. */
    record LeakyRelu(double slope) implements ElementWise {
        public LeakyRelu {
            if (!(slope >= 0 && slope < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("leaky_relu's slope must be a number ≥ 0 (e.g. 0.01), got " + slope);
            }
        }

        public double apply(double z) {
            return z > 0 ? z : slope * z;
        }

        public double derivative(double z, double a) {
            return z > 0 ? 1 : slope;
        }

        @Override
        public String toString() {
            return name();
        }

        public String name() {
            return "leaky_relu:" + slope;
        }
    }

    /** {@code f(z) = z} for {@code z > 0}, else {@code alpha (e^z - 1)}; {@code f' = 1} or {@code alpha e^z}. */
    record Elu(double alpha) implements ElementWise {
        public Elu {
            if (!(alpha > 0 && alpha < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("elu's alpha must be a number > 0 (e.g. 1), got " + alpha);
            }
        }

        public double apply(double z) {
            return z > 0 ? z : alpha * Math.expm1(z);
        }

        public double derivative(double z, double a) {
            return z > 0 ? 1 : alpha * Math.exp(z);   // not a + alpha: for z < -20 that sum cancels to rounding noise
        }

        @Override
        public String toString() {
            return name();
        }

        public String name() {
            return "elu:" + alpha;
        }
    }

    /** {@code f(z) = ln(1 + e^z)} (computed without overflow), {@code f' = σ(z)}. */
    record Softplus() implements ElementWise {
        public double apply(double z) {
            return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
        }

        public double derivative(double z, double a) {
            return 1 / (1 + Math.exp(-z));
        }

        @Override
        public String toString() {
            return name();
        }

        public String name() {
            return "softplus";
        }
    }

    /**
     * {@code a_ij = e^(z_ij - m_i) / Σ_k e^(z_ik - m_i)} with {@code m_i = max_k z_ik} (no overflow).
     * Its Jacobian couples a row's units: {@code ∂L/∂z_ij = a_ij (∂L/∂a_ij - Σ_k ∂L/∂a_ik a_ik)}.
     * With cross-entropy the two fuse into {@code a - t} (see {@link Loss}).
     */
    record Softmax() implements Activation {
        @Override
        public void apply(double[] z, double[] a, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int row = r * cols;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, z[row + c]);
                }
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    double e = Math.exp(z[row + c] - max);
                    a[row + c] = e;
                    sum += e;
                }
                for (int c = 0; c < cols; c++) {
                    a[row + c] /= sum;
                }
            }
        }

        @Override
        public void backward(double[] z, double[] a, double[] gradA, double[] gradZ, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int row = r * cols;
                double dot = 0;
                for (int c = 0; c < cols; c++) {
                    dot += gradA[row + c] * a[row + c];
                }
                for (int c = 0; c < cols; c++) {
                    gradZ[row + c] = a[row + c] * (gradA[row + c] - dot);
                }
            }
        }

        @Override
        public String toString() {
            return name();
        }

        public String name() {
            return "softmax";
        }
    }
}
