package org.mlplab.diagnostics;

/**
 * The thresholds the verdict uses; {@link #DEFAULT} holds the documented defaults. Gradients are
 * compared as RMS per weight ({@code ‖∂L/∂W‖ / √(in·units)}), so that layers of different sizes
 * compare fairly. Gradient ratios and saturation are judged both at initialisation (the first
 * batch) and in the last epoch; dead units and update ratios in the last epoch.
 *
 * @param vanishingRatio   the first layer's gradient RMS below this fraction of the output layer's
 *                         means vanishing gradients (default 0.05, a 20-fold drop; measured here on
 *                         digits with 10 layers: sigmoid with N(0,1) weights gives 0.007-0.013,
 *                         ReLU/He and tanh/Xavier 0.24-0.61)
 * @param explodingRatio   the first layer's gradient RMS above this multiple of the output layer's
 *                         means exploding gradients (default 100)
 * @param explodingGrowth  a layer's gradient norm growing by more than this factor from its
 *                         first recorded value means exploding gradients (default 1e3)
 * @param saturated        a sigmoid/tanh layer with more than this fraction of saturated outputs
 *                         is saturated (default 0.25; tanh/Xavier on standardised inputs: 0 %,
 *                         sigmoid with N(0,1) weights: 26-61 %)
 * @param dead             a ReLU layer with more than this fraction of dead units is flagged
 *                         (default 0.5; healthy deep ReLU/He networks reach about 35 % in late layers)
 * @param updateRatioLow   a mean update/weight ratio below this is too small (default 1e-5;
 *                         CS231n: about 1e-3 is healthy)
 * @param updateRatioHigh  a mean update/weight ratio above this is too large (default 1e-1)
 */
public record Thresholds(double vanishingRatio, double explodingRatio, double explodingGrowth, double saturated,
                         double dead, double updateRatioLow, double updateRatioHigh) {

    /** The documented defaults. */
    public static final Thresholds DEFAULT = new Thresholds(0.05, 100, 1e3, 0.25, 0.5, 1e-5, 1e-1);
}
