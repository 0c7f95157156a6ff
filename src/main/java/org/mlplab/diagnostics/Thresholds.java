package org.mlplab.diagnostics;

/**
 * The thresholds the verdict uses and the charts shade; {@link #DEFAULT} holds the documented
 * defaults. Gradients are compared as RMS per weight ({@code ‖∂L/∂W‖ / √(in·units)}), so that
 * layers of different sizes compare fairly. Gradient ratios and saturation are judged both at
 * initialisation (the first batch) and in the last epoch; dead units and update ratios in the last
 * epoch; the learning curves over the whole run.
 *
 * @param vanishingRatio  the first layer's gradient RMS below this fraction of the output layer's
 *                        means vanishing gradients (default 0.05, a 20-fold drop; measured here on
 *                        digits with 10 layers: sigmoid with N(0,1) weights gives 0.007-0.013,
 *                        ReLU/He and tanh/Xavier 0.24-0.61; Glorot &amp; Bengio 2010 show the same
 *                        drop layer by layer)
 * @param explodingRatio  the first layer's gradient RMS above this multiple of the output layer's
 *                        means exploding gradients (default 100)
 * @param explodingGrowth a layer's gradient norm growing by more than this factor from its first
 *                        recorded value means exploding gradients (default 1e3)
 * @param saturated       a sigmoid/tanh layer with more than this fraction of saturated outputs is
 *                        saturated (default 0.25; tanh/Xavier on standardised inputs: 0 %, sigmoid
 *                        with N(0,1) weights: 26-61 %)
 * @param dead            a ReLU layer with more than this fraction of dead units is flagged (default
 *                        0.5; healthy deep ReLU/He networks reach about 35 % in late layers)
 * @param updateRatioLow  a mean update/weight ratio below this is too small (default 1e-5). CS231n
 *                        and DL4J's tuning guide put healthy at about 1e-3; the band is wide
 *                        because Adam near convergence and plain SGD sit well inside it
 * @param updateRatioHigh a mean update/weight ratio above this is too large (default 1e-1)
 * @param overfitRise     validation loss this fraction above its minimum, while the training loss
 *                        falls, means overfitting (default 0.2)
 * @param slowProgress    a training loss that fell by less than this fraction over the run (of at
 *                        least 5 epochs) means the learning rate is too low, unless a gradient
 *                        finding explains it (default 0.1)
 * @param lossClimb       a training loss that ends above this multiple of its lowest value means
 *                        the learning rate is too high (default 2)
 * @param chanceMargin    accuracy within this of the majority-class baseline is no better than
 *                        chance (default 0.02)
 * @param unscaledSpread  a feature whose range (largest minus smallest value) is more than this
 *                        multiple of the median feature's means the features are not on one scale
 *                        (default 50; the README gives what the bundled data sets measure)
 * @param unscaledStd     a feature with a standard deviation above this is not scaled (default 10;
 *                        a standardised feature has 1, one in [0, 1] at most 0.5)
 * @param imbalance       classes whose sizes differ by more than this factor are imbalanced (default 10)
 */
public record Thresholds(double vanishingRatio, double explodingRatio, double explodingGrowth, double saturated,
                         double dead, double updateRatioLow, double updateRatioHigh, double overfitRise,
                         double slowProgress, double lossClimb, double chanceMargin, double unscaledSpread,
                         double unscaledStd, double imbalance) {

    /** The documented defaults. */
    public static final Thresholds DEFAULT = new Thresholds(0.05, 100, 1e3, 0.25, 0.5, 1e-5, 1e-1, 0.2, 0.1, 2, 0.02,
            50, 10, 10);

    /** These thresholds with another vanishing ratio. */
    public Thresholds withVanishingRatio(double ratio) {
        return new Thresholds(ratio, explodingRatio, explodingGrowth, saturated, dead, updateRatioLow, updateRatioHigh,
                overfitRise, slowProgress, lossClimb, chanceMargin, unscaledSpread, unscaledStd, imbalance);
    }

    /** These thresholds with another saturation fraction. */
    public Thresholds withSaturated(double fraction) {
        return new Thresholds(vanishingRatio, explodingRatio, explodingGrowth, fraction, dead, updateRatioLow,
                updateRatioHigh, overfitRise, slowProgress, lossClimb, chanceMargin, unscaledSpread, unscaledStd,
                imbalance);
    }
}
