package org.mlplab.nn;

import org.ejml.data.DMatrixRMaj;
import org.mlplab.data.Dataset;
import org.mlplab.data.Predictions;

/**
 * Rows of a {@link Dataset} laid out for a network: features {@code x} ({@code B × inputs}) and
 * targets {@code t} ({@code B × outputs}: one-hot rows, 0/1 for a single sigmoid unit, or the
 * real values), and after a forward pass the network's outputs for them. A batch is reused:
 * {@link #gather} refills it without allocating once it has grown to the largest size used.
 *
 * <pre>{@code
 * var batch = new Batch().gather(model, data, order, 0, 32);   // rows order[0..32)
 * double loss = model.loss(batch);                              // forward pass; outputs kept
 * }</pre>
 */
public final class Batch {
    final DMatrixRMaj x = new DMatrixRMaj(1, 1);
    final DMatrixRMaj t = new DMatrixRMaj(1, 1);
    /** The output layer's activations after the last forward pass over this batch; else {@code null}. */
    DMatrixRMaj out;

    /**
     * Fills the batch with rows {@code order[from..from+count)} of {@code data}, targets laid out
     * for {@code network}'s output layer.
     *
     * @param data  Not modified; its width and targets must fit the network (see {@link Network#check})
     * @param order Not modified
     * @return this batch
     */
    public Batch gather(Network network, Dataset data, int[] order, int from, int count) {
        x.reshape(count, data.features());
        data.gatherFeatures(order, from, count, x.data);
        t.reshape(count, network.outputs());
        if (data.isClassification() && network.outputs() == 1) {
            data.gatherLabels(order, from, count, t.data);
        } else {
            data.gatherTargets(order, from, count, network.outputs(), t.data);
        }
        out = null;
        return this;
    }

    /**
     * Every row of {@code data}, in order, laid out for {@code network}.
     *
     * @throws IllegalArgumentException if the data does not fit the network
     */
    public static Batch of(Network network, Dataset data) {
        network.check(data, "batch");
        return new Batch().gather(network, data, java.util.stream.IntStream.range(0, data.size()).toArray(), 0,
                data.size());
    }

    /** Number of rows. */
    public int size() {
        return x.numRows;
    }

    /** Number of outputs (and targets) per row. */
    public int outputs() {
        return t.numCols;
    }

    /** Target {@code col} of row {@code row}. */
    public double target(int row, int col) {
        return t.data[row * t.numCols + col];
    }

    /**
     * Output {@code col} of row {@code row} from the last forward pass over this batch.
     *
     * @throws IllegalStateException if there was none since it was filled
     */
    public double output(int row, int col) {
        return outputs(row)[row * t.numCols + col];
    }

    /** The class the outputs of row {@code row} predict (see {@link Predictions#predictedClass}). */
    public int predictedClass(int row) {
        return Predictions.predictedClass(outputs(row), row * t.numCols, t.numCols);
    }

    /** The class of row {@code row}'s target. */
    public int targetClass(int row) {
        return Predictions.predictedClass(t.data, row * t.numCols, t.numCols);
    }

    private double[] outputs(int row) {
        if (out == null) {
            throw new IllegalStateException("no forward pass over this batch yet: call network.loss(batch) first");
        }
        return out.data;
    }

    @Override
    public String toString() {
        return "Batch(" + size() + " rows × " + x.numCols + " features → " + t.numCols + " outputs)";
    }
}
