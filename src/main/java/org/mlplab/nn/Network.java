package org.mlplab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.mlplab.data.Dataset;
import org.mlplab.data.Encoding;
import org.mlplab.data.Predictions;
import org.mlplab.data.TableData;
import org.mlplab.internal.Heap;
import org.mlplab.internal.Html;
import tech.tablesaw.api.Table;

/**
 * The engine of a multilayer perceptron: a stack of {@link Dense} layers and a {@link Loss},
 * with the forward and backward passes over a batch. It depends on nothing above it; the model a
 * notebook builds and fits, {@code org.mlplab.model.Mlp}, adds training and files on top.
 *
 * <p>Rows are samples throughout. The same seed gives bit-for-bit the same weights. A network is
 * not safe for use by several threads at once.
 */
public class Network {
    private final int inputs;
    private final List<Dense> layers;
    private final Loss loss;
    private final long seed;
    private final double biasInit;
    private final String warning;
    private final Function<Builder<?>, ? extends Network> factory;
    private Encoding encoding;

    /**
     * Builds the network a builder describes and draws its weights; for subclasses, whose
     * builder's factory calls it.
     */
    protected Network(Builder<?> builder) {
        if (builder.layers.isEmpty()) {
            throw new IllegalArgumentException("the model has no layers: add at least one with .dense(units, activation)");
        }
        requireMemory(builder);
        this.inputs = builder.inputs;
        this.seed = builder.seed;
        this.biasInit = builder.biasInit;
        this.factory = builder.factory;
        List<Dense> built = new ArrayList<>();
        int fanIn = inputs;
        for (LayerSpec spec : builder.layers) {
            Init init = spec.init != null ? spec.init : builder.init;
            built.add(new Dense(built.size() + 1, fanIn, spec.units, spec.activation, init, spec.dropout,
                    spec.batchNorm, spec.residual));
            fanIn = spec.units;
        }
        this.layers = List.copyOf(built);
        Dense out = layers.get(layers.size() - 1);
        if (out.dropout() > 0) {
            throw new IllegalArgumentException("dropout on the output layer would drop predictions: put .dropout(p) "
                    + "after a hidden layer");
        }
        if (out.batchNorm() || out.residual()) {
            throw new IllegalArgumentException((out.batchNorm() ? "batch normalisation" : "a residual connection")
                    + " belongs to hidden layers: put it after a hidden .dense(...), not the output layer");
        }
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
    private static void requireMemory(Builder<?> builder) {
        long parameters = 0;
        long fanIn = builder.inputs;
        for (int k = 0; k < builder.layers.size(); k++) {
            LayerSpec spec = builder.layers.get(k);
            long units = spec.units;
            if (fanIn * units > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(String.format("layer %d would have %d × %d = %,d weights, more than "
                        + "one Java array holds (%,d): use fewer units or inputs", k + 1, fanIn, units, fanIn * units,
                        Integer.MAX_VALUE - 8));
            }
            parameters += (fanIn + 1) * units + (spec.batchNorm ? 2 * units : 0)
                    + (spec.residual && fanIn != units ? fanIn * units : 0);   // γ and β; a skip's projection
            fanIn = units;
        }
        long count = parameters;
        Heap.require(count * BYTES_PER_PARAMETER, mb -> String.format("the model's %,d parameters need about %,d MB "
                + "(%d bytes each: value, gradient and the optimiser's state)", count, mb, BYTES_PER_PARAMETER),
                "use fewer or smaller layers");
    }

    /** Starts a network taking {@code features} inputs per sample (the engine alone; notebooks use {@code Mlp.input}). */
    public static Builder<? extends Network> input(int features) {
        return new Builder<>(features, Network::new);
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
        forwardInChunks(x.length, rows(x), from -> copyRows(output().output(), out, from));
        return out;
    }

    /**
     * Every layer's activations {@code a_l = f_l(z_l)} for each row, input side first, as at
     * inference (batch normalisation's running statistics, no dropout): what each hidden unit
     * computes, e.g. over a grid of the input plane. The last is {@link #predict(double[][])}.
     *
     * @param x {@code rows × inputs}; not modified
     * @return per layer {@code rows × units}
     * @throws IllegalArgumentException for a wrong width or NaN/Inf inputs
     */
    public List<double[][]> activations(double[][] x) {
        checkInput(x);
        List<double[][]> out = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            out.add(new double[x.length][]);
        }
        forwardInChunks(x.length, rows(x), from -> {
            for (int l = 0; l < layers.size(); l++) {
                copyRows(layers.get(l).aBuffer(), out.get(l), from);
            }
        });
        return out;
    }

