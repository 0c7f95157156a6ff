package org.mlplab.nn;

import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.mlplab.internal.Floats;
import org.mlplab.internal.MatMul;
import org.mlplab.internal.Sums;
import org.mlplab.optim.Optimizer;

/**
 * A trainable matrix (a layer's weights or biases) with its gradient and its optimiser state:
 * the network's mutable state, kept in one place. Rows × cols, row-major; what this class gives
 * out is a copy, so nothing a caller holds changes under it.
 *
 * <p>Updates are double-buffered: the optimiser writes the new values into a second array which
 * then becomes the current one, so the last update can be undone at no cost when it turns out to
 * have produced a non-finite loss, and read entry by entry ({@link #lastUpdate()}).
 *
 * <p><b>Training in {@code float}.</b> While a {@link Training} in {@link Precision#FLOAT} runs,
 * a weight matrix keeps its values, gradient and optimiser moments in {@code float} arrays: the
 * products read and write them directly and the optimiser updates them, so no step copies the
 * weights. The {@code double} values follow them (each is refreshed when read after a change).
 * The training owns that state: it starts it and, when it ends (normally or not), writes the
 * values back and drops it, so nothing of a {@code float} run outlives it.
 */
public final class Parameter {
    private final String name;
    private final boolean isWeight;
    private final DMatrixRMaj value;
    private final DMatrixRMaj gradient;
    private double[] previous;
    private boolean hasLastUpdate;   // whether value - previous is the last update (see lastUpdate)
    private final double[] m;
    private final double[] v;
    private Float32 float32;   // while training in float; else null

    /** The numbers of a parameter that trains in {@code float}, and whether the {@code double} views lag behind. */
    private static final class Float32 {
        float[] value;
        float[] previous;
        final float[] gradient;
        final float[] m;
        final float[] v;
        boolean valueChanged;
        boolean gradientChanged;

        Float32(double[] values, double[] previousValues, int size) {
            value = new float[size];
            previous = new float[size];
            gradient = new float[size];
            m = new float[size];
            v = new float[size];
            Floats.round(values, value, size);
            Floats.round(previousValues, previous, size);
        }
    }

    Parameter(String name, int rows, int cols, boolean isWeight) {
        this.name = name;
        this.isWeight = isWeight;
        this.value = new DMatrixRMaj(rows, cols);
        this.gradient = new DMatrixRMaj(rows, cols);
        this.previous = new double[rows * cols];
        this.m = new double[rows * cols];
        this.v = new double[rows * cols];
    }

    /** The name shown in reports, e.g. {@code W1} or {@code b2}. */
    public String name() {
        return name;
    }

    /** Whether this is a weight matrix (else a bias row). */
    public boolean isWeight() {
        return isWeight;
    }

    /** Number of rows: a layer's inputs for weights, 1 for a bias. */
    public int rows() {
        return value.numRows;
    }

    /** Number of columns: the layer's units. */
    public int cols() {
        return value.numCols;
    }

    /** Number of entries. */
    public int size() {
        return value.getNumElements();
    }

    /** Whether the values, gradient and moments are kept in {@code float} now (see the class comment). */
    boolean inFloat() {
        return float32 != null;
    }

    /** Starts keeping the numbers in {@code float}, rounded from the {@code double} ones (the last update's too); for {@link Training}. */
    void startFloat() {
        float32 = new Float32(value.data, previous, size());
    }

    /** Stops keeping the numbers in {@code float}: the {@code double} values and gradient take their last state. */
    void endFloat() {
        if (float32 == null) {
            return;
        }
        value();
        gradient();
        Floats.widen(float32.previous, previous, size());   // so that lastUpdateNorm and undoUpdate see the run's last update
        float32 = null;
    }

    /**
     * The current values (live; the array changes with every update): rows × cols. While training
     * in {@code float}, refreshed from the {@code float} values when they changed since the last read.
     */
    DMatrixRMaj value() {
        if (float32 != null && float32.valueChanged) {
            Floats.widen(float32.value, value.data, size());
            float32.valueChanged = false;
        }
        return value;
    }

    /**
     * The gradient of the last backward pass (live, not a copy); while training in {@code float},
     * refreshed from the {@code float} gradient when it changed since the last read.
     */
    DMatrixRMaj gradient() {
        if (float32 != null && float32.gradientChanged) {
            Floats.widen(float32.gradient, gradient.data, size());
            float32.gradientChanged = false;
        }
        return gradient;
    }

    /** The values in {@code float} (live), for the layer's products; only while {@link #inFloat()}. */
    float[] floatValue() {
        return float32.value;
    }

    /** The gradient in {@code float} (live), for the layer's products to write; {@link #gradient()} follows it. */
    float[] floatGradient() {
        float32.gradientChanged = true;
        return float32.gradient;
    }

    /** A copy of the values as {@code double[rows][cols]}. */
    public double[][] toArray() {
        return Dense.rows(value().data, rows(), cols());
    }

    /** A copy of the gradient of the last backward pass as {@code double[rows][cols]} (e.g. {@code dW}). */
    public double[][] gradientArray() {
        return Dense.rows(gradient().data, rows(), cols());
    }

    /** Entry {@code index} of the values, row-major ({@code index = row · cols + col}). */
    public double get(int index) {
        return value().data[index];
    }

    /**
     * Sets entry {@code index} of the values, row-major; e.g. to nudge one weight in a numerical
     * gradient check.
     *
     * @throws IllegalArgumentException for a non-finite value
     */
    public void set(int index, double entry) {
        if (!Double.isFinite(entry)) {
            throw new IllegalArgumentException(name + "[" + index + "] cannot be set to " + entry);
        }
        value().data[index] = entry;
        valuesSet();
    }

