package org.mlplab.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * Batch normalisation of a layer's pre-activations (Ioffe &amp; Szegedy 2015), unit by unit over the
 * batch, with a learnable scale {@code γ} and shift {@code β}:
 * <pre>
 *   forward:   x̂ = (z - μ) / √(σ² + ε),   y = γ x̂ + β
 *   backward:  dγ = mean over the batch of δ ⊙ x̂,   dβ = mean of δ,
 *              δ_z = (γ / √(σ² + ε)) (δ - mean(δ) - x̂ ⊙ mean(δ ⊙ x̂))      (batch statistics)
 *              δ_z = (γ / √(σ² + ε)) δ                                   (running statistics)
 * </pre>
 * While training, {@code μ} and {@code σ²} are the batch's (the second formula accounts for their
 * dependence on every row) and running averages are kept ({@code μ_run ← 0.9 μ_run + 0.1 μ},
 * {@code σ²_run} likewise with the unbiased batch variance, as PyTorch does); at inference the
 * running averages are used, so a prediction does not depend on the other rows.
 */
final class BatchNorm {
    /** Added to the variance: {@code ε}. */
    static final double EPSILON = 1e-5;
    /** Weight of the batch in the running averages. */
    static final double MOMENTUM = 0.1;

    private final int units;
    private final Parameter gamma;
    private final Parameter beta;
    private final double[] runningMean;
    private final double[] runningVariance;
    private final DMatrixRMaj normalized = new DMatrixRMaj(1, 1);   // x̂ of the last forward pass
    private final double[] inverseStd;                              // 1 / √(σ² + ε) of the last forward pass
    private final double[] sums;                                    // per unit, reused
    private final double[] products;
    private boolean batchStatistics;                                // whether the last forward used the batch's

    BatchNorm(int index, int units) {
        this.units = units;
        this.gamma = new Parameter("γ" + index, 1, units, false);
        this.beta = new Parameter("β" + index, 1, units, false);
        java.util.Arrays.fill(gamma.value().data, 1);
        this.runningMean = new double[units];
        this.runningVariance = new double[units];
        java.util.Arrays.fill(runningVariance, 1);
        this.inverseStd = new double[units];
        this.sums = new double[units];
        this.products = new double[units];
    }

    /**
     * Normalises {@code z} in place: {@code z ← γ x̂ + β}.
     *
     * @param z        Modified: {@code B × units}
     * @param training with the batch's statistics (and updating the running ones), else the running ones
     */
    void forward(DMatrixRMaj z, boolean training) {
        int rows = z.numRows;
        double[] data = z.data;
        batchStatistics = training;
        normalized.reshape(rows, units);
        double[] mean = sums;
        double[] variance = products;
        if (training) {
            java.util.Arrays.fill(mean, 0);
            java.util.Arrays.fill(variance, 0);
            for (int r = 0, row = 0; r < rows; r++, row += units) {
                for (int c = 0; c < units; c++) {
                    mean[c] += data[row + c];
                }
            }
            for (int c = 0; c < units; c++) {
                mean[c] /= rows;
            }
            for (int r = 0, row = 0; r < rows; r++, row += units) {
                for (int c = 0; c < units; c++) {
                    double d = data[row + c] - mean[c];
                    variance[c] += d * d;
                }
            }
            for (int c = 0; c < units; c++) {
                double unbiased = rows > 1 ? variance[c] / (rows - 1) : variance[c];
                variance[c] /= rows;
                runningMean[c] = (1 - MOMENTUM) * runningMean[c] + MOMENTUM * mean[c];
                runningVariance[c] = (1 - MOMENTUM) * runningVariance[c] + MOMENTUM * unbiased;
            }
        } else {
            System.arraycopy(runningMean, 0, mean, 0, units);
            System.arraycopy(runningVariance, 0, variance, 0, units);
        }
        double[] g = gamma.value().data;
        double[] b = beta.value().data;
        for (int c = 0; c < units; c++) {
            inverseStd[c] = 1 / Math.sqrt(variance[c] + EPSILON);
        }
        for (int r = 0, row = 0; r < rows; r++, row += units) {
            for (int c = 0; c < units; c++) {
                double xHat = (data[row + c] - mean[c]) * inverseStd[c];
                normalized.data[row + c] = xHat;
                data[row + c] = g[c] * xHat + b[c];
            }
        }
    }

    /**
     * Back through the normalisation: fills {@code dγ} and {@code dβ} and turns {@code δ} (of the
     * output {@code y}) into the {@code δ} of the input {@code z}, in place.
     *
     * @param delta Modified: {@code B × units}, per-sample error signals as in {@link Dense}
     */
    void backward(DMatrixRMaj delta) {
        int rows = delta.numRows;
        double[] d = delta.data;
        double[] x = normalized.data;
        double[] dGamma = gamma.gradient().data;
        double[] dBeta = beta.gradient().data;
        java.util.Arrays.fill(sums, 0);       // Σ δ
        java.util.Arrays.fill(products, 0);   // Σ δ ⊙ x̂
        for (int r = 0, row = 0; r < rows; r++, row += units) {
            for (int c = 0; c < units; c++) {
                sums[c] += d[row + c];
                products[c] += d[row + c] * x[row + c];
            }
        }
        double[] g = gamma.value().data;
        for (int c = 0; c < units; c++) {
            dGamma[c] = products[c] / rows;
            dBeta[c] = sums[c] / rows;
        }
        for (int r = 0, row = 0; r < rows; r++, row += units) {
            for (int c = 0; c < units; c++) {
                double scale = g[c] * inverseStd[c];
                d[row + c] = batchStatistics
                        ? scale * (d[row + c] - sums[c] / rows - x[row + c] * products[c] / rows)
                        : scale * d[row + c];
            }
        }
    }

    /** The scale {@code γ}, {@code 1 × units}. */
    Parameter gamma() {
        return gamma;
    }

    /** The shift {@code β}, {@code 1 × units}. */
    Parameter beta() {
        return beta;
    }

    /** The running mean, used at inference (live). */
    double[] runningMean() {
        return runningMean;
    }

    /** The running variance, used at inference (live). */
    double[] runningVariance() {
        return runningVariance;
    }
}