    /** Writes rows {@code from..from+count} of some input, row-major, into {@code chunk}. */
    private interface Rows {
        void copy(int from, int count, double[] chunk);
    }

    /** The rows of {@code x}. */
    private Rows rows(double[][] x) {
        return (from, count, chunk) -> {
            for (int r = 0; r < count; r++) {
                System.arraycopy(x[from + r], 0, chunk, r * inputs, inputs);
            }
        };
    }

    /**
     * A forward pass over {@code rows} checked rows in chunks of at most 512, so that no copy of the
     * whole input is made; {@code chunkDone} gets each chunk's first row.
     */
    private void forwardInChunks(int rows, Rows input, java.util.function.IntConsumer chunkDone) {
        DMatrixRMaj chunk = new DMatrixRMaj(1, 1);
        for (int from = 0; from < rows; from += 512) {
            int count = Math.min(512, rows - from);
            chunk.reshape(count, inputs);
            input.copy(from, count, chunk.data);
            forward(chunk, Precision.DOUBLE, null);
            chunkDone.accept(from);
        }
    }

    /** The rows of {@code m} into {@code into[from ...]}, each a fresh array. */
    private static void copyRows(DMatrixRMaj m, double[][] into, int from) {
        for (int r = 0; r < m.numRows; r++) {
            into[from + r] = java.util.Arrays.copyOfRange(m.data, r * m.numCols, (r + 1) * m.numCols);
        }
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

    /**
     * Sets how raw table rows are turned into this model's inputs ({@code null}: it does not know).
     *
     * @throws IllegalArgumentException if the encoding makes another number of features than the model takes
     */
    public void setEncoding(Encoding encoding) {
        if (encoding != null && encoding.width() != inputs) {
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

    /**
     * The outputs for every row of {@code data}; see {@link #predict(double[][])}. The rows are
     * read in chunks straight from the data set, which is not copied as a whole.
     *
     * @throws IllegalArgumentException if the data has another number of features than the model takes
     */
    public double[][] predict(Dataset data) {
        requireData(data, "data");
        if (data.features() != inputs) {
            throw new IllegalArgumentException("the data has " + data.features() + " features but the model expects "
                    + inputs + " input features");
        }
        int[] order = java.util.stream.IntStream.range(0, data.size()).toArray();
        double[][] out = new double[data.size()][];
        forwardInChunks(data.size(), (from, count, chunk) -> data.gatherFeatures(order, from, count, chunk),
                from -> copyRows(output().output(), out, from));
        return out;
    }

    /**
     * The predicted class of each row: the arg-max of the outputs, or {@code output ≥ 0.5} for a
     * single sigmoid output.
     */
    public int[] predictClasses(double[][] x) {
        return classes(predict(x));
    }

    /** The class each row of outputs predicts. */
    private static int[] classes(double[][] p) {
        int[] classes = new int[p.length];
        for (int r = 0; r < p.length; r++) {
            classes[r] = Predictions.predictedClass(p[r], 0, p[r].length);
        }
        return classes;
    }

    /** The predicted class of every row of {@code data}. */
    public int[] predictClasses(Dataset data) {
        return classes(predict(data));
    }

    /**
     * The gradient of the mean loss over {@code batch} with respect to every parameter, by
     * back-propagation: {@code W1, b1, W2, ...} in order, each {@code rows × cols} (a bias is one row).
     *
     * @param batch Not modified; the model's weights are not modified either
     */
    public java.util.Map<String, double[][]> gradients(Dataset batch) {
        Batch rows = Batch.of(this, batch);
        backward(rows);
        java.util.Map<String, double[][]> out = new java.util.LinkedHashMap<>();
        for (Parameter p : parameters()) {
            out.put(p.name(), p.gradientArray());
        }
        return out;
    }

    /** An independent copy: same class, architecture, seed, weights and encoding (optimiser state starts afresh). */
    public Network copy() {
        Network copy = rebuild(inputs).build();
        List<Parameter> from = parameters();
        List<Parameter> to = copy.parameters();
        for (int i = 0; i < from.size(); i++) {
            to.get(i).setValues(from.get(i).copyValues());
        }
        for (int l = 0; l < layers.size(); l++) {
            Dense d = layers.get(l);
            if (d.batchNorm()) {
                copy.layers.get(l).setRunningStatistics(d.runningMean().orElseThrow(), d.runningVariance().orElseThrow());
            }
        }
        copy.encoding = encoding;
        return copy;
    }

    /**
     * A new model of this architecture with the weights its seed gives: this model as it was
     * before any training (unless its weights were set by hand), with the same encoding.
     */
    public Network untrained() {
        Network fresh = rebuild(inputs).build();
        fresh.encoding = encoding;
        return fresh;
    }

    /** A builder for this architecture (same class, layers, loss, seed and bias start). */
    private Builder<? extends Network> rebuild(int features) {
        Builder<? extends Network> b = new Builder<>(features, factory).loss(loss).seed(seed).biasInit(biasInit);
        for (Dense d : layers) {
            b.dense(d.units(), d.activation(), d.init()).dropout(d.dropout());
            if (d.batchNorm()) {
                b.batchNorm();
            }
            if (d.residual()) {
                b.residual();
            }
        }
        return b;
    }

    // ---- the engine: forward and backward over a batch (rows = samples) ----

    /**
     * The mean loss over {@code batch}, by a forward pass in {@code double}; the batch keeps the
     * outputs ({@link Batch#output}) and the layers their {@code z} and {@code a}.
     *
     * @param batch filled for this network ({@link Batch#gather}); not modified but for its outputs
     */
    public double loss(Batch batch) {
        return forward(batch, Precision.DOUBLE);
    }

    /** Forward pass over a batch and its mean loss, in the given precision. */
    double forward(Batch batch, Precision precision) {
        return forward(batch, precision, null);
    }

    /** The same, with dropout's masks drawn from {@code masks} while training ({@code null}: no dropout). */
    double forward(Batch batch, Precision precision, SplittableRandom masks) {
        DMatrixRMaj out = forward(batch.x, precision, masks);
        batch.out = out;
        Dense last = output();
        return loss.value(last.zBuffer().data, out.data, batch.t.data, out.numRows, out.numCols);
    }

    /** Forward and backward pass over {@code batch}: every parameter's gradient and every layer's {@code δ}. */
    public void backward(Batch batch) {
        forward(batch, Precision.DOUBLE);
        backward(batch.x, batch.t);
    }

    /**
     * Forward pass: {@code a_0 = x}, {@code a_l = f_l(a_{l-1} W_l + b_l)}, with the matrix
     * products in the given precision; the {@link #backward} that follows uses the same.
     *
     * @param x {@code B × inputs}; not modified
     * @return the output activations {@code a_L}, {@code B × outputs} (the output layer's live buffer)
     */
    DMatrixRMaj forward(DMatrixRMaj x, Precision products, SplittableRandom masks) {
        DMatrixRMaj a = x;
        for (int l = 0; l < layers.size(); l++) {   // indexed: no iterator per batch
            Dense layer = layers.get(l);
            layer.forward(a, products, masks);
            a = layer.output();
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
    void backward(DMatrixRMaj x, DMatrixRMaj targets) {
        Dense out = output();
        DMatrixRMaj z = out.zBuffer();
        DMatrixRMaj delta = out.deltaBuffer();
        delta.reshape(z.numRows, z.numCols);
        loss.delta(out.activation(), z.data, out.aBuffer().data, targets.data, delta.data, z.numRows, z.numCols);
        for (int l = layers.size() - 1; l >= 0; l--) {
            Dense below = l == 0 ? null : layers.get(l - 1);
            layers.get(l).backward(below == null ? x : below.output(), below);
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
            layer.scale().ifPresent(all::add);
            layer.shift().ifPresent(all::add);
            layer.projection().ifPresent(all::add);
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
            if (!(loss instanceof Loss.MeanSquaredError || loss instanceof Loss.Custom)) {
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
        int width = Math.max(14, layers.stream().mapToInt(d -> d.features().length()).max().orElse(0));
        String row = "  %-5s  %-12s  %-" + width + "s  %-14s  %10s%n";
        s.append(String.format(row, "layer", "shape", "activation", "init", "parameters"));
        for (int i = 0; i < layers.size(); i++) {
            Dense d = layers.get(i);
            s.append(String.format(row, i + 1, d.inputs() + " × " + d.units(), d.features(), d.init().name(),
                    String.format("%,d", d.parameterCount())));
        }
        for (String line : batchNormLines()) {
            s.append("  ").append(line).append('\n');
        }
        if (warning != null) {
            s.append("  warning: ").append(warning).append('\n');
        }
        return s.toString();
    }


    /**
     * One line per batch-normalised layer: its scale and shift and its running statistics, each as
     * mean ± standard deviation over the units, e.g.
     * {@code layer 2 batch norm: γ 1.02 ± 0.05, β -0.01 ± 0.03, running mean 0.13 ± 0.41, running variance 1.2 ± 0.3}.
     */
    private List<String> batchNormLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Dense d = layers.get(i);
            if (d.batchNorm()) {
                lines.add(String.format("layer %d batch norm: γ %s, β %s, running mean %s, running variance %s", i + 1,
                        spread(d.scale().orElseThrow().copyValues()), spread(d.shift().orElseThrow().copyValues()),
                        spread(d.runningMean().orElseThrow()), spread(d.runningVariance().orElseThrow())));
            }
        }
        return lines;
    }

    /** {@code 1.02 ± 0.05}: mean and standard deviation. */
    private static String spread(double[] values) {
        double mean = java.util.Arrays.stream(values).average().orElse(Double.NaN);
        double variance = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN);
        return String.format("%.3g ± %.2g", mean, Math.sqrt(variance));
    }

    /** The summary as an HTML table, for notebooks and reports. */
    public String toHtml() {
        StringBuilder s = new StringBuilder("<div class=\"mlplab-model\"><p><b>Mlp</b> ")
                .append(Html.escape(shape())).append(", ").append(Html.escape(loss.toString()))
                .append(String.format(", %,d parameters, seed %d</p>", parameterCount(), seed));
        s.append("<table><tr><th>layer</th><th>shape</th><th>activation</th><th>init</th><th>parameters</th></tr>");
        for (int i = 0; i < layers.size(); i++) {
            Dense d = layers.get(i);
            s.append(String.format("<tr><td>%d</td><td>%d × %d</td><td>%s</td><td>%s</td><td>%,d</td></tr>", i + 1,
                    d.inputs(), d.units(), Html.escape(d.features()), Html.escape(d.init().name()),
                    d.parameterCount()));
        }
        s.append("</table>");
        for (String line : batchNormLines()) {
            s.append("<p>").append(Html.escape(line)).append("</p>");
        }
        if (warning != null) {
            s.append("<p>warning: ").append(Html.escape(warning)).append("</p>");
        }
        return s.append("</div>").toString();
    }

    /**
     * Builds a network, or a subclass of it: {@code Mlp.input(4).dense(16, RELU).dense(3, SOFTMAX).build()}.
     *
     * @param <M> what {@link #build()} returns
     */
    public static final class Builder<M extends Network> {
        private final int inputs;
        private final Function<Builder<?>, M> factory;
        private final List<LayerSpec> layers = new ArrayList<>();
        private Init init = Init.XAVIER;
        private double biasInit;
        private Loss loss;
        private long seed = 42;

        /**
         * A builder for a network of {@code inputs} features that {@code factory} makes (a subclass's
         * constructor taking the builder).
         */
        public Builder(int inputs, Function<Builder<?>, M> factory) {
            if (inputs < 1) {
                throw new IllegalArgumentException("a model needs at least 1 input feature, got " + inputs);
            }
            this.inputs = inputs;
            this.factory = java.util.Objects.requireNonNull(factory, "factory");
        }

        /** Adds a dense layer of {@code units} units with this activation (weights from the model's {@link #init}). */
        public Builder<M> dense(int units, Activation activation) {
            return dense(units, activation, null);
        }

        /** Adds a dense layer with its own weight initialiser. */
        public Builder<M> dense(int units, Activation activation, Init init) {
            if (units < 1) {
                throw new IllegalArgumentException("a layer needs at least 1 unit, got " + units);
            }
            layers.add(new LayerSpec(units, java.util.Objects.requireNonNull(activation, "the activation is null: give one, e.g. RELU"), init, 0,
                    false, false));
            return this;
        }

        /**
         * Batch normalisation of the pre-activations of the layer added last (before its
         * activation), with a learnable scale and shift; see {@code BatchNorm}'s equations in the
         * source. While training it uses each batch's statistics, at inference running averages.
         *
         * @throws IllegalArgumentException before any layer
         */
        public Builder<M> batchNorm() {
            LayerSpec last = last("batchNorm");
            layers.set(layers.size() - 1, new LayerSpec(last.units, last.activation, last.init, last.dropout, true,
                    last.residual));
            return this;
        }

        /**
         * Makes the layer added last residual: its output is {@code f(z) + input}, so the gradient
         * also reaches the layer below unchanged through the skip (He et al. 2016). When its width
         * differs from its input's, the skip goes through a learned projection: {@code f(z) + input P}.
         *
         * @throws IllegalArgumentException before any layer
         */
        public Builder<M> residual() {
            LayerSpec last = last("residual");
            layers.set(layers.size() - 1, new LayerSpec(last.units, last.activation, last.init, last.dropout,
                    last.batchNorm, true));
            return this;
        }

        private LayerSpec last(String what) {
            if (layers.isEmpty()) {
                throw new IllegalArgumentException(what + " applies to the layer before it: add .dense(units, "
                        + "activation) first");
            }
            return layers.get(layers.size() - 1);
        }

        /**
         * Inverted dropout on the output of the layer added last: while training, each of its units
         * is dropped (set to 0) with probability {@code p} on each sample and the others are scaled by
         * {@code 1 / (1 - p)}; at inference nothing is dropped. The masks come from the model's seed,
         * so runs stay reproducible bit for bit.
         *
         * @throws IllegalArgumentException for {@code p} outside [0, 1) or before any layer
         */
        public Builder<M> dropout(double p) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("a dropout rate is a probability in [0, 1), e.g. 0.5; got " + p);
            }
            LayerSpec last = last("dropout");
            layers.set(layers.size() - 1, new LayerSpec(last.units, last.activation, last.init, p, last.batchNorm,
                    last.residual));
            return this;
        }

        /** The weight initialiser of every layer that has none of its own (default {@link Init#XAVIER}). */
        public Builder<M> init(Init init) {
            this.init = java.util.Objects.requireNonNull(init, "the initialiser is null: give one, e.g. Init.HE");
            return this;
        }

        /** The value every bias starts at (default 0). */
        public Builder<M> biasInit(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("bias init must be finite, got " + value);
            }
            this.biasInit = value;
            return this;
        }

        /** The loss (default: cross-entropy for softmax/sigmoid outputs, else mean squared error). */
        public Builder<M> loss(Loss loss) {
            this.loss = java.util.Objects.requireNonNull(loss, "the loss is null: give one, e.g. Loss.MSE");
            return this;
        }

        /** The seed for the initial weights and the default shuffling (default 42). */
        public Builder<M> seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the model and draws its weights.
         *
         * @throws IllegalArgumentException for an impossible architecture or output/loss pairing
         */
        public M build() {
            return factory.apply(this);
        }
    }

    private record LayerSpec(int units, Activation activation, Init init, double dropout, boolean batchNorm,
                             boolean residual) {
    }
}
