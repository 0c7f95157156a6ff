package org.mlplab.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.mlplab.data.Dataset;
import org.mlplab.internal.Prefix;
import org.mlplab.internal.Sums;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Loss;
import org.mlplab.nn.Mlp;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.mlplab.train.Stop;
import org.mlplab.train.Trainer;
import org.mlplab.train.TrainingListener;

/**
 * Collects per-layer statistics while a model trains: at the first step, every {@code every}
 * steps and at the last batch of each epoch. Histograms of activations and back-propagated
 * gradients are kept at initialisation (the first batch, before any update), at the chosen
 * epochs, and at the end of training, so memory stays bounded.
 *
 * <p>The trainer creates one per {@code fit} (see {@link Fit#diagnostics(int, int...)}); its
 * {@link #snapshot} is what {@link History#diagnostics()} returns.
 */
public final class Collector implements TrainingListener {
    /** Statistics every this many steps by default (besides each epoch's last batch). */
    public static final int DEFAULT_EVERY = 10;

    private final int every;
    private final Set<Integer> histogramEpochs;
    private final List<LayerStats> stats = new ArrayList<>();
    private final List<Histogram> kept = new ArrayList<>();
    private Mlp model;
    private List<Diagnostics.LayerInfo> layers = List.of();
    private int batchesPerEpoch;
    private double initialLoss = Double.NaN;
    private double expectedInitialLoss = Double.NaN;

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

    @Override
    public void onStart(Mlp model, Fit fit, int batchesPerEpoch) {
        this.model = model;
        this.batchesPerEpoch = batchesPerEpoch;
        List<Diagnostics.LayerInfo> info = new ArrayList<>();
        for (int l = 0; l < model.layers().size(); l++) {
            Dense d = model.layer(l);
            info.add(new Diagnostics.LayerInfo(l + 1, d.inputs(), d.units(), d.activation().name()));
        }
        layers = List.copyOf(info);
        if (model.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
            expectedInitialLoss = Math.log(model.outputs());   // -ln(1/classes): uniform predictions
        } else if (model.loss() == Loss.BINARY_CROSS_ENTROPY) {
            expectedInitialLoss = Math.log(2);
        }
    }

    @Override
    public void onBatch(Mlp model, int epoch, int batch, long step, double loss) {
        boolean epochEnd = batch == batchesPerEpoch;
        if (step == 1) {
            initialLoss = loss;
            kept.addAll(histograms(model, "initialisation"));
        }
        if (step == 1 || step % every == 0 || epochEnd) {
            for (int l = 0; l < model.layers().size(); l++) {
                stats.add(stats(model.layer(l), l + 1, epoch, step));
            }
        }
        if (epochEnd && histogramEpochs.contains(epoch)) {
            kept.addAll(histograms(model, "epoch " + epoch));
        }
    }

    /**
     * The statistics so far, as an immutable value. {@code stop} is null while training runs; at
     * the end it says how training ended, and the histograms of that moment are added, from the
     * last batch's buffers (not after a divergence, whose buffers hold non-finite values).
     */
    public Diagnostics snapshot(Stop stop) {
        List<Histogram> histograms = new ArrayList<>(kept);
        boolean diverged = stop != null && stop.reason() == Stop.Reason.DIVERGED;
        if (stop != null && !diverged && model != null) {
            String moment = (stop.reason() == Stop.Reason.INTERRUPTED ? "interrupted in epoch " : "epoch ") + stop.epoch();
            if (kept.stream().noneMatch(h -> h.moment().equals(moment))) {
                histograms.addAll(histograms(model, moment));
            }
        }
        return new Diagnostics(layers, Prefix.of(stats), histograms, initialLoss, expectedInitialLoss,
                diverged ? stop.message() : null);
    }

