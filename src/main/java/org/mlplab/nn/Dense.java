package org.mlplab.nn;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

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
    private final DMatrixRMaj z = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj a = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj delta = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj kept = new DMatrixRMaj(1, 1);      // dropout's mask: 0 or 1 / (1 - p)
    private final DMatrixRMaj dropped = new DMatrixRMaj(1, 1);   // a ⊙ mask: what the next layer reads
    private boolean dropping;                                    // whether the last forward pass dropped
    private LayerProducts products = LayerProducts.DOUBLE;   // those of the last forward pass
    private LayerProducts float32;                          // made on first use; keeps float buffers

    Dense(int index, int inputs, int units, Activation activation, Init init, double dropout) {
        this.inputs = inputs;
        this.dropout = dropout;
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
    }

    /**
     * Forward pass: {@code z = input W + b}, {@code a = f(z)}; while training with dropout,
     * inverted dropout on the output: {@code ã = a ⊙ m}, {@code m = 0} with probability {@code p},
     * else {@code 1 / (1 - p)}, so that {@code E[ã] = a} and nothing changes at inference.
     *
     * @param input     {@code B × in}; not modified
     * @param precision of the product {@code input W} and of the products of the next
     *                  {@link #backward}: {@code FLOAT} while a {@link Training} keeps the weights
     *                  in {@code float} (see {@link Parameter}), else {@code double}
     * @param masks     draws the dropout masks while training; {@code null} for no dropout (inference)
     */
    void forward(DMatrixRMaj input, Precision precision, SplittableRandom masks) {
        products = precision == Precision.FLOAT && weights.inFloat() ? float32() : LayerProducts.DOUBLE;
        products.forward(input, weights, bias, z);
        a.reshape(z.numRows, z.numCols);
        activation.apply(z.data, a.data, z.numRows, z.numCols);
        dropping = dropout > 0 && masks != null;
        if (dropping) {
            kept.reshape(z.numRows, z.numCols);
            dropped.reshape(z.numRows, z.numCols);
            double scale = 1 / (1 - dropout);
            for (int i = 0, n = a.getNumElements(); i < n; i++) {
                kept.data[i] = masks.nextDouble() < dropout ? 0 : scale;
                dropped.data[i] = a.data[i] * kept.data[i];
            }
        }
    }

    /** What the next layer reads: {@code a}, or {@code a ⊙ m} while training with dropout. */
    DMatrixRMaj output() {
        return dropping ? dropped : a;
    }

    /**
     * Backward pass from this layer's {@code δ} (already computed): the gradients
     * {@code dW = a_prevᵀ δ / B} and {@code db = mean over the batch of δ}, then the error signal
     * one layer back, {@code δ_prev = (δ Wᵀ) ⊙ f_prev'(z_prev)} (with dropout on the layer below,
     * {@code δ_prev = (δ Wᵀ ⊙ m_prev) ⊙ f_prev'(z_prev)}: a dropped unit passes no gradient).
     *
     * @param input    the same input as the forward pass ({@code a_prev}, or {@code a_prev ⊙ m_prev}); not modified
     * @param previous the layer below, or {@code null} for the first layer; Modified: its {@code δ}
     */
    void backward(DMatrixRMaj input, Dense previous) {
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
        if (previous != null) {
            products.propagate(delta, weights, previous.delta);   // δ Wᵀ, (⊙ m_prev), then ⊙ f'(z_prev):
            if (previous.dropping) {
                for (int i = 0, n = previous.delta.getNumElements(); i < n; i++) {
                    previous.delta.data[i] *= previous.kept.data[i];
                }
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

    /** Number of trainable parameters: {@code in × units + units}. */
    public int parameterCount() {
        return inputs * units + units;
    }

    @Override
    public String toString() {
        return "Dense(" + inputs + " → " + units + ", " + activation.name() + (dropout > 0 ? ", dropout " + dropout : "")
                + ")";
    }
}
