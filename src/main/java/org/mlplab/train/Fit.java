package org.mlplab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mlplab.diagnostics.Collector;
import org.mlplab.data.Dataset;
import org.mlplab.nn.Penalty;
import org.mlplab.nn.Precision;
import org.mlplab.optim.Optimizer;
import org.mlplab.optim.Schedule;

/**
 * How to train: epochs, batch size, optimiser, schedule, validation data, early stopping,
 * regularisation and output. Immutable: every setting returns a new {@code Fit}.
 *
 * <pre>{@code
 * Fit.epochs(200).batch(16).adam(0.01).validation(test).earlyStopping(20)
 * }</pre>
 * Defaults: batch 32, Adam with learning rate 0.001, constant schedule, no validation, no early
 * stopping, no weight decay or clipping, shuffling seeded from the model's seed, {@code double}
 * matrix products, a progress line printed about once a second.
 */
public final class Fit {
    /** What training prints while it runs. */
    public enum Progress {
        /** Nothing. */
        QUIET,
        /** A progress line about once a second (and at the last epoch). */
        TEXT,
        /** In a notebook, one output updated in place with the curves; elsewhere like {@link #TEXT}. */
        LIVE
    }

    private int epochs;
    private int batch = 32;
    private Optimizer optimizer = Optimizer.adam(1e-3);
    private Schedule schedule = Schedule.CONSTANT;
    private Dataset validation;
    private int patience;
    private boolean restoreBest = true;
    private Penalty penalty = Penalty.NONE;
    private double clipNorm;
    private Long seed;
    private Progress progress = Progress.TEXT;
    private List<TrainingListener> listeners = List.of();
    private int diagnosticsEvery = Collector.DEFAULT_EVERY;
    private Set<Integer> histogramEpochs = Set.of();
    private Precision precision;   // null: the default, see precision()

    private Fit() {
    }

    /** Train for this many epochs (passes over the training data). */
    public static Fit epochs(int epochs) {
        Fit fit = new Fit();
        fit.epochs = requireAtLeast(epochs, 1, "epochs");
        return fit;
    }

    /** Mini-batch size (the last batch of an epoch may be smaller). */
    public Fit batch(int size) {
        Fit copy = copy();
        copy.batch = requireAtLeast(size, 1, "batch size");
        return copy;
    }

    /** Use this optimiser. */
    public Fit optimizer(Optimizer optimizer) {
        Fit copy = copy();
        copy.optimizer = java.util.Objects.requireNonNull(optimizer, "the optimiser is null: give one, e.g. Optimizer.adam(0.001)");
        return copy;
    }

    /** Plain SGD with this learning rate. */
    public Fit sgd(double learningRate) {
        return optimizer(Optimizer.sgd(learningRate));
    }

    /** SGD with momentum 0.9 and this learning rate. */
    public Fit momentum(double learningRate) {
        return optimizer(Optimizer.momentum(learningRate, 0.9));
    }

    /** Adam with this learning rate. */
    public Fit adam(double learningRate) {
        return optimizer(Optimizer.adam(learningRate));
    }

    /** Scale the learning rate per epoch with this schedule. */
    public Fit schedule(Schedule schedule) {
        Fit copy = copy();
        copy.schedule = java.util.Objects.requireNonNull(schedule, "the schedule is null: give one, e.g. Schedule.cosine(100, 0)");
        return copy;
    }

    /** Evaluate on this data after every epoch (it is never trained on). */
    public Fit validation(Dataset data) {
        Fit copy = copy();
        copy.validation = java.util.Objects.requireNonNull(data, "the validation data is null: give a Dataset, e.g. split.test()");
        return copy;
    }

    /**
     * Stop when the validation loss (the training loss without validation data) has not improved
     * for {@code patience} epochs, and restore the weights of the best epoch.
     */
    public Fit earlyStopping(int patience) {
        Fit copy = copy();
        copy.patience = requireAtLeast(patience, 1, "patience");
        return copy;
    }

    /** With early stopping: keep the last weights instead of restoring the best epoch's. */
    public Fit keepLastWeights() {
        Fit copy = copy();
        copy.restoreBest = false;
        return copy;
    }

    /** L2 weight decay: adds {@code λ W} to every weight gradient (biases are not decayed). See {@link Penalty}. */
    public Fit l2(double lambda) {
        Fit copy = copy();
        copy.penalty = new Penalty(penalty.l1(), lambda);
        return copy;
    }

    /**
     * L1 regularisation: adds {@code λ sign(W)} to every weight gradient (biases are not
     * penalised), which pushes weights toward 0. See {@link Penalty}.
     */
    public Fit l1(double lambda) {
        Fit copy = copy();
        copy.penalty = new Penalty(lambda, penalty.l2());
        return copy;
    }

    /** Clip gradients by their global L2 norm: if {@code ‖g‖ > max}, scale all by {@code max / ‖g‖}. */
    public Fit clipNorm(double max) {
        Fit copy = copy();
        if (!(max > 0)) {
            throw new IllegalArgumentException("clipNorm must be > 0, got " + max);
        }
        copy.clipNorm = max;
        return copy;
    }

    /** Seed for the per-epoch shuffling (default: the model's seed). */
    public Fit seed(long seed) {
        Fit copy = copy();
        copy.seed = seed;
        return copy;
    }

