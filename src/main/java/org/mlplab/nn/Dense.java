package org.mlplab.nn;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A fully connected layer: {@code z = a_prev W + b}, {@code a = f(z)}, with rows as samples.
 *
 * <p>Shapes for a batch of {@code B} samples: input {@code B × in}, {@code W: in × units},
 * {@code b: 1 × units}, {@code z, a, δ: B × units}. The layer keeps the buffers of its last
 * forward and backward pass; they are reused from batch to batch, and {@link #z()}, {@link #a()}
 * and {@link #delta()} give copies of them (the intermediates of a hand-written backward pass can
 * be compared with these, and with the gradients' {@link Parameter#gradientArray()}).
 */
public final class Dense {
    private final int inputs;
    private final int units;
    private final Activation activation;
    private final Init init;
    private final Parameter weights;
    private final Parameter bias;
    private final double dropout;
    private final BatchNorm norm;        // null without batch normalisation
    private final boolean residual;
    private final Parameter projection;  // P of a residual layer whose width differs from its input's; else null
    private final DMatrixRMaj z = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj a = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj delta = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj kept = new DMatrixRMaj(1, 1);      // dropout's mask: 0 or 1 / (1 - p)
    private final DMatrixRMaj out = new DMatrixRMaj(1, 1);       // (a + input) ⊙ mask: what the next layer reads
    private final DMatrixRMaj upstream = new DMatrixRMaj(1, 1);  // ∂ℓ/∂out, for the skip of a residual layer
    private final DMatrixRMaj skip = new DMatrixRMaj(1, 1);      // input P, with a projection
    private boolean dropping;                                    // whether the last forward pass dropped
    private LayerProducts products = LayerProducts.DOUBLE;   // those of the last forward pass
    private LayerProducts float32;                          // made on first use; keeps float buffers

    Dense(int index, int inputs, int units, Activation activation, Init init, double dropout, boolean batchNorm,
          boolean residual) {
        this.inputs = inputs;
        this.dropout = dropout;
        this.norm = batchNorm ? new BatchNorm(index, units) : null;
        this.residual = residual;
        this.projection = residual && inputs != units ? new Parameter("P" + index, inputs, units, false) : null;
        this.units = units;
        this.activation = activation;
        this.init = init;
        this.weights = new Parameter("W" + index, inputs, units, true);
        this.bias = new Parameter("b" + index, 1, units, false);
    }

    /** Draws the weights from the initialiser and sets every bias to {@code biasValue}. */
    void initialise(RandomGenerator random, double biasValue) {
        double[] w = weights.value().data;
        for (int i = 0; i < w.length; i++) {
            w[i] = init.sample(inputs, units, random);
        }
        java.util.Arrays.fill(bias.value().data, biasValue);
        if (projection != null) {
            double[] p = projection.value().data;
            for (int i = 0; i < p.length; i++) {
                p[i] = init.sample(inputs, units, random);
            }
        }
    }

    /**
     * Forward pass: {@code z = input W + b} (then, with batch normalisation, {@code z ← γ x̂ + β}),
     * {@code a = f(z)}. What the next layer reads is {@code a}, or {@code a + input} for a residual
     * layer ({@code a + input P} when its width differs from its input's), and while training with dropout that times the mask {@code m} ({@code 0} with
     * probability {@code p}, else {@code 1 / (1 - p)}, so that its mean is unchanged; inverted
     * dropout: nothing changes at inference).
     *
     * @param input     {@code B × in}; not modified
     * @param precision of the product {@code input W} and of the products of the next
     *                  {@link #backward}: {@code FLOAT} while a {@link Training} keeps the weights
     *                  in {@code float} (see {@link Parameter}), else {@code double}
     * @param training  the training run's random source (dropout's masks); {@code null} at inference
     */
    void forward(DMatrixRMaj input, Precision precision, SplittableRandom training) {
        products = precision == Precision.FLOAT && weights.inFloat() ? float32() : LayerProducts.DOUBLE;
        products.forward(input, weights, bias, z);
        if (norm != null) {
            norm.forward(z, training != null);
        }
        a.reshape(z.numRows, z.numCols);
        activation.apply(z.data, a.data, z.numRows, z.numCols);
        dropping = dropout > 0 && training != null;
        if (projection != null) {
            CommonOps_DDRM.mult(input, projection.value(), skip);
        }
        if (residual || dropping) {
            DMatrixRMaj identity = projection != null ? skip : input;
            out.reshape(z.numRows, z.numCols);
            kept.reshape(z.numRows, z.numCols);
            double scale = 1 / (1 - dropout);
            for (int i = 0, n = a.getNumElements(); i < n; i++) {
                double value = residual ? a.data[i] + identity.data[i] : a.data[i];
                kept.data[i] = dropping && training.nextDouble() < dropout ? 0 : dropping ? scale : 1;
                out.data[i] = value * kept.data[i];
            }
        }
    }

    /** What the next layer reads: {@code a}, or {@code (a + input) ⊙ m} for a residual layer or while dropping. */
    DMatrixRMaj output() {
        return residual || dropping ? out : a;
    }

    /**
     * Backward pass from this layer's {@code δ} (already computed): the gradients
     * {@code dW = a_prevᵀ δ / B} and {@code db = mean over the batch of δ}, then the error signal
     * one layer back, {@code δ_prev = (δ Wᵀ) ⊙ f_prev'(z_prev)}. Around that: batch normalisation
     * first turns {@code δ} into that of the un-normalised {@code z} ({@link BatchNorm}); a residual
     * layer adds its own {@code ∂ℓ/∂out} to {@code δ Wᵀ} (the skip carries the gradient past the
     * layer unchanged; through a projection, {@code ∂ℓ/∂out Pᵀ}, and {@code dP = inputᵀ ∂ℓ/∂out / B}); dropout on the layer below multiplies by its mask (a dropped unit passes no
     * gradient).
     *
     * @param input    the same input as the forward pass ({@code a_prev}, or {@code a_prev ⊙ m_prev}); not modified
     * @param previous the layer below, or {@code null} for the first layer; Modified: its {@code δ}
     */
    void backward(DMatrixRMaj input, Dense previous) {
        if (norm != null) {
            norm.backward(delta);
        }
        int batch = delta.numRows;
        double perSample = 1.0 / batch;
        products.weightGradient(input, delta, perSample, weights);
        double[] db = bias.gradient().data;
        java.util.Arrays.fill(db, 0);
        for (int r = 0, row = 0; r < batch; r++, row += units) {
            for (int c = 0; c < units; c++) {
                db[c] += delta.data[row + c];
            }
        }
        for (int c = 0; c < units; c++) {
            db[c] *= perSample;
        }
        if (projection != null) {
            CommonOps_DDRM.multTransA(perSample, input, upstream, projection.gradient());
        }
        if (previous != null) {
            products.propagate(delta, weights, previous.delta);   // ∂ℓ/∂out_prev = δ Wᵀ (+ the skip's)
            double[] d = previous.delta.data;
            if (projection != null) {
                CommonOps_DDRM.multAddTransB(upstream, projection.value(), previous.delta);
            }
            boolean identity = residual && projection == null;
            if (identity || previous.dropping) {
                for (int i = 0, n = previous.delta.getNumElements(); i < n; i++) {
                    d[i] = (identity ? d[i] + upstream.data[i] : d[i]) * (previous.dropping ? previous.kept.data[i] : 1);
                }
            }
            if (previous.residual) {   // kept for the skip of the layer below
                previous.upstream.reshape(previous.delta.numRows, previous.delta.numCols);
                System.arraycopy(d, 0, previous.upstream.data, 0, previous.delta.getNumElements());
            }
            previous.activation.backward(previous.z.data, previous.a.data, previous.delta.data, previous.delta.data,
                    batch, previous.units);
        }
    }

    private LayerProducts float32() {
        if (float32 == null) {
            float32 = LayerProducts.float32();
        }
        return float32;
    }

    /** Number of inputs (fan-in). */
    public int inputs() {
        return inputs;
    }

    /** Number of units (fan-out). */
    public int units() {
        return units;
    }

    /** The activation {@code f}. */
    public Activation activation() {
        return activation;
    }

    /** The weight initialiser. */
    public Init init() {
        return init;
    }

    /** The dropout rate {@code p} on this layer's output while training (0 for none). */
    public double dropout() {
        return dropout;
    }

    /** Whether the pre-activations are batch-normalised (see {@link #scale()}, {@link #shift()}). */
    public boolean batchNorm() {
        return norm != null;
    }

    /** Whether the layer is residual: its output is {@code f(z) + input} (or {@code f(z) + input P}). */
    public boolean residual() {
        return residual;
    }

    /** The skip's projection {@code P}, {@code in × units}, of a residual layer whose width differs from its input's. */
    public java.util.Optional<Parameter> projection() {
        return java.util.Optional.ofNullable(projection);
    }

    /** Batch normalisation's scale {@code γ}, {@code 1 × units}; empty without it. */
    public java.util.Optional<Parameter> scale() {
        return java.util.Optional.ofNullable(norm).map(BatchNorm::gamma);
    }

    /** Batch normalisation's shift {@code β}, {@code 1 × units}; empty without it. */
    public java.util.Optional<Parameter> shift() {
        return java.util.Optional.ofNullable(norm).map(BatchNorm::beta);
    }

    /** A copy of batch normalisation's running mean (used at inference); empty without it. */
    public java.util.Optional<double[]> runningMean() {
        return java.util.Optional.ofNullable(norm).map(n -> n.runningMean().clone());
    }

    /** A copy of batch normalisation's running variance (used at inference); empty without it. */
    public java.util.Optional<double[]> runningVariance() {
        return java.util.Optional.ofNullable(norm).map(n -> n.runningVariance().clone());
    }

    /**
     * Sets batch normalisation's running statistics (e.g. read from a file).
     *
     * @throws IllegalStateException    without batch normalisation
     * @throws IllegalArgumentException for arrays of another length than {@code units}, non-finite
     *                                  values or a negative variance
     */
    public void setRunningStatistics(double[] mean, double[] variance) {
        if (norm == null) {
            throw new IllegalStateException("this layer has no batch normalisation: build it with .batchNorm()");
        }
        for (int c = 0; c < units; c++) {
            if (mean.length != units || variance.length != units || !Double.isFinite(mean[c])
                    || !(variance[c] >= 0) || Double.isInfinite(variance[c])) {
                throw new IllegalArgumentException("running statistics need " + units + " finite means and variances "
                        + "≥ 0, got " + mean.length + " means and " + variance.length + " variances");
            }
        }
        System.arraycopy(mean, 0, norm.runningMean(), 0, units);
        System.arraycopy(variance, 0, norm.runningVariance(), 0, units);
    }

    /** The weights, {@code in × units}. */
    public Parameter weights() {
        return weights;
    }

    /** The biases, {@code 1 × units}. */
    public Parameter bias() {
        return bias;
    }

    /** A copy of the pre-activations {@code z} of the last forward pass, {@code B × units}. */
    public double[][] z() {
        return rows(z.data, z.numRows, z.numCols);
    }

    /** A copy of the activations {@code a = f(z)} of the last forward pass, {@code B × units}. */
    public double[][] a() {
        return rows(a.data, a.numRows, a.numCols);
    }

    /** A copy of the error signal {@code δ = ∂ℓ/∂z} of the last backward pass, {@code B × units}. */
    public double[][] delta() {
        return rows(delta.data, delta.numRows, delta.numCols);
    }

    /** Rows of the last forward pass (the batch size). */
    public int batchRows() {
        return a.numRows;
    }

    /**
     * Copies the activations of the last forward pass, row by row, without allocating (for
     * statistics taken while training).
     *
     * @param into Modified: its first {@code batchRows() × units} entries
     */
    public void copyActivations(double[] into) {
        System.arraycopy(a.data, 0, into, 0, a.getNumElements());
    }

    /**
     * Copies the error signal {@code δ} of the last backward pass, row by row, without allocating.
     *
     * @param into Modified: its first {@code batchRows() × units} entries
     */
    public void copyDelta(double[] into) {
        System.arraycopy(delta.data, 0, into, 0, delta.getNumElements());
    }

    /** Dropout's mask of the last forward pass ({@code 0} or {@code 1/(1-p)}), or {@code null} when it dropped nothing. */
    double[][] mask() {
        return dropping ? rows(kept.data, kept.numRows, kept.numCols) : null;
    }

    /** The live buffers, for the network's passes. */
    DMatrixRMaj zBuffer() {
        return z;
    }

    DMatrixRMaj aBuffer() {
        return a;
    }

    DMatrixRMaj deltaBuffer() {
        return delta;
    }

    /** {@code values} (row-major, {@code rows × cols}) as a fresh {@code double[rows][cols]}. */
    static double[][] rows(double[] values, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * cols, out[r], 0, cols);
        }
        return out;
    }

    /** Number of trainable parameters: {@code in × units + units}, {@code 2 × units} more with batch normalisation, {@code in × units} more with a projection. */
    public int parameterCount() {
        return inputs * units + units + (norm != null ? 2 * units : 0) + (projection != null ? inputs * units : 0);
    }

    @Override
    public String toString() {
        return "Dense(" + inputs + " → " + units + ", " + features() + ")";
    }

    /** {@code relu}, or with what else the layer does: {@code relu, batch norm, residual, dropout 0.5}. */
    public String features() {
        return activation.name() + (norm != null ? ", batch norm" : "") + (residual ? projection != null ? ", residual (projected)" : ", residual" : "")
                + (dropout > 0 ? ", dropout " + dropout : "");
    }
}
