package org.mlplab.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.mlplab.data.Dataset;
import org.mlplab.data.Encoding;
import org.mlplab.io.ModelFile;
import org.mlplab.nn.Network;
import org.mlplab.train.Evaluation;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.mlplab.train.Trainer;

/**
 * A multilayer perceptron as a notebook uses it: the engine ({@link Network}: layers, forward and
 * backward passes) with training, evaluation and files on top.
 *
 * <pre>{@code
 * var model = Mlp.input(4).dense(16, RELU).dense(3, SOFTMAX).init(HE).seed(42).build();
 * var history = model.fit(train, Fit.epochs(200).batch(16).adam(0.01).validation(test));
 * int[] classes = model.predictClasses(test.x());
 * }</pre>
 *
 * <p>The same seed gives bit-for-bit the same weights, and with the same data and {@link Fit},
 * the same history.
 */
public final class Mlp extends Network {

    private Mlp(Network.Builder<?> builder) {
        super(builder);
    }

    /** Starts a model taking {@code features} inputs per sample. */
    public static Network.Builder<Mlp> input(int features) {
        return new Network.Builder<>(features, Mlp::new);
    }

    /** Reads a model saved with {@link #save}. */
    public static Mlp load(Path file) throws IOException {
        return ModelFile.read(file, Mlp::input);
    }

    /** Writes the model (architecture, weights, encoding) to a versioned JSON file; see {@link ModelFile}. */
    public void save(Path file) throws IOException {
        ModelFile.write(this, file);
    }

    /**
     * Trains the model on {@code data} as {@code fit} says; see {@link Fit}.
     *
     * @param data Not modified
     * @return what was measured, epoch by epoch
     * @throws IllegalArgumentException if the data does not fit the model (nothing changes)
     * @throws org.mlplab.train.TrainingDivergedException if the loss becomes NaN/Inf (the model
     *         keeps its last good weights; the exception holds the history so far)
     */
    public History fit(Dataset data, Fit fit) {
        check(data, "training data");
        Objects.requireNonNull(fit, "the Fit is null: give one, e.g. Fit.epochs(100).adam(0.01)");
        Encoding before = encoding().orElse(null);
        setEncoding(data.encoding().orElse(null));   // the model now means what this data means
        try {
            return Trainer.fit(this, data, fit);
        } catch (IllegalArgumentException rejected) {   // bad input: leave the model as it was
            setEncoding(before);
            throw rejected;
        }
    }

    /** Mean loss and accuracy (or R²) on {@code data}. */
    public Evaluation evaluate(Dataset data) {
        return Trainer.evaluate(this, data);
    }

    /** An independent copy: same architecture, seed, weights and encoding (optimiser state starts afresh). */
    @Override
    public Mlp copy() {
        return (Mlp) super.copy();
    }

    @Override
    public Mlp untrained() {
        return (Mlp) super.untrained();
    }
}
