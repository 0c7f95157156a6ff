package org.mlplab.nn;

import org.ejml.data.DMatrixRMaj;
import org.mlplab.internal.Sums;
import org.mlplab.optim.Optimizer;

/**
 * A trainable matrix (a layer's weights or biases) with its gradient and its optimiser state:
 * the network's mutable state, kept in one place.
 *
 * <p>Updates are double-buffered: the optimiser writes the new values into a second array which
 * then becomes the current one, so the last update can be undone at no cost when it turns out to
 * have produced a non-finite loss.
 */
public final class Parameter {
    private final String name;
    private final boolean isWeight;
    private final DMatrixRMaj value;
    private final DMatrixRMaj gradient;
    private double[] previous;
    private final double[] m;
    private final double[] v;

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

    /** Number of entries. */
    public int size() {
        return value.getNumElements();
    }

    /** The current values (live, not a copy): rows × cols. Modify only through the optimiser. */
    public DMatrixRMaj value() {
        return value;
    }

    /** The gradient of the last backward pass (live, not a copy). */
    public DMatrixRMaj gradient() {
        return gradient;
    }

    /** A copy of the values as {@code double[rows][cols]}. */
    public double[][] toArray() {
        double[][] out = new double[value.numRows][value.numCols];
        for (int r = 0; r < value.numRows; r++) {
            System.arraycopy(value.data, r * value.numCols, out[r], 0, value.numCols);
        }
        return out;
    }

    /**
     * Applies one optimiser step to the values using the current gradient.
     *
     * @param step 1 for the first update of a training run, then 2, 3, ...
     */
    public void update(Optimizer optimizer, double learningRate, long step) {
        optimizer.step(value.data, gradient.data, previous, m, v, size(), learningRate, step, isWeight);
        double[] updated = previous;
        previous = value.data;
        value.data = updated;
    }

    /** Restores the values from before the last {@link #update} (the optimiser state is not rewound). */
    public void undoUpdate() {
        double[] undone = value.data;
        value.data = previous;
        previous = undone;
    }

    /** The L2 norm of the values, {@code ‖W‖}. */
    public double norm() {
        return Math.sqrt(Sums.squares(value.data, size()));
    }

    /** The L2 norm of the gradient. */
    public double gradientNorm() {
        return Math.sqrt(Sums.squares(gradient.data, size()));
    }

    /** The L2 norm of the last applied update, {@code ‖W_new - W_old‖}. */
    public double lastUpdateNorm() {
        return Math.sqrt(Sums.squaredDistance(value.data, previous, size()));
    }

    /** Clears the optimiser state, e.g. before a new training run. */
    public void resetOptimizerState() {
        java.util.Arrays.fill(m, 0);
        java.util.Arrays.fill(v, 0);
    }

    /** A copy of the values, for snapshots (e.g. the best epoch of early stopping). */
    public double[] copyValues() {
        return value.data.clone();
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
    }

    /** Sets the values from a snapshot taken by {@link #copyValues()}. */
    public void setValues(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException(name + " has " + size() + " entries, got " + values.length);
        }
        System.arraycopy(values, 0, value.data, 0, values.length);
    }

    @Override
    public String toString() {
        return name + " (" + value.numRows + " × " + value.numCols + ")";
    }
}