    /** Clears the optimiser state before a training run. */
    void startTraining() {
        java.util.Arrays.fill(m, 0);
        java.util.Arrays.fill(v, 0);
    }

    /**
     * Applies one optimiser step to the values using the current gradient.
     *
     * @param step 1 for the first update of a training run, then 2, 3, ...
     */
    void update(Optimizer optimizer, double learningRate, long step) {
        if (float32 != null) {
            Float32 f = float32;
            optimizer.step(f.value, f.gradient, f.previous, f.m, f.v, size(), (float) learningRate, step, isWeight);
            float[] updated = f.previous;
            f.previous = f.value;
            f.value = updated;
            f.valueChanged = true;
        } else {
            optimizer.step(value.data, gradient.data, previous, m, v, size(), learningRate, step, isWeight);
            double[] updated = previous;
            previous = value.data;
            value.data = updated;
        }
        hasLastUpdate = true;
    }

    /** Restores the values from before the last {@link #update} (the optimiser state is not rewound). */
    void undoUpdate() {
        if (float32 != null) {
            float[] undone = float32.value;
            float32.value = float32.previous;
            float32.previous = undone;
            float32.valueChanged = true;
        } else {
            double[] undone = value.data;
            value.data = previous;
            previous = undone;
        }
        hasLastUpdate = false;
    }

    /**
     * Adds the penalty's gradient to the gradient: {@code λ₁ sign(W) + λ₂ W}, the gradient of
     * {@code λ₁ ‖W‖₁ + (λ₂/2) ‖W‖²} (with {@code sign(0) = 0}).
     */
    void addPenalty(Penalty penalty) {
        if (float32 != null) {
            float l1 = (float) penalty.l1();
            float l2 = (float) penalty.l2();
            float[] g = floatGradient();
            float[] w = float32.value;
            for (int i = 0, size = size(); i < size; i++) {
                g[i] += l1 * Math.signum(w[i]) + l2 * w[i];
            }
        } else {
            double l1 = penalty.l1();
            double l2 = penalty.l2();
            double[] g = gradient.data;
            double[] w = value.data;
            for (int i = 0, size = size(); i < size; i++) {
                g[i] += l1 * Math.signum(w[i]) + l2 * w[i];
            }
        }
    }

    /** Multiplies the gradient by {@code factor} (clipping). */
    void scaleGradient(double factor) {
        if (float32 != null) {
            float scale = (float) factor;
            float[] g = floatGradient();
            for (int i = 0, size = size(); i < size; i++) {
                g[i] *= scale;
            }
        } else {
            CommonOps_DDRM.scale(factor, gradient);
        }
    }

    /** The L2 norm of the values, {@code ‖W‖}. */
    public double norm() {
        return Math.sqrt(float32 != null ? MatMul.squares(float32.value, size()) : MatMul.squares(value.data, size()));
    }

    /** The L2 norm of the gradient. */
    public double gradientNorm() {
        return Math.sqrt(float32 != null ? MatMul.squares(float32.gradient, size()) : MatMul.squares(gradient.data, size()));
    }

    /** The L2 norm of the last applied update, {@code ‖W_new - W_old‖}. */
    public double lastUpdateNorm() {
        return Math.sqrt(float32 != null
                ? Sums.squaredDistance(float32.value, float32.previous, size())
                : Sums.squaredDistance(value.data, previous, size()));
    }

    /**
     * A copy of the last update the optimiser applied, {@code ΔW = W_new - W_old}, as
     * {@code double[rows][cols]}. The values from before the update are kept anyway (see the class
     * comment), so training pays nothing for this. Empty when the values did not come from an
     * update: before training, after they were set ({@link #set(double[][])}, {@link #setValues},
     * e.g. a loaded model or the weights early stopping restored) and after an undone update.
     */
    public Optional<double[][]> lastUpdate() {
        if (!hasLastUpdate) {
            return Optional.empty();
        }
        double[] delta = new double[size()];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = float32 != null ? (double) float32.value[i] - float32.previous[i] : value.data[i] - previous[i];
        }
        return Optional.of(Dense.rows(delta, rows(), cols()));
    }

    /** A copy of the values, for snapshots (e.g. the best epoch of early stopping). */
    public double[] copyValues() {
        return value().data.clone();
    }

    /**
     * Sets the values, e.g. to start from hand-chosen weights in an exercise.
     *
     * @param values {@code rows × cols}; not modified (copied)
     * @throws IllegalArgumentException for a wrong shape or non-finite values (nothing is changed)
     */
    public void set(double[][] values) {
        int rows = value.numRows;
        int cols = value.numCols;
        if (values.length != rows) {
            throw new IllegalArgumentException(name + " has " + rows + " rows, got " + values.length);
        }
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException(name + " has " + cols + " columns, row " + r + " has "
                        + values[r].length);
            }
            for (int c = 0; c < cols; c++) {
                if (!Double.isFinite(values[r][c])) {
                    throw new IllegalArgumentException(name + "[" + r + "][" + c + "] is " + values[r][c]);
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values[r], 0, value.data, r * cols, cols);
        }
        valuesSet();
    }

    /** Sets the values from a snapshot taken by {@link #copyValues()}. */
    public void setValues(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException(name + " has " + size() + " entries, got " + values.length);
        }
        System.arraycopy(values, 0, value.data, 0, values.length);
        valuesSet();
    }

    /** After the {@code double} values were set: no update made them; while training in {@code float}, they are rounded to it. */
    private void valuesSet() {
        hasLastUpdate = false;
        if (float32 != null) {
            Floats.round(value.data, float32.value, size());
            float32.valueChanged = true;
        }
    }

    @Override
    public String toString() {
        return name + " (" + value.numRows + " × " + value.numCols + ")";
    }
}
