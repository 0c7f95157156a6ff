package org.mlplab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.mlplab.data.Dataset;
import org.mlplab.diagnostics.Collector;
import org.mlplab.internal.Heap;
import org.mlplab.internal.Prefix;
import org.mlplab.nn.Mlp;
import org.mlplab.nn.Parameter;
import org.mlplab.notebook.LiveTraining;

/**
 * Mini-batch training: per epoch, reshuffle (seeded), then for each batch forward, loss,
 * backward, regularise and clip the gradients, update. Stops cleanly on divergence (the model
 * keeps its last good weights), on early stopping, and when the thread is interrupted.
 *
 * <p>Use {@link Mlp#fit} and {@link Mlp#evaluate}; this class holds their implementation.
 */
public final class Trainer {
    /** Rows per forward pass when evaluating or predicting. */
    static final int CHUNK = 512;

    /** The fits running now, in any thread. */
    private static final Set<Run> RUNNING = ConcurrentHashMap.newKeySet();

    private Trainer() {
    }

    /**
     * Trains {@code model} on {@code data}; see {@link Mlp#fit}.
     *
     * @param model Modified: its weights
     * @throws IllegalArgumentException if the data does not fit the model (nothing is changed)
     * @throws TrainingDivergedException if the loss or a gradient becomes NaN/Inf
     * @throws CancellationException if this thread was interrupted before the fit started (the stop
     *                               button ended an earlier fit of the same cell; nothing is changed)
     */
    public static History fit(Mlp model, Dataset data, Fit fit) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("not trained: this thread was interrupted (the stop button) before "
                    + "this fit started; the model is unchanged");
        }
        model.check(data, "training data");
        if (fit.validation() != null) {
            model.check(fit.validation(), "validation data");
        }
        requireMemory(model, data, fit);
        List<TrainingListener> listeners = new ArrayList<>();
        Collector collector = fit.diagnosticsEvery() > 0
                ? new Collector(fit.diagnosticsEvery(), fit.histogramEpochs()) : null;
        if (collector != null) {
            listeners.add(collector);
        }
        switch (fit.progress()) {
            case TEXT -> listeners.add(new TextProgress(fit.epochs(), System.out));
            case LIVE -> listeners.add(new LiveTraining(fit.epochs()));
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
     * Refuses a run whose activations cannot fit in the heap, before anything is allocated: each
     * layer keeps {@code z}, {@code a} and {@code δ} for a batch, or for a chunk of up to
     * {@value #CHUNK} validation rows, whichever is larger.
     */
    private static void requireMemory(Mlp model, Dataset data, Fit fit) {
        long rows = Math.max(Math.min(fit.batch(), data.size()),
                fit.validation() == null ? 0 : Math.min(CHUNK, fit.validation().size()));
        long units = model.layers().stream().mapToLong(org.mlplab.nn.Dense::units).sum() + model.inputs();
        Heap.require(rows * units * 3 * Double.BYTES, mb -> String.format("training needs about %,d MB for the "
                + "activations of %,d rows × %,d units", mb, rows, units), "use a smaller batch or fewer units");
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
    public static Evaluation evaluate(Mlp model, Dataset data) {
        model.check(data, "evaluation data");
        Metrics metrics = new Metrics(data.isClassification(), model.outputs());
        int[] order = java.util.stream.IntStream.range(0, data.size()).toArray();
        DMatrixRMaj x = new DMatrixRMaj(1, 1);
        DMatrixRMaj t = new DMatrixRMaj(1, 1);
        for (int from = 0; from < data.size(); from += CHUNK) {
            int count = Math.min(CHUNK, data.size() - from);
            gather(model, data, order, from, count, x, t);
            DMatrixRMaj out = model.forward(x);
            metrics.add(out, t, model.loss().value(model.output().z(), out, t));
        }
        return new Evaluation(metrics.loss(), Metrics.metricName(data.isClassification()), metrics.metric(),
                data.size());
    }

    /**
     * Fills a batch with rows {@code order[from..from+count)}: features, and targets laid out for
     * the model's output (one-hot rows, 0/1 for a single sigmoid unit, or the real values).
     *
     * @param x Modified: reshaped to {@code count × features}
     * @param t Modified: reshaped to {@code count × outputs}
     */
    public static void gather(Mlp model, Dataset data, int[] order, int from, int count, DMatrixRMaj x,
                              DMatrixRMaj t) {
        x.reshape(count, data.features());
        data.gatherFeatures(order, from, count, x.data);
        t.reshape(count, model.outputs());
        if (data.isClassification() && model.outputs() == 1) {
            data.gatherLabels(order, from, count, t.data);
        } else {
            data.gatherTargets(order, from, count, model.outputs(), t.data);
        }
    }

    /** The state of one call to {@code fit}. */
    private static final class Run {
        private final Mlp model;
        private final Dataset data;
        private final Fit fit;
        private final List<TrainingListener> listeners;
        private final Collector collector;
        private final List<Parameter> parameters;
        private final List<Epoch> epochs = new ArrayList<>();
        private final String metric;
        private final DMatrixRMaj x;
        private final DMatrixRMaj t;
        private long step;
        private volatile boolean stopRequested;

        Run(Mlp model, Dataset data, Fit fit, List<TrainingListener> listeners, Collector collector) {
            this.model = model;
            this.data = data;
            this.fit = fit;
            this.listeners = listeners;
            this.collector = collector;
            this.parameters = model.parameters();
            this.metric = Metrics.metricName(data.isClassification());
            int batch = Math.min(fit.batch(), data.size());
            this.x = new DMatrixRMaj(batch, data.features());
            this.t = new DMatrixRMaj(batch, model.outputs());
        }

        History train() {
            int n = data.size();
            int batches = (n + fit.batch() - 1) / fit.batch();
            int[] order = java.util.stream.IntStream.range(0, n).toArray();
            SplittableRandom random = new SplittableRandom(fit.seed() != null ? fit.seed() : model.seed());
            parameters.forEach(Parameter::startTraining);
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
                requireFiniteWeights(epoch, batches);
                Evaluation validation = fit.validation() == null ? null : evaluate(model, fit.validation());
                epochs.add(new Epoch(epoch, metrics.loss(), metrics.metric(),
                        validation == null ? Double.NaN : validation.loss(),
                        validation == null ? Double.NaN : validation.value(),
                        lr, (System.nanoTime() - start) / 1e9));
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

        private void trainBatch(int[] order, int from, int count, double lr, int epoch, int batch, Metrics metrics) {
            gather(model, data, order, from, count, x, t);
            DMatrixRMaj out = model.forward(x, fit.precision());
            double loss = model.loss().value(model.output().z(), out, t);
            if (!Double.isFinite(loss)) {
                if (step > 0) {
                    parameters.forEach(Parameter::undoUpdate);
                }
                throw diverged("the loss became " + loss, epoch, batch);
            }
            model.backward(x, t);
            double norm = regulariseAndClip();
            if (!Double.isFinite(norm)) {
                throw diverged("the gradient norm became " + norm, epoch, batch);
            }
            step++;
            // indexed loops here and in regulariseAndClip: no iterator allocated per batch
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).update(fit.optimizer(), lr, step);
            }
            metrics.add(out, t, loss);
            for (int i = 0; i < listeners.size(); i++) {
                try {
                    listeners.get(i).onBatch(model, epoch, batch, step, loss);
                } catch (RuntimeException e) {
                    throw new ListenerFailedException(listeners.get(i), "in epoch " + epoch + ", batch " + batch,
                            history(null), e);
                }
            }
        }

        /** Adds {@code λ W} to the weight gradients, clips by global norm; returns the norm before clipping. */
        private double regulariseAndClip() {
            double squares = 0;
            for (int j = 0; j < parameters.size(); j++) {
                Parameter p = parameters.get(j);
                if (p.isWeight() && fit.l2() > 0) {
                    p.addWeightDecay(fit.l2());   // ∂(λ/2 ‖W‖²)/∂W = λ W
                }
                double norm = p.gradientNorm();
                squares += norm * norm;
            }
            double norm = Math.sqrt(squares);
            if (fit.clipNorm() > 0 && norm > fit.clipNorm()) {
                for (int j = 0; j < parameters.size(); j++) {
                    parameters.get(j).scaleGradient(fit.clipNorm() / norm);
                }
            }
            return norm;
        }

        /** The last update of an epoch is checked here, since no later batch will compute a loss with it. */
        private void requireFiniteWeights(int epoch, int batch) {
            for (Parameter p : parameters) {
                for (double w : p.value().data) {
                    if (!Double.isFinite(w)) {
                        parameters.forEach(Parameter::undoUpdate);
                        throw diverged("a weight of " + p.name() + " became " + w, epoch, batch);
                    }
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
            return new History(Prefix.of(epochs), metric, stop, collector == null ? null : collector.snapshot(stop));
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
