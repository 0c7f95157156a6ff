package org.mlplab.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.mlplab.data.Dataset;
import org.mlplab.data.Encoding;
import org.mlplab.data.TableData;
import org.mlplab.internal.Heap;
import org.mlplab.io.ModelFile;
import org.mlplab.notebook.Displayable;
import org.mlplab.notebook.Html;
import org.mlplab.train.Evaluation;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.mlplab.train.Trainer;
import tech.tablesaw.api.Table;

/**
 * A multilayer perceptron: a stack of {@link Dense} layers and a {@link Loss}.
 *
 * <pre>{@code
 * var model = Mlp.input(4).dense(16, RELU).dense(3, SOFTMAX).init(HE).seed(42).build();
 * var history = model.fit(train, Fit.epochs(200).batch(16).adam(0.01).validation(test));
 * int[] classes = model.predictClasses(test.x());
 * }</pre>
 *
 * <p>Rows are samples throughout. The same seed gives bit-for-bit the same weights, and with the
 * same data and {@link Fit}, the same history. A model is not safe for use by several threads
 * at once.
 */
public final class Mlp implements Displayable {
    private final int inputs;
    private final List<Dense> layers;
    private final Loss loss;
    private final long seed;
    private final double biasInit;
    private final String warning;
    private Encoding encoding;

