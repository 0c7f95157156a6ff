package org.mlplab.nn;

import java.util.List;
import java.util.SplittableRandom;
import org.mlplab.internal.MatMul;
import org.mlplab.optim.Optimizer;

/**
 * One training run's optimisation state for a network, and its step: forward, loss, backward,
 * regularise and clip the gradients, update. The step of a training loop a student can read and
 * call on their own batches:
 *
 * <pre>{@code
 * try (var training = Training.start(model, Optimizer.sgd(0.1), Precision.DOUBLE, Penalty.NONE, 0)) {
 *     var batch = new Batch();
 *     for (int from = 0; from < data.size(); from += 32) {
 *         double loss = training.step(batch.gather(model, data, order, from, Math.min(32, data.size() - from)), 0.1);
 *     }
 * }
 * }</pre>
 *
 * <p>It owns what lives only while the network trains: the optimiser's moments (cleared at the
 * start) and, in {@link Precision#FLOAT}, the {@code float} copy of the weights, which
 * {@link #close()} writes back and drops: after the run the {@code double} values are the model
 * and nothing of the {@code float} run remains. Allocates nothing per step.
 */
public final class Training implements AutoCloseable {
    private final Network network;
    private final List<Parameter> parameters;
    private final Optimizer optimizer;
    private final Precision precision;
    private final Penalty penalty;
    private final double clipNorm;
    private final SplittableRandom masks;   // dropout's, from the network's seed: a run repeats bit for bit
    private long steps;
    private double gradientNorm = Double.NaN;

    private Training(Network network, Optimizer optimizer, Precision precision, Penalty penalty, double clipNorm) {
        this.network = network;
        this.parameters = network.parameters();
        this.optimizer = optimizer;
        this.precision = precision;
        this.penalty = penalty;
        this.clipNorm = clipNorm;
        this.masks = new SplittableRandom(network.seed() ^ 0x5DEECE66DL);
    }

    /**
     * Starts training {@code network}: clears the optimiser's moments and, in {@code FLOAT} with a
     * native BLAS, starts keeping the weights in {@code float}.
     *
     * @param penalty  the weight regularisation ({@link Penalty#NONE} for none)
     * @param clipNorm the largest global gradient norm (0 for no clipping)
     */
    public static Training start(Network network, Optimizer optimizer, Precision precision, Penalty penalty,
                                 double clipNorm) {
        Training training = new Training(network, optimizer, precision, penalty, clipNorm);
        for (Parameter p : training.parameters) {
            p.startTraining();
            if (precision == Precision.FLOAT && p.isWeight() && MatMul.hasFloat32()) {
                p.startFloat();
            }
        }
        return training;
    }

    /**
     * One step on {@code batch}: forward pass (dropping units where the layers say), loss, backward
     * pass, penalty and clipping, an update of
     * every parameter at {@code learningRate}. When the loss is not finite, the previous update
     * is undone and nothing else happens; when the gradient norm is not finite
     * ({@link #gradientNorm()}), no update is made.
     *
     * @param batch Not modified, but for the outputs it keeps
     * @return the batch's mean loss, computed before the update
     */
    public double step(Batch batch, double learningRate) {
        double loss = network.forward(batch, precision, masks);
        if (!Double.isFinite(loss)) {
            if (steps > 0) {
                parameters.forEach(Parameter::undoUpdate);
            }
            return loss;
        }
        network.backward(batch.x, batch.t);
        gradientNorm = regulariseAndClip();
        if (!Double.isFinite(gradientNorm)) {
            return loss;
        }
        steps++;
        // indexed loops here and in regulariseAndClip: no iterator allocated per batch
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).update(optimizer, learningRate, steps);
        }
        return loss;
    }

    /** Adds the penalty's gradient to the weight gradients, clips by global norm; returns the norm before clipping. */
    private double regulariseAndClip() {
        double squares = 0;
        for (int j = 0; j < parameters.size(); j++) {
            Parameter p = parameters.get(j);
            if (p.isWeight() && !penalty.isNone()) {
                p.addPenalty(penalty);
            }
            double norm = p.gradientNorm();
            squares += norm * norm;
        }
        double norm = Math.sqrt(squares);
        if (clipNorm > 0 && norm > clipNorm) {
            for (int j = 0; j < parameters.size(); j++) {
                parameters.get(j).scaleGradient(clipNorm / norm);
            }
        }
        return norm;
    }

    /** The global gradient norm of the last step, before clipping ({@code NaN} before the first). */
    public double gradientNorm() {
        return gradientNorm;
    }

    /** Updates made so far. */
    public long steps() {
        return steps;
    }

    /**
     * Checks the weights after the last update (which no later loss will test, at the end of an
     * epoch): if one is not finite, undoes that update.
     *
     * @return what went wrong, e.g. {@code "a weight of W2 became NaN"}, or {@code null} when all are finite
     */
    public String undoIfNotFinite() {
        for (Parameter p : parameters) {
            for (double w : p.value().data) {
                if (!Double.isFinite(w)) {
                    parameters.forEach(Parameter::undoUpdate);
                    return "a weight of " + p.name() + " became " + w;
                }
            }
        }
        return null;
    }

    /** Ends the run: the {@code float} state (if any) is written back to the {@code double} values and dropped. */
    @Override
    public void close() {
        for (Parameter p : parameters) {
            if (p.inFloat()) {
                p.endFloat();
            }
        }
    }

    @Override
    public String toString() {
        return "Training(" + optimizer + ", " + precision + ", " + steps + " steps)";
    }
}
