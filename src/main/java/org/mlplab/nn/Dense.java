package org.mlplab.nn;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;

/**
 * A fully connected layer: {@code z = a_prev W + b}, {@code a = f(z)}, with rows as samples.
 *
 * <p>Shapes for a batch of {@code B} samples: input {@code B × in}, {@code W: in × units},
 * {@code b: 1 × units}, {@code z, a, δ: B × units}. The layer keeps the buffers of its last
 * forward and backward pass; they are reused from batch to batch.
 */
public final class Dense {
    private final int inputs;
    private final int units;
    private final Activation activation;
    private final Init init;
    private final Parameter weights;
    private final Parameter bias;
    private final DMatrixRMaj z = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj a = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj delta = new DMatrixRMaj(1, 1);
    private LayerProducts products = LayerProducts.DOUBLE;   // those of the last forward pass
    private LayerProducts float32;                          // made on first use; keeps float copies

    Dense(int index, int inputs, int units, Activation activation, Init init) {
        this.inputs = inputs;
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
     * Forward pass: {@code z = input W + b}, {@code a = f(z)}.
     *
     * @param input     {@code B × in}; not modified
     * @param precision of the product {@code input W} and of the products of the next
     *                  {@link #backward}; in {@code FLOAT} the weights are kept in {@code float}
     *                  from now until the next training run starts (see {@link Parameter})
     */
    void forward(DMatrixRMaj input, Precision precision) {
        products = precision == Precision.FLOAT ? float32() : LayerProducts.DOUBLE;
        products.forward(input, weights, bias, z);
        activation.apply(z, a);
    }

    /**
     * Backward pass from this layer's {@code δ} (already computed): the gradients
     * {@code dW = a_prevᵀ δ / B} and {@code db = mean over the batch of δ}, then the error signal
     * one layer back, {@code δ_prev = (δ Wᵀ) ⊙ f_prev'(z_prev)}.
     *
     * @param input    the same {@code a_prev} as the forward pass; not modified
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
            products.propagate(delta, weights, previous.delta);
            previous.activation.backward(previous.z, previous.a, previous.delta, previous.delta);
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

    /** The weights, {@code in × units}. */
    public Parameter weights() {
        return weights;
    }

    /** The biases, {@code 1 × units}. */
    public Parameter bias() {
        return bias;
    }

    /** Pre-activations of the last forward pass, {@code B × units} (live buffer; do not modify). */
    public DMatrixRMaj z() {
        return z;
    }

    /** Activations of the last forward pass, {@code B × units} (live buffer; do not modify). */
    public DMatrixRMaj a() {
        return a;
    }

    /** Error signal {@code δ = ∂ℓ/∂z} of the last backward pass, {@code B × units} (live buffer). */
    public DMatrixRMaj delta() {
        return delta;
    }

    /** Number of trainable parameters: {@code in × units + units}. */
    public int parameterCount() {
        return inputs * units + units;
    }

    @Override
    public String toString() {
        return "Dense(" + inputs + " → " + units + ", " + activation.name() + ")";
    }
}