    /**
     * The statistics of an untrained model on (up to 256 rows spread over) {@code data}: one
     * forward and backward pass, no update. See {@link Diagnostics#beforeTraining}.
     */
    static Diagnostics beforeTraining(Mlp model, Dataset data) {
        model.check(data, "data");
        int[] rows = data.spreadRows(256);
        DMatrixRMaj x = new DMatrixRMaj(1, 1);
        DMatrixRMaj t = new DMatrixRMaj(1, 1);
        Trainer.gather(model, data, rows, 0, rows.length, x, t);
        DMatrixRMaj out = model.forward(x);
        double loss = model.loss().value(model.output().z(), out, t);
        model.backward(x, t);
        Collector collector = new Collector(1, Set.of());
        collector.onStart(model, null, 1);
        collector.initialLoss = loss;
        collector.kept.addAll(histograms(model, "initialisation"));
        for (int l = 0; l < model.layers().size(); l++) {
            collector.stats.add(stats(model.layer(l), l + 1, 0, 0));
        }
        return collector.snapshot(null);
    }

    /**
     * One layer's statistics from its buffers (this batch) and parameters (just updated; at step
     * 0, before any update, the update ratio is NaN).
     */
    static LayerStats stats(Dense d, int layer, int epoch, long step) {
        DMatrixRMaj a = d.a();
        DMatrixRMaj delta = d.delta();
        int n = a.getNumElements();
        double mean = Sums.sum(a.data, n) / n;
        double std = Math.sqrt(Math.max(0, Sums.squares(a.data, n) / n - mean * mean));
        double absDelta = Sums.absSum(delta.data, n);
        double weightNorm = d.weights().norm();
        return new LayerStats(layer, epoch, step, d.weights().gradientNorm(), d.bias().gradientNorm(), absDelta / n,
                weightNorm, step == 0 ? Double.NaN : d.weights().lastUpdateNorm() / weightNorm, mean, std,
                saturatedFraction(d.activation(), a), deadFraction(d.activation(), a));
    }

    /** Fraction of outputs within {@link LayerStats#SATURATION_MARGIN} of the bounds; NaN for other activations. */
    static double saturatedFraction(Activation activation, DMatrixRMaj a) {
        boolean sigmoid = activation instanceof Activation.Sigmoid;
        if (!sigmoid && !(activation instanceof Activation.Tanh)) {
            return Double.NaN;
        }
        double margin = LayerStats.SATURATION_MARGIN;
        int saturated = 0;
        for (int i = 0, n = a.getNumElements(); i < n; i++) {
            double v = a.data[i];
            if (sigmoid ? v < margin || v > 1 - margin : Math.abs(v) > 1 - margin) {
                saturated++;
            }
        }
        return saturated / (double) a.getNumElements();
    }

    /** Fraction of ReLU units whose output is 0 for every row of the batch; NaN for other activations. */
    static double deadFraction(Activation activation, DMatrixRMaj a) {
        if (!(activation instanceof Activation.Relu)) {
            return Double.NaN;
        }
        int dead = 0;
        for (int c = 0; c < a.numCols; c++) {
            boolean fired = false;
            for (int r = 0; r < a.numRows && !fired; r++) {
                fired = a.data[r * a.numCols + c] > 0;
            }
            if (!fired) {
                dead++;
            }
        }
        return dead / (double) a.numCols;
    }

    /** Histograms of every layer's activations and δ, each kind over one range shared by all layers. */
    static List<Histogram> histograms(Mlp model, String moment) {
        List<Histogram> out = new ArrayList<>();
        for (Histogram.Kind kind : Histogram.Kind.values()) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (Dense d : model.layers()) {
                DMatrixRMaj m = kind == Histogram.Kind.ACTIVATION ? d.a() : d.delta();
                for (int i = 0, n = m.getNumElements(); i < n; i++) {
                    low = Math.min(low, m.data[i]);
                    high = Math.max(high, m.data[i]);
                }
            }
            if (kind == Histogram.Kind.GRADIENT) {   // symmetric around 0, so that shrinking shows as a spike
                high = Math.max(Math.abs(low), Math.abs(high));
                low = -high;
            }
            for (int l = 0; l < model.layers().size(); l++) {
                Dense d = model.layer(l);
                DMatrixRMaj m = kind == Histogram.Kind.ACTIVATION ? d.a() : d.delta();
                out.add(Histogram.of(l + 1, kind, moment, m.data, m.getNumElements(), low, high));
            }
        }
        return out;
    }
}
