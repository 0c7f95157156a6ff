package org.mlplab.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mlplab.data.Dataset;
import org.mlplab.internal.Prefix;
import org.mlplab.internal.Sums;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Batch;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Loss;
import org.mlplab.nn.Network;
import org.mlplab.optim.Optimizer;

/**
 * Collects per-layer statistics while a model trains: at the first step, every {@code every}
 * steps and at the last batch of each epoch. Histograms of activations and back-propagated
 * gradients are kept at initialisation (the first batch, before any update), at the chosen
 * epochs, and at the end of training, so memory stays bounded.
 *
 * <p>The trainer creates one per {@code fit} ({@code Fit.diagnostics(every, epochs...)}) and calls
 * it after each update; its {@link #snapshot} is what {@code history.diagnostics()} returns. The
 * layers' buffers are read through copies into arrays kept here, so collecting allocates only
 * the statistics it keeps.
 */
public final class Collector {
    /** Statistics every this many steps by default (besides each epoch's last batch). */
    public static final int DEFAULT_EVERY = 10;

    private final int every;
    private final Set<Integer> histogramEpochs;
    private final List<LayerStats> stats = new ArrayList<>();
    private final List<Histogram> kept = new ArrayList<>();
    private List<Histogram> lastEpochEnd = List.of();   // the histograms of the latest epoch's last batch
    private boolean epochJustEnded;                      // no batch trained since
    private Network model;
    private double[] values = new double[0];
    private List<Diagnostics.LayerInfo> layers = List.of();
    private int batchesPerEpoch;
    private double initialLoss = Double.NaN;
    private double expectedInitialLoss = Double.NaN;
    private final List<Curves.Point> curve = new ArrayList<>();
    private DataFacts data;
    private Optimizer optimizer;
    private int restored;

    /**
     * @param every           record statistics every this many steps (≥ 1)
     * @param histogramEpochs epochs at whose end histograms are kept (besides initialisation and the end)
     */
    public Collector(int every, Set<Integer> histogramEpochs) {
        if (every < 1) {
            throw new IllegalArgumentException("diagnostics every must be ≥ 1 step, got " + every);
        }
        this.every = every;
        this.histogramEpochs = Set.copyOf(histogramEpochs);
    }

    /**
     * Before the first step of a run of {@code batchesPerEpoch} batches an epoch.
     *
     * @param optimizer the run's optimiser, named in the advice (may be null)
     * @param data      the facts of the training and validation data (may be null)
     */
    public void start(Network model, int batchesPerEpoch, Optimizer optimizer, DataFacts data) {
        this.model = model;
        this.optimizer = optimizer;
        this.data = data;
        this.batchesPerEpoch = batchesPerEpoch;
        List<Diagnostics.LayerInfo> info = new ArrayList<>();
        for (int l = 0; l < model.layers().size(); l++) {
            Dense d = model.layer(l);
            info.add(new Diagnostics.LayerInfo(l + 1, d.inputs(), d.units(), d.activation().name(), d.residual()));
        }
        layers = List.copyOf(info);
        if (model.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
            expectedInitialLoss = Math.log(model.outputs());   // -ln(1/classes): uniform predictions
        } else if (model.loss() == Loss.BINARY_CROSS_ENTROPY) {
            expectedInitialLoss = Math.log(2);
        }
    }

    /**
     * After each update: the layers' buffers and the parameters' gradients are those of this batch.
     *
     * @param step 1-based count of updates since the start
     * @param loss the batch's mean loss (before the update)
     */
    public void afterStep(Network model, int epoch, int batch, long step, double loss) {
        boolean epochEnd = batch == batchesPerEpoch;
        if (step == 1) {
            initialLoss = loss;
            kept.addAll(histograms("initialisation"));
        }
        if (step == 1 || step % every == 0 || epochEnd) {
            for (int l = 0; l < model.layers().size(); l++) {
                stats.add(stats(model.layer(l), l + 1, epoch, step));
            }
        }
        epochJustEnded = epochEnd;
        if (epochEnd) {   // taken before the validation pass reuses the layers' buffers
            lastEpochEnd = histograms("epoch " + epoch);
            if (histogramEpochs.contains(epoch)) {
                kept.addAll(lastEpochEnd);
            }
        }
    }

    /**
     * After each epoch: its mean training loss and metric, the validation loss and metric (NaN
     * without validation data) and the learning rate it trained with.
     */
    public void afterEpoch(int epoch, double loss, double metric, double validationLoss, double validationMetric,
                           double learningRate) {
        curve.add(new Curves.Point(epoch, loss, metric, validationLoss, validationMetric, learningRate));
    }

    /** Early stopping gave the model back the weights of this epoch (its best). */
    public void restored(int epoch) {
        restored = epoch;
    }

    /** The statistics so far, as an immutable value, while training runs. */
    public Diagnostics snapshot() {
        return diagnostics(List.copyOf(kept), null);
    }

    private Diagnostics diagnostics(List<Histogram> histograms, String divergedAt) {
        return new Diagnostics(layers, Prefix.of(stats), histograms, initialLoss, expectedInitialLoss, divergedAt,
                Prefix.of(curve), restored, data, optimizer);
    }