    private Mlp(Builder builder) {
        if (builder.layers.isEmpty()) {
            throw new IllegalArgumentException("the model has no layers: add at least one with .dense(units, activation)");
        }
        requireMemory(builder);
        this.inputs = builder.inputs;
        this.seed = builder.seed;
        this.biasInit = builder.biasInit;
        List<Dense> built = new ArrayList<>();
        int fanIn = inputs;
        for (LayerSpec spec : builder.layers) {
            Init init = spec.init != null ? spec.init : builder.init;
            built.add(new Dense(built.size() + 1, fanIn, spec.units, spec.activation, init));
            fanIn = spec.units;
        }
        this.layers = List.copyOf(built);
        Dense out = layers.get(layers.size() - 1);
        for (Dense hidden : layers.subList(0, layers.size() - 1)) {
            if (hidden.activation() instanceof Activation.Softmax) {
                throw new IllegalArgumentException("softmax is for the output layer; use relu, tanh or sigmoid in "
                        + "hidden layers");
            }
        }
        this.loss = builder.loss != null ? builder.loss : Loss.defaultFor(out.activation());
        this.warning = loss.check(out.activation(), out.units());
        if (warning != null) {
            System.err.println("warning: " + warning);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (Dense layer : layers) {
            layer.initialise(random, biasInit);
        }
    }

    /** Bytes a parameter takes: its value, gradient, previous value and the optimiser's two moments. */
    static final int BYTES_PER_PARAMETER = 5 * Double.BYTES;

    /**
     * Refuses, before allocating anything, a model whose weight matrix cannot be a Java array or
     * whose parameters do not fit in the heap: an error with the numbers instead of an
     * {@code OutOfMemoryError} after minutes of swapping.
     */
    private static void requireMemory(Builder builder) {
        long parameters = 0;
        long fanIn = builder.inputs;
        for (int k = 0; k < builder.layers.size(); k++) {
            long units = builder.layers.get(k).units;
            if (fanIn * units > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(String.format("layer %d would have %d × %d = %,d weights, more than "
                        + "one Java array holds (%,d): use fewer units or inputs", k + 1, fanIn, units, fanIn * units,
                        Integer.MAX_VALUE - 8));
            }
            parameters += (fanIn + 1) * units;
            fanIn = units;
        }
        long count = parameters;
        Heap.require(count * BYTES_PER_PARAMETER, mb -> String.format("the model's %,d parameters need about %,d MB "
                + "(%d bytes each: value, gradient and the optimiser's state)", count, mb, BYTES_PER_PARAMETER),
                "use fewer or smaller layers");
    }

    /** Starts a model taking {@code features} inputs per sample. */
    public static Builder input(int features) {
        return new Builder(features);
    }

    /** Reads a model saved with {@link #save}. */
    public static Mlp load(Path file) throws IOException {
        return ModelFile.read(file);
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
        requireData(data, "training data");
        java.util.Objects.requireNonNull(fit, "the Fit is null: give one, e.g. Fit.epochs(100).adam(0.01)");
        Encoding before = encoding;
        encoding = data.encoding().orElse(null);   // the model now means what this data means
        try {
            return Trainer.fit(this, data, fit);
        } catch (IllegalArgumentException rejected) {   // bad input: leave the model as it was
            encoding = before;
            throw rejected;
        }
    }

    /** Mean loss and accuracy (or R²) on {@code data}. */
    public Evaluation evaluate(Dataset data) {
        return Trainer.evaluate(this, data);
    }

    /**
     * The network's outputs for each row: class probabilities for softmax/sigmoid outputs,
     * predicted values for regression.
     *
     * @param x {@code rows × inputs}; not modified
     * @return {@code rows × outputs}
     * @throws IllegalArgumentException for a wrong width or NaN/Inf inputs
     */
    public double[][] predict(double[][] x) {
        checkInput(x);
        double[][] out = new double[x.length][];
        DMatrixRMaj chunk = new DMatrixRMaj(1, 1);
        for (int from = 0; from < x.length; from += 512) {
            int count = Math.min(512, x.length - from);
            chunk.reshape(count, inputs);
            for (int r = 0; r < count; r++) {
                System.arraycopy(x[from + r], 0, chunk.data, r * inputs, inputs);
            }
            DMatrixRMaj a = forward(chunk);
            for (int r = 0; r < count; r++) {
                out[from + r] = java.util.Arrays.copyOfRange(a.data, r * a.numCols, (r + 1) * a.numCols);
            }
        }
        return out;
    }

    /**
     * The outputs for every row of a raw table, encoded as the training data was (same columns,
     * scaling, one-hot categories); see {@link #predict(double[][])}.
     *
     * @param table Not modified
     * @throws IllegalStateException if the model was not trained on data from {@link TableData}
     * @throws IllegalArgumentException if the table lacks columns the model was trained on
     */
    public double[][] predict(Table table) {
        return predict(requireEncoding().encode(table));
    }

    /** The predicted class name of every row of a raw table; see {@link #predict(Table)}. */
    public List<String> predictClassNames(Table table) {
        List<String> classes = requireEncoding().classes();
        if (classes.isEmpty()) {
            throw new IllegalStateException("the model was trained for regression: use predict(table)");
        }
        return java.util.Arrays.stream(predictClasses(requireEncoding().encode(table))).mapToObj(classes::get).toList();
    }

    /** How raw table rows are turned into this model's inputs, if it was trained on data from {@link TableData}. */
    public java.util.Optional<Encoding> encoding() {
        return java.util.Optional.ofNullable(encoding);
    }

    /** Sets the encoding (used when loading a saved model). */
    public void setEncoding(Encoding encoding) {
        if (encoding.width() != inputs) {
            throw new IllegalArgumentException("the encoding makes " + encoding.width() + " features, the model takes "
                    + inputs);
        }
        this.encoding = encoding;
    }

    private Encoding requireEncoding() {
        if (encoding == null) {
            throw new IllegalStateException("the model does not know how to encode a table: train it on data from "
                    + "TableData (or pass feature arrays to predict)");
        }
        return encoding;
    }

    /** The outputs for every row of {@code data}; see {@link #predict(double[][])}. */
    public double[][] predict(Dataset data) {
        return predict(data.x());
    }

    /**
     * The predicted class of each row: the arg-max of the outputs, or {@code output ≥ 0.5} for a
     * single sigmoid output.
     */
    public int[] predictClasses(double[][] x) {
        double[][] p = predict(x);
        int[] classes = new int[p.length];
        for (int r = 0; r < p.length; r++) {
            classes[r] = predictedClass(p[r], 0, p[r].length);
        }
        return classes;
    }

    /**
     * The class that outputs {@code values[from..from+width)} predict: the arg-max of several
     * outputs, or {@code output ≥ 0.5} for a single sigmoid output.
     */
    public static int predictedClass(double[] values, int from, int width) {
        if (width == 1) {
            return values[from] >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (values[from + c] > values[from + best]) {
                best = c;
            }
        }
        return best;
    }

    /** The predicted class of every row of {@code data}. */
    public int[] predictClasses(Dataset data) {
        return predictClasses(data.x());
    }

    /**
     * The gradient of the mean loss over {@code batch} with respect to every parameter, by
     * back-propagation: {@code W1, b1, W2, ...} in order, each {@code rows × cols} (a bias is one row).
     *
     * @param batch Not modified; the model's weights are not modified either
     */
    public java.util.Map<String, double[][]> gradients(Dataset batch) {
        check(batch, "batch");
        DMatrixRMaj x = new DMatrixRMaj(1, 1);
        DMatrixRMaj t = new DMatrixRMaj(1, 1);
        Trainer.gather(this, batch, java.util.stream.IntStream.range(0, batch.size()).toArray(), 0, batch.size(), x, t);
        forward(x);
        backward(x, t);
        java.util.Map<String, double[][]> out = new java.util.LinkedHashMap<>();
        for (Parameter p : parameters()) {
            DMatrixRMaj g = p.gradient();
            double[][] copy = new double[g.numRows][];
            for (int r = 0; r < g.numRows; r++) {
                copy[r] = java.util.Arrays.copyOfRange(g.data, r * g.numCols, (r + 1) * g.numCols);
            }
            out.put(p.name(), copy);
        }
        return out;
    }

    /** An independent copy: same architecture, seed and weights (optimiser state starts afresh). */
    public Mlp copy() {
        return ModelFile.fromJson(ModelFile.toJson(this));
    }

    /** Writes the model (architecture and weights) to a versioned JSON file; see {@link ModelFile}. */
    public void save(Path file) throws IOException {
        ModelFile.write(this, file);
    }

    // ---- the engine: forward and backward over a batch (rows = samples) ----

    /**
     * Forward pass over a batch: {@code a_0 = x}, {@code a_l = f_l(a_{l-1} W_l + b_l)}, with
     * {@code double} products.
     *
     * @param x {@code B × inputs}; not modified
     * @return the output activations {@code a_L}, {@code B × outputs} (the output layer's live buffer)
     */
    public DMatrixRMaj forward(DMatrixRMaj x) {
        return forward(x, Precision.DOUBLE);
    }

    /**
     * {@link #forward(DMatrixRMaj)} with the matrix products in the given precision; the
     * {@link #backward} that follows uses the same.
     */
    public DMatrixRMaj forward(DMatrixRMaj x, Precision products) {
        DMatrixRMaj a = x;
        for (int l = 0; l < layers.size(); l++) {   // indexed: no iterator per batch
            Dense layer = layers.get(l);
            layer.forward(a, products);
            a = layer.a();
        }
        return a;
    }

    /**
     * Backward pass after {@link #forward} on the same batch (in its precision); fills every
     * parameter's gradient of the mean loss {@code L = (1/B) Σ ℓ_i}:
     * <pre>
     *   δ_L     = ∂ℓ/∂z_L                 (softmax/sigmoid with cross-entropy: a_L - t)
     *   dW_l    = a_{l-1}ᵀ δ_l / B,   db_l = mean over the batch of δ_l
     *   δ_{l-1} = (δ_l W_lᵀ) ⊙ f'(z_{l-1})
     * </pre>
     *
     * @param x       the batch given to {@code forward}; not modified
     * @param targets {@code B × outputs}; not modified
     */
    public void backward(DMatrixRMaj x, DMatrixRMaj targets) {
        Dense out = output();
        loss.delta(out.activation(), out.z(), out.a(), targets, out.delta());
        for (int l = layers.size() - 1; l >= 0; l--) {
            Dense below = l == 0 ? null : layers.get(l - 1);
            layers.get(l).backward(below == null ? x : below.a(), below);
        }
    }

    // ---- structure ----

    /** The layers, input side first. */
    public List<Dense> layers() {
        return layers;
    }

    /** The layer at {@code index} (0-based: 0 is the first hidden layer). */
    public Dense layer(int index) {
        return layers.get(index);
    }

    /** The output layer. */
    public Dense output() {
        return layers.get(layers.size() - 1);
    }

    /** Every trainable parameter: {@code W1, b1, W2, b2, ...}. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Dense layer : layers) {
            all.add(layer.weights());
            all.add(layer.bias());
        }
        return all;
    }

    /** Number of input features. */
    public int inputs() {
        return inputs;
    }

    /** Number of output units. */
    public int outputs() {
        return output().units();
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /** The seed the weights were drawn with (and the default shuffling seed). */
    public long seed() {
        return seed;
    }

    /** The value every bias started at. */
    public double biasInit() {
        return biasInit;
    }

    /** A warning about the output/loss pairing, or {@code null}. */
    public String warning() {
        return warning;
    }

    /** Total number of trainable parameters. */
    public int parameterCount() {
        return layers.stream().mapToInt(Dense::parameterCount).sum();
    }

    /**
     * Checks that {@code data} fits this model: width, and targets matching the output layer.
     *
     * @param role how to call the data in the message, e.g. {@code "training data"}
     * @throws IllegalArgumentException saying what does not fit and how to fix it
     */
    public void check(Dataset data, String role) {
        requireData(data, role);
        if (data.features() != inputs) {
            throw new IllegalArgumentException("the model expects " + inputs + " input features but the " + role
                    + " has " + data.features() + " " + data.featureNames()
                    + ": build the model with Mlp.input(" + data.features() + ") or select the matching columns");
        }
        int units = outputs();
        if (data.isClassification()) {
            if (units == 1 && data.outputs() > 2) {
                throw new IllegalArgumentException("a single output unit separates 2 classes, but the " + role
                        + " has " + data.outputs() + " " + data.targetNames() + ": use .dense(" + data.outputs()
                        + ", SOFTMAX) as the output layer");
            }
            if (units > 1 && data.outputs() > units) {
                throw new IllegalArgumentException("labels out of range: the " + role + " has " + data.outputs()
                        + " classes (labels 0.." + (data.outputs() - 1) + ") but the output layer has " + units
                        + " units: use .dense(" + data.outputs() + ", SOFTMAX) as the output layer");
            }
        } else {
            if (!(loss instanceof Loss.MeanSquaredError)) {
                throw new IllegalArgumentException(loss.name() + " needs class labels, but the " + role
                        + " has real-valued targets " + data.targetNames()
                        + ": for regression use an identity output with mse, for classification build the data "
                        + "with Dataset.classification");
            }
            if (data.outputs() != units) {
                throw new IllegalArgumentException("the " + role + " has " + data.outputs() + " target(s) "
                        + data.targetNames() + " but the output layer has " + units + " units");
            }
        }
    }

    private static void requireData(Dataset data, String role) {
        java.util.Objects.requireNonNull(data, () -> "the " + role + " is null: give a Dataset, e.g. "
                + "TableData.of(table).target(\"y\").split(0.8, 42).train()");
    }

    private void checkInput(double[][] x) {
        java.util.Objects.requireNonNull(x, "the rows to predict are null: give a double[][], one row per sample");
        if (x.length == 0) {
            throw new IllegalArgumentException("no rows to predict: give at least one row");
        }
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != inputs) {
                throw new IllegalArgumentException("row " + r + " has " + x[r].length + " values but the model expects "
                        + inputs + " input features");
            }
            for (int c = 0; c < inputs; c++) {
                if (!Double.isFinite(x[r][c])) {
                    throw new IllegalArgumentException("input " + c + " of row " + r + " is " + x[r][c]
                            + ": remove or impute missing and infinite values first");
                }
            }
        }
    }

