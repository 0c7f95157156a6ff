package org.mlplab.bench;

/**
 * The floating-point operations of the matrix products of training a dense MLP, the work a run's
 * {@code gflops} counts (activations, loss, biases and the optimiser's update are left out: next to
 * the products they are a few operations per unit or weight). A product of an {@code m × k} and a
 * {@code k × n} matrix is {@code 2·m·n·k} operations (a multiply and an add per term). For layer
 * widths {@code w_0} (the inputs) to {@code w_L} (the outputs) a training step on {@code B} samples does
 * <pre>
 *   forward          z_l = a_{l-1} W_l          2·B·Σ_{l≥1} w_{l-1}·w_l
 *   weight gradients dW_l = a_{l-1}ᵀ δ_l        2·B·Σ_{l≥1} w_{l-1}·w_l
 *   error signals    δ_l W_lᵀ                   2·B·Σ_{l≥2} w_{l-1}·w_l
 * </pre>
 * (the engine sends no error signal into the inputs: {@code Dense.backward} of the first layer has
 * no layer below). Every term is {@code B} times the same per-sample count, so an epoch does
 * {@link #perSample} times its number of rows, the last, smaller mini-batch included.
 */
final class TrainingFlops {
    private TrainingFlops() {
    }

    /**
     * The products' operations per training sample.
     *
     * @param widths {@code w_0, …, w_L}: inputs, hidden layers' widths, outputs (at least two)
     */
    static long perSample(int... widths) {
        long weights = 0;   // Σ_{l≥1} w_{l-1}·w_l
        for (int l = 1; l < widths.length; l++) {
            weights += (long) widths[l - 1] * widths[l];
        }
        long firstLayer = (long) widths[0] * widths[1];
        return 2 * weights                      // forward
                + 2 * weights                   // weight gradients
                + 2 * (weights - firstLayer);   // error signals, none into the inputs
    }
}
