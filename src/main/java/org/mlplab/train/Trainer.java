package org.mlplab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.mlplab.data.Dataset;
import org.mlplab.diagnostics.Collector;
import org.mlplab.diagnostics.DataFacts;
import org.mlplab.diagnostics.DerivativeCheck;
import org.mlplab.diagnostics.Diagnostics;
import org.mlplab.internal.Heap;
import org.mlplab.internal.Prefix;
import org.mlplab.nn.Batch;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Network;
import org.mlplab.nn.Parameter;
import org.mlplab.nn.Precision;
import org.mlplab.nn.Training;
import org.mlplab.optim.Optimizer;

/**
 * Mini-batch training: per epoch, reshuffle (seeded), then a {@link Training#step} per batch
 * (forward, loss, backward, regularise and clip the gradients, update). Stops cleanly on
 * divergence (the model keeps its last good weights), on early stopping, and when the thread is
 * interrupted. Notebooks call it through {@code model.fit} and {@code model.evaluate}.
 */
public final class Trainer {
    /** Rows per forward pass when evaluating or predicting. */
    static final int CHUNK = 512;

    /** The fits running now, in any thread. */
    private static final Set<Run> RUNNING = ConcurrentHashMap.newKeySet();

    private Trainer() {
    }

    /**
     * Trains {@code model} on {@code data} as {@code fit} says.
     *
     * @param model Modified: its weights
     * @throws IllegalArgumentException if the data does not fit the model (nothing is changed)
     * @throws TrainingDivergedException if the loss or a gradient becomes NaN/Inf
     * @throws CancellationException if this thread was interrupted before the fit started (the stop
     *                               button ended an earlier fit of the same cell; nothing is changed)
     */
    public static History fit(Network model, Dataset data, Fit fit) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("not trained: this thread was interrupted (the stop button) before "
                    + "this fit started; the model is unchanged");
        }
        model.check(data, "training data");
        if (fit.validation() != null) {
            model.check(fit.validation(), "validation data");
        }
        requireMemory(model, data, fit);
        requireOwnPiecesWork(model, fit);
        List<TrainingListener> listeners = new ArrayList<>();
        Collector collector = fit.diagnosticsEvery() > 0
                ? new Collector(fit.diagnosticsEvery(), fit.histogramEpochs()) : null;
        switch (fit.progress()) {
            case TEXT -> listeners.add(new TextProgress(fit.epochs(), System.out));
            case LIVE -> listeners.add(live(fit.epochs()));
            case QUIET -> { }
        }
        listeners.addAll(fit.listeners());
        Run run = new Run(model, data, fit, listeners, collector);
        RUNNING.add(run);
        try {
            return run.train();
        } finally {
            RUNNING.remove(run);
        }
    }

    /**
     * The live display of the notebook the library runs in ({@link LiveDisplay}, found by the
     * service loader), else text progress.
     */
    private static TrainingListener live(int epochs) {
        for (LiveDisplay display : ServiceLoader.load(LiveDisplay.class, LiveDisplay.class.getClassLoader())) {
            TrainingListener listener = display.start();
            if (listener != null) {
                return listener;
            }
        }
        return new TextProgress(epochs, System.out);
    }

    /**
     * Refuses a run whose activations cannot fit in the heap, before anything is allocated: each
     * layer keeps {@code z}, {@code a} and {@code δ} for a batch, or for a chunk of up to
     * {@value #CHUNK} validation rows, whichever is larger.
     */
    private static void requireMemory(Network model, Dataset data, Fit fit) {
        long rows = Math.max(Math.min(fit.batch(), data.size()),
                fit.validation() == null ? 0 : Math.min(CHUNK, fit.validation().size()));
        long units = model.layers().stream().mapToLong(Dense::units).sum() + model.inputs();
        Heap.require(rows * units * 3 * Double.BYTES, mb -> String.format("training needs about %,d MB for the "
                + "activations of %,d rows × %,d units", mb, rows, units), "use a smaller batch or fewer units");
    }

    /**
     * Before a run: the derivatives of the user's own activations and loss agree with finite
     * differences ({@link DerivativeCheck}), their schedule gives a usable factor in every epoch,
     * and an optimiser with a {@code double} rule only is not asked to train in {@code float}.
     */
    private static void requireOwnPiecesWork(Network model, Fit fit) {
        for (DerivativeCheck check : DerivativeCheck.ofOwnPieces(model)) {
            if (!check.passed()) {
                throw new IllegalArgumentException("not trained: " + check + ". Fix the derivative; "
                        + "DerivativeCheck.of(...) checks it again. The model is unchanged");
            }
        }
        for (int epoch = 1; epoch <= fit.epochs(); epoch++) {
            double factor = fit.schedule().factor(epoch);
            if (!(factor >= 0 && Double.isFinite(factor))) {
                throw new IllegalArgumentException("not trained: schedule '" + fit.schedule() + "' gives the factor "
                        + factor + " for epoch " + epoch + "; a learning-rate factor must be 0 or more and finite");
            }
        }
        if (fit.optimizer() instanceof Optimizer.Custom && fit.precision() == Precision.FLOAT) {
            throw new IllegalArgumentException("not trained: optimiser '" + fit.optimizer() + "' has a double rule "
                    + "only; train it with .precision(Precision.DOUBLE)");
        }
    }

    /**
     * Stops every fit running in this JVM as if its thread had been interrupted: each ends after
     * its current batch, returns its history and leaves its thread interrupted, so a later fit on
     * that thread (the rest of a notebook cell) does not start. Unlike {@link Thread#interrupt()}
     * it cannot land inside the kernel's I/O (which an interrupt can break), only between batches.
     *
     * @return whether any fit was running
     */
    public static boolean interruptRunning() {
        boolean any = false;
        for (Run run : RUNNING) {
            run.stopRequested = true;
            any = true;
        }
        return any;
    }

    /**
     * The model's mean loss and metric on {@code data}.
     *
     * @throws IllegalArgumentException if the data does not fit the model
     */
    public static Evaluation evaluate(Network model, Dataset data) {
        model.check(data, "evaluation data");
        Metrics metrics = new Metrics(data.isClassification(), model.outputs());
        int[] order = java.util.stream.IntStream.range(0, data.size()).toArray();
        Batch batch = new Batch();
        for (int from = 0; from < data.size(); from += CHUNK) {
            batch.gather(model, data, order, from, Math.min(CHUNK, data.size() - from));
            metrics.add(batch, model.loss(batch));
        }
        return new Evaluation(metrics.loss(), Metrics.metricName(data.isClassification()), metrics.metric(),
                data.size());
    }

    /** The state of one call to {@code fit}. */
    private static final class Run {
        private final Network model;
        private final Dataset data;
        private final Fit fit;
        private final List<TrainingListener> listeners;
        private final Collector collector;
        private final List<Parameter> parameters;
        private final List<Epoch> epochs = new ArrayList<>();
        private final String metric;
        private final Batch batch = new Batch();
        private Training training;
        private volatile boolean stopRequested;

        Run(Network model, Dataset data, Fit fit, List<TrainingListener> listeners, Collector collector) {
            this.model = model;
            this.data = data;
            this.fit = fit;
            this.listeners = listeners;
            this.collector = collector;
            this.parameters = model.parameters();
            this.metric = Metrics.metricName(data.isClassification());
        }

        /** The run, with the float state of its {@link Training} dropped however it ends. */
        History train() {
            try (Training started = Training.start(model, fit.optimizer(), fit.precision(), fit.penalty(), fit.clipNorm())) {
                training = started;
                return epochs();
            }
        }

        private History epochs() {
            int n = data.size();
            int batches = (n + fit.batch() - 1) / fit.batch();
            int[] order = java.util.stream.IntStream.range(0, n).toArray();
            SplittableRandom random = new SplittableRandom(fit.seed() != null ? fit.seed() : model.seed());
            if (collector != null) {
                collector.start(model, batches, fit.optimizer(), DataFacts.of(data, fit.validation()));
            }
            listeners.forEach(l -> l.onStart(model, fit, batches));

            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            List<double[]> bestWeights = null;
            Stop stop = null;
            for (int epoch = 1; epoch <= fit.epochs() && stop == null; epoch++) {
                long start = System.nanoTime();
                shuffle(order, random);
                double lr = fit.optimizer().learningRate() * fit.schedule().factor(epoch);
                Metrics metrics = new Metrics(data.isClassification(), model.outputs());
                for (int b = 0; b < batches; b++) {
                    int from = b * fit.batch();
                    trainBatch(order, from, Math.min(fit.batch(), n - from), lr, epoch, b + 1, metrics);
                    if (stopRequested || Thread.currentThread().isInterrupted()) {
                        stop = new Stop(Stop.Reason.INTERRUPTED, epoch, b + 1, String.format(
                                "interrupted in epoch %d after batch %d of %d; the model keeps the weights "
                                        + "it had learned and the history its %d complete epochs",
                                epoch, b + 1, batches, epochs.size()));
                        break;
                    }
                }
                if (stop != null) {
                    break;
                }
                String notFinite = training.undoIfNotFinite();   // the last update, which no later loss tests
                if (notFinite != null) {
                    throw diverged(notFinite, epoch, batches);
                }
                Evaluation validation = fit.validation() == null ? null : evaluate(model, fit.validation());
                epochs.add(new Epoch(epoch, metrics.loss(), metrics.metric(),
                        validation == null ? Double.NaN : validation.loss(),
                        validation == null ? Double.NaN : validation.value(),
                        lr, (System.nanoTime() - start) / 1e9));
                if (collector != null) {
                    Epoch e = epochs.get(epochs.size() - 1);
                    collector.afterEpoch(epoch, e.loss(), e.metric(), e.validationLoss(), e.validationMetric(), lr);
                }
                History soFar = history(null);
                for (TrainingListener listener : listeners) {
                    try {
                        listener.onEpoch(model, soFar);
                    } catch (RuntimeException e) {
                        throw new ListenerFailedException(listener, "after epoch " + epoch, soFar, e);
                    }
                }

                double monitored = History.monitored(epochs.get(epochs.size() - 1));
                if (monitored < bestLoss) {
                    bestLoss = monitored;
                    bestEpoch = epoch;
                    if (fit.patience() > 0 && fit.restoreBest()) {
                        bestWeights = parameters.stream().map(Parameter::copyValues).toList();
                    }
                } else if (fit.patience() > 0 && epoch - bestEpoch >= fit.patience()) {
                    String kept = "kept the last weights";
                    if (bestWeights != null) {
                        for (int i = 0; i < parameters.size(); i++) {
                            parameters.get(i).setValues(bestWeights.get(i));
                        }
                        kept = "restored the weights of epoch " + bestEpoch;
                        if (collector != null) {
                            collector.restored(bestEpoch);
                        }
                    }
                    stop = new Stop(Stop.Reason.EARLY_STOPPED, epoch, batches, String.format(
                            "stopped early in epoch %d: no improvement for %d epochs; %s", epoch, fit.patience(), kept));
                }
            }
            if (stop == null) {
                stop = new Stop(Stop.Reason.COMPLETED, fit.epochs(), batches, "completed " + fit.epochs() + " epochs");
            }
            History history = history(stop);
            // the listeners draw and publish with the interrupt cleared (an interrupt inside the
            // kernel's I/O can break it); then it is set again for the rest of the cell
            boolean interrupted = Thread.interrupted() || stop.reason() == Stop.Reason.INTERRUPTED;
            for (TrainingListener listener : listeners) {
                try {
                    listener.onEnd(model, history);
                } catch (RuntimeException e) {
                    throw new ListenerFailedException(listener, "at the end of training", history, e);
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return history;
        }

        private void trainBatch(int[] order, int from, int count, double lr, int epoch, int b, Metrics metrics) {
            double loss = training.step(batch.gather(model, data, order, from, count), lr);
            if (!Double.isFinite(loss)) {
                throw diverged("the loss became " + loss, epoch, b);   // the step undid the previous update
            }
            if (!Double.isFinite(training.gradientNorm())) {
                throw diverged("the gradient norm became " + training.gradientNorm(), epoch, b);
            }
            metrics.add(batch, loss);
            if (collector != null) {
                collector.afterStep(model, epoch, b, training.steps(), loss);
            }
            for (int i = 0; i < listeners.size(); i++) {   // indexed: no iterator allocated per batch
                try {
                    listeners.get(i).onBatch(model, epoch, b, training.steps(), loss);
                } catch (RuntimeException e) {
                    throw new ListenerFailedException(listeners.get(i), "in epoch " + epoch + ", batch " + b,
                            history(null), e);
                }
            }
        }

        private TrainingDivergedException diverged(String what, int epoch, int batch) {
            History history = history(new Stop(Stop.Reason.DIVERGED, epoch, batch,
                    what + " in epoch " + epoch + ", batch " + batch));
            listeners.forEach(l -> l.onEnd(model, history));
            return new TrainingDivergedException(what, epoch, batch, history);
        }

        private History history(Stop stop) {
            return new History(Prefix.of(epochs), metric, stop, diagnostics(stop));
        }

        private Diagnostics diagnostics(Stop stop) {
            if (collector == null) {
                return null;
            }
            if (stop == null) {
                return collector.snapshot();
            }
            return switch (stop.reason()) {
                case DIVERGED -> collector.diverged(stop.message());
                case INTERRUPTED -> collector.snapshot("interrupted in epoch " + stop.epoch());
                case COMPLETED, EARLY_STOPPED -> collector.snapshot("epoch " + stop.epoch());
            };
        }

        private static void shuffle(int[] order, SplittableRandom random) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
    }
}
