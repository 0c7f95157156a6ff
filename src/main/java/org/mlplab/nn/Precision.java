package org.mlplab.nn;

/**
 * The arithmetic of training: of the matrix products of each step ({@code z = a_prev W},
 * {@code dW}, {@code δ Wᵀ}), where nearly all of the time of a large network goes, and of the
 * weight matrices they work on. {@link #FLOAT} by default, as in PyTorch: on every bundled data
 * set and on Fashion-MNIST it reaches the accuracy of {@link #DOUBLE}, in less time on large
 * layers (the README's Performance section has both). Evaluation, prediction, diagnostics and
 * gradient checks are {@code double} either way.
 */
public enum Precision {
    /**
     * 64-bit: every product exact to about 1e-16 relative. For reproducing a computation by hand
     * to many digits, or an optimiser of your own (its rule is written in {@code double}).
     */
    DOUBLE,
    /**
     * 32-bit, through the BLAS's {@code sgemm}: the default. While the model trains, its weight matrices
     * (values, gradients, optimiser moments) are {@code float} and the products multiply in
     * {@code float}; biases, activations, error signals, losses and diagnostics stay
     * {@code double}. Faster on large layers at the same accuracy (the README's Performance
     * section has the figures); each product is exact to about 1e-7 relative instead of 1e-16,
     * and the trained weights are {@code float} values, widened to {@code double} when the run
     * ends ({@link Training#close()}). Without the native BLAS (pure-Java backend) training stays
     * {@code double}.
     */
    FLOAT;

    /**
     * {@code double} or {@code float} (also {@code float32}, {@code float64}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Precision parse(String text) {
        return switch (text.trim().toLowerCase()) {
            case "double", "float64" -> DOUBLE;
            case "float", "float32" -> FLOAT;
            default -> throw new IllegalArgumentException("unknown precision '" + text + "': use double or float");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