    /** Print nothing while training. */
    public Fit quiet() {
        return progress(Progress.QUIET);
    }

    /** In a notebook, show the curves live in one output updated in place. */
    public Fit live() {
        return progress(Progress.LIVE);
    }

    /** Choose what training prints. */
    public Fit progress(Progress progress) {
        Fit copy = copy();
        copy.progress = java.util.Objects.requireNonNull(progress, "progress");
        return copy;
    }

    /** Also call this listener during training (after the built-in ones). */
    public Fit listener(TrainingListener listener) {
        Fit copy = copy();
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(java.util.Objects.requireNonNull(listener, "the listener is null: give a TrainingListener"));
        copy.listeners = List.copyOf(all);
        return copy;
    }

    /**
     * Record per-layer diagnostics every {@code everySteps} steps (and at each epoch's last batch),
     * and keep histograms at initialisation, at the end of these epochs and at the end of training.
     * On by default, every {@value Collector#DEFAULT_EVERY} steps; costs a few per cent of training time.
     */
    public Fit diagnostics(int everySteps, int... histogramEpochs) {
        Fit copy = copy();
        copy.diagnosticsEvery = requireAtLeast(everySteps, 1, "diagnostics interval");
        copy.histogramEpochs = java.util.Arrays.stream(histogramEpochs).boxed().collect(java.util.stream.Collectors.toSet());
        return copy;
    }

    /** Collect no diagnostics (for the last few per cent of speed). */
    public Fit noDiagnostics() {
        Fit copy = copy();
        copy.diagnosticsEvery = 0;
        return copy;
    }

    /**
     * The precision of training (see {@link Precision}). By default {@link Precision#FLOAT}: the
     * weight matrices train in {@code float}, faster on a large network at the same accuracy (the
     * README's Performance section has the figures); {@link Precision#DOUBLE} trains them in
     * {@code double}. Evaluation, prediction, diagnostics and gradient checks always multiply in
     * {@code double}.
     */
    public Fit precision(Precision precision) {
        Fit copy = copy();
        copy.precision = java.util.Objects.requireNonNull(precision, "the precision is null: give Precision.DOUBLE or Precision.FLOAT");
        return copy;
    }

    /**
     * The precision of training: the one set by {@link #precision(Precision)}, else
     * {@link Precision#FLOAT}, or {@link Precision#DOUBLE} for an optimiser of your own
     * ({@link Optimizer#of}), whose rule is written in {@code double}.
     */
    public Precision precision() {
        if (precision != null) {
            return precision;
        }
        return optimizer instanceof Optimizer.Custom ? Precision.DOUBLE : Precision.FLOAT;
    }

    /** Diagnostics interval in steps; 0 when diagnostics are off. */
    public int diagnosticsEvery() {
        return diagnosticsEvery;
    }

    /** Epochs at whose end histograms are kept. */
    public Set<Integer> histogramEpochs() {
        return histogramEpochs;
    }

    /** Number of epochs. */
    public int epochs() {
        return epochs;
    }

    /** Mini-batch size. */
    public int batch() {
        return batch;
    }

    /** The optimiser. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The learning-rate schedule. */
    public Schedule schedule() {
        return schedule;
    }

    /** Validation data, or {@code null}. */
    public Dataset validation() {
        return validation;
    }

    /** Early-stopping patience in epochs; 0 when early stopping is off. */
    public int patience() {
        return patience;
    }

    /** Whether early stopping restores the best epoch's weights. */
    public boolean restoreBest() {
        return restoreBest;
    }

    /** The weight regularisation: L1 and L2. */
    public Penalty penalty() {
        return penalty;
    }

    /** Global-norm clipping threshold; 0 when off. */
    public double clipNorm() {
        return clipNorm;
    }

    /** Shuffling seed, or {@code null} for the model's seed. */
    public Long seed() {
        return seed;
    }

    /** What training prints. */
    public Progress progress() {
        return progress;
    }

    /** Extra listeners. */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Fit: " + epochs + " epochs, batch " + batch + ", " + optimizer);
        if (!(schedule instanceof Schedule.Constant)) {
            s.append(", schedule ").append(schedule);
        }
        if (validation != null) {
            s.append(", validation ").append(validation.size()).append(" rows");
        }
        if (patience > 0) {
            s.append(", early stopping after ").append(patience).append(" epochs");
        }
        if (!penalty.isNone()) {
            s.append(", ").append(penalty);
        }
        if (clipNorm > 0) {
            s.append(", clip norm ").append(clipNorm);
        }
        if (precision() != Precision.FLOAT) {
            s.append(", trained in ").append(precision());
        }
        return s.toString();
    }

    private Fit copy() {
        Fit c = new Fit();
        c.epochs = epochs;
        c.batch = batch;
        c.optimizer = optimizer;
        c.schedule = schedule;
        c.validation = validation;
        c.patience = patience;
        c.restoreBest = restoreBest;
        c.penalty = penalty;
        c.clipNorm = clipNorm;
        c.seed = seed;
        c.progress = progress;
        c.listeners = listeners;
        c.diagnosticsEvery = diagnosticsEvery;
        c.histogramEpochs = histogramEpochs;
        c.precision = precision;
        return c;
    }

    private static int requireAtLeast(int value, int min, String what) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be ≥ " + min + ", got " + value);
        }
        return value;
    }
}