    /** The architecture as text: {@code 4 → 16 → 3}. */
    public String shape() {
        StringBuilder s = new StringBuilder().append(inputs);
        for (Dense layer : layers) {
            s.append(" → ").append(layer.units());
        }
        return s.toString();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format("Mlp %s, %s, %,d parameters, seed %d%n",
                shape(), loss, parameterCount(), seed));
        s.append(String.format("  %-5s  %-12s  %-14s  %-14s  %10s%n", "layer", "shape", "activation", "init", "parameters"));
        for (int i = 0; i < layers.size(); i++) {
            Dense d = layers.get(i);
            s.append(String.format("  %-5d  %-12s  %-14s  %-14s  %,10d%n", i + 1, d.inputs() + " × " + d.units(),
                    d.activation().name(), d.init().name(), d.parameterCount()));
        }
        if (warning != null) {
            s.append("  warning: ").append(warning).append('\n');
        }
        return s.toString();
    }

    @Override
    public String toHtml() {
        StringBuilder s = new StringBuilder("<div class=\"mlplab-model\"><p><b>Mlp</b> ")
                .append(Html.escape(shape())).append(", ").append(Html.escape(loss.toString()))
                .append(String.format(", %,d parameters, seed %d</p>", parameterCount(), seed));
        s.append("<table><tr><th>layer</th><th>shape</th><th>activation</th><th>init</th><th>parameters</th></tr>");
        for (int i = 0; i < layers.size(); i++) {
            Dense d = layers.get(i);
            s.append(String.format("<tr><td>%d</td><td>%d × %d</td><td>%s</td><td>%s</td><td>%,d</td></tr>", i + 1,
                    d.inputs(), d.units(), Html.escape(d.activation().name()), Html.escape(d.init().name()),
                    d.parameterCount()));
        }
        s.append("</table>");
        if (warning != null) {
            s.append("<p>warning: ").append(Html.escape(warning)).append("</p>");
        }
        return s.append("</div>").toString();
    }

    /** Builds an {@link Mlp}: {@code Mlp.input(4).dense(16, RELU).dense(3, SOFTMAX).build()}. */
    public static final class Builder {
        private final int inputs;
        private final List<LayerSpec> layers = new ArrayList<>();
        private Init init = Init.XAVIER;
        private double biasInit;
        private Loss loss;
        private long seed = 42;

        private Builder(int inputs) {
            if (inputs < 1) {
                throw new IllegalArgumentException("a model needs at least 1 input feature, got " + inputs);
            }
            this.inputs = inputs;
        }

        /** Adds a dense layer of {@code units} units with this activation (weights from the model's {@link #init}). */
        public Builder dense(int units, Activation activation) {
            return dense(units, activation, null);
        }

        /** Adds a dense layer with its own weight initialiser. */
        public Builder dense(int units, Activation activation, Init init) {
            if (units < 1) {
                throw new IllegalArgumentException("a layer needs at least 1 unit, got " + units);
            }
            layers.add(new LayerSpec(units, java.util.Objects.requireNonNull(activation, "the activation is null: give one, e.g. RELU"), init));
            return this;
        }

        /** The weight initialiser of every layer that has none of its own (default {@link Init#XAVIER}). */
        public Builder init(Init init) {
            this.init = java.util.Objects.requireNonNull(init, "the initialiser is null: give one, e.g. Init.HE");
            return this;
        }

        /** The value every bias starts at (default 0). */
        public Builder biasInit(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("bias init must be finite, got " + value);
            }
            this.biasInit = value;
            return this;
        }

        /** The loss (default: cross-entropy for softmax/sigmoid outputs, else mean squared error). */
        public Builder loss(Loss loss) {
            this.loss = java.util.Objects.requireNonNull(loss, "the loss is null: give one, e.g. Loss.MSE");
            return this;
        }

        /** The seed for the initial weights and the default shuffling (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the model and draws its weights.
         *
         * @throws IllegalArgumentException for an impossible architecture or output/loss pairing
         */
        public Mlp build() {
            return new Mlp(this);
        }
    }

    private record LayerSpec(int units, Activation activation, Init init) {
    }
}
