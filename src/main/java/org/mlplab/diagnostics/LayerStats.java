package org.mlplab.diagnostics;

/**
 * Statistics of one layer at one training step. Fractions that do not apply to the layer's
 * activation are {@code NaN} (saturation is for sigmoid and tanh, dead units for ReLU).
 *
 * @param layer             1-based layer number
 * @param epoch             1-based epoch
 * @param step              1-based update count since training started
 * @param weightGradientNorm {@code ‖∂L/∂W‖}
 * @param biasGradientNorm  {@code ‖∂L/∂b‖}
 * @param meanAbsDelta      mean {@code |δ|}: the back-propagated error signal reaching the layer
 * @param weightNorm        {@code ‖W‖} after the update
 * @param updateRatio       {@code ‖ΔW‖ / ‖W‖} of the update just applied (healthy: around 1e-3)
 * @param activationMean    mean of the layer's outputs over the batch
 * @param activationStd     standard deviation of the layer's outputs over the batch
 * @param saturatedFraction fraction of sigmoid/tanh outputs within {@value #SATURATION_MARGIN} of a bound
 * @param deadFraction      fraction of ReLU units that output 0 for every sample of the batch
 */
public record LayerStats(int layer, int epoch, long step, double weightGradientNorm, double biasGradientNorm,
                         double meanAbsDelta, double weightNorm, double updateRatio, double activationMean,
                         double activationStd, double saturatedFraction, double deadFraction) {

    /** How close to its bound (0/1 for sigmoid, ±1 for tanh) an output must be to count as saturated. */
    public static final double SATURATION_MARGIN = 0.02;

    /** Names of the statistics, in the order of {@link #values()}, for tables and charts. */
    public static final java.util.List<String> NAMES = java.util.List.of("weight_gradient_norm", "bias_gradient_norm",
            "mean_abs_delta", "weight_norm", "update_ratio", "activation_mean", "activation_std", "saturated_fraction",
            "dead_fraction");

    @Override
    public String toString() {
        return String.format("layer %d, epoch %d, step %d: ‖∂L/∂W‖ %.3e, ‖∂L/∂b‖ %.3e, mean |δ| %.3e, ‖W‖ %.4g, "
                        + "update/weight %.3e, activation %.4g ± %.4g%s%s", layer, epoch, step, weightGradientNorm,
                biasGradientNorm, meanAbsDelta, weightNorm, updateRatio, activationMean, activationStd,
                Double.isNaN(saturatedFraction) ? "" : String.format(", %.0f %% saturated", 100 * saturatedFraction),
                Double.isNaN(deadFraction) ? "" : String.format(", %.0f %% dead", 100 * deadFraction));
    }

    /** The statistics in the order of {@link #NAMES}. */
    public double[] values() {
        return new double[] {weightGradientNorm, biasGradientNorm, meanAbsDelta, weightNorm, updateRatio,
                activationMean, activationStd, saturatedFraction, deadFraction};
    }
}