    /**
     * The statistics at the end of a run that ended normally (completed, stopped early or
     * interrupted), with the histograms of the last batch's buffers labelled {@code moment}
     * (e.g. {@code "epoch 12"}).
     */
    public Diagnostics snapshot(String moment) {
        List<Histogram> histograms = new ArrayList<>(kept);
        if (model != null && kept.stream().noneMatch(h -> h.moment().equals(moment))) {
            histograms.addAll(epochJustEnded
                    ? lastEpochEnd.stream().map(h -> new Histogram(h.layer(), h.kind(), moment, h.low(), h.high(), h.counts())).toList()
                    : histograms(moment));   // stopped within an epoch: no validation pass since its last batch
        }
        return diagnostics(histograms, null);
    }

    /**
     * The statistics at the end of a run that diverged ({@code how}, e.g. "the loss became NaN in
     * epoch 3, batch 2"); no histograms of that moment, whose buffers hold non-finite values.
     */
    public Diagnostics diverged(String how) {
        return diagnostics(List.copyOf(kept), how);
    }

    /**
     * The statistics of an untrained model on (up to 256 rows spread over) {@code data}: one
     * forward and backward pass, no update. See {@link Diagnostics#beforeTraining}.
     */
    static Diagnostics beforeTraining(Network model, Dataset data) {
        model.check(data, "data");
        int[] rows = data.spreadRows(256);
        Batch batch = new Batch().gather(model, data, rows, 0, rows.length);
        double loss = model.loss(batch);
        model.backward(batch);
        Collector collector = new Collector(1, Set.of());
        collector.start(model, 1, null, DataFacts.of(data, null));
        collector.initialLoss = loss;
        collector.kept.addAll(collector.histograms("initialisation"));
        for (int l = 0; l < model.layers().size(); l++) {
            collector.stats.add(collector.stats(model.layer(l), l + 1, 0, 0));
        }
        return collector.snapshot();
    }

    /**
     * One layer's statistics from its buffers (this batch) and parameters (just updated; at step
     * 0, before any update, the update ratio is NaN).
     */
    private LayerStats stats(Dense d, int layer, int epoch, long step) {
        int rows = d.batchRows();
        int n = rows * d.units();
        double absDelta = Sums.absSum(copy(d, false), n);
        double[] a = copy(d, true);
        double mean = Sums.sum(a, n) / n;
        double std = Math.sqrt(Math.max(0, Sums.squares(a, n) / n - mean * mean));
        double weightNorm = d.weights().norm();
        return new LayerStats(layer, epoch, step, d.weights().gradientNorm(), d.bias().gradientNorm(), absDelta / n,
                weightNorm, step == 0 ? Double.NaN : d.weights().lastUpdateNorm() / weightNorm, mean, std,
                saturatedFraction(d.activation(), a, n), deadFraction(d.activation(), a, rows, d.units()));
    }

    /** The layer's activations ({@code true}) or error signal, copied into {@link #values} (grown when needed). */
    private double[] copy(Dense d, boolean activations) {
        int n = d.batchRows() * d.units();
        if (values.length < n) {
            values = new double[n];
        }
        if (activations) {
            d.copyActivations(values);
        } else {
            d.copyDelta(values);
        }
        return values;
    }

    /** Fraction of outputs within {@link LayerStats#SATURATION_MARGIN} of the bounds; NaN for other activations. */
    static double saturatedFraction(Activation activation, double[] a, int n) {
        boolean sigmoid = activation instanceof Activation.Sigmoid;
        if (!sigmoid && !(activation instanceof Activation.Tanh)) {
            return Double.NaN;
        }
        double margin = LayerStats.SATURATION_MARGIN;
        int saturated = 0;
        for (int i = 0; i < n; i++) {
            double v = a[i];
            if (sigmoid ? v < margin || v > 1 - margin : Math.abs(v) > 1 - margin) {
                saturated++;
            }
        }
        return saturated / (double) n;
    }

    /** Fraction of ReLU units whose output is 0 for every row of the batch; NaN for other activations. */
    static double deadFraction(Activation activation, double[] a, int rows, int cols) {
        if (!(activation instanceof Activation.Relu)) {
            return Double.NaN;
        }
        int dead = 0;
        for (int c = 0; c < cols; c++) {
            boolean fired = false;
            for (int r = 0; r < rows && !fired; r++) {
                fired = a[r * cols + c] > 0;
            }
            if (!fired) {
                dead++;
            }
        }
        return dead / (double) cols;
    }

    /** Histograms of every layer's activations and δ, each kind over one range shared by all layers. */
    private List<Histogram> histograms(String moment) {
        List<Histogram> out = new ArrayList<>();
        for (Histogram.Kind kind : Histogram.Kind.values()) {
            boolean activations = kind == Histogram.Kind.ACTIVATION;
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (Dense d : model.layers()) {
                double[] m = copy(d, activations);
                for (int i = 0, n = d.batchRows() * d.units(); i < n; i++) {
                    low = Math.min(low, m[i]);
                    high = Math.max(high, m[i]);
                }
            }
            if (!activations) {   // symmetric around 0, so that shrinking shows as a spike
                high = Math.max(Math.abs(low), Math.abs(high));
                low = -high;
            }
            for (int l = 0; l < model.layers().size(); l++) {
                Dense d = model.layer(l);
                out.add(Histogram.of(l + 1, kind, moment, copy(d, activations), d.batchRows() * d.units(), low, high));
            }
        }
        return out;
    }
}
