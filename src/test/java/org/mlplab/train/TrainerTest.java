package org.mlplab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlplab.data.Dataset;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Init;
import org.mlplab.nn.Network;
import org.mlplab.nn.Parameter;
import org.mlplab.nn.Precision;
import org.mlplab.optim.Schedule;

class TrainerTest {

    private static Mlp blobModel(long seed) {
        return Mlp.input(2).dense(16, Activation.RELU).dense(3, Activation.SOFTMAX).init(Init.HE).seed(seed).build();
    }

    private static List<double[]> weights(Network model) {
        return model.parameters().stream().map(Parameter::copyValues).toList();
    }

    private static void assertSameWeights(List<double[]> expected, Mlp model) {
        List<double[]> actual = weights(model);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void theSameSeedGivesBitForBitTheSameWeightsAndHistory(Precision precision) {
        Dataset data = Problems.blobs(60, 1);
        Supplier<Mlp> build = () -> blobModel(7);
        Fit fit = Fit.epochs(15).batch(8).adam(0.01).validation(Problems.blobs(20, 2)).precision(precision).quiet();
        Mlp a = build.get();
        Mlp b = build.get();
        assertSameWeights(weights(a), b);
        History ha = a.fit(data, fit);
        History hb = b.fit(data, fit);
        assertSameWeights(weights(a), b);
        assertArrayEquals(ha.loss(), hb.loss());
        assertArrayEquals(ha.validationLoss(), hb.validationLoss());

        Mlp other = blobModel(8);
        other.fit(data, fit);
        assertNotEquals(weights(a).get(0)[0], weights(other).get(0)[0]);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void anInterruptStopsAtTheEndOfTheBatchAndKeepsWhatWasLearned(Precision precision) {
        Dataset data = Problems.blobs(40, 3);   // 120 rows, batch 10: 12 batches per epoch
        Mlp model = blobModel(1);
        List<double[]> initial = weights(model);
        TrainingListener interrupter = new TrainingListener() {
            @Override
            public void onBatch(Network m, int epoch, int batch, long step, double loss) {
                if (epoch == 3 && batch == 5) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        History history = model.fit(data, Fit.epochs(50).batch(10).adam(0.01).precision(precision).listener(interrupter).quiet());
        assertEquals(Stop.Reason.INTERRUPTED, history.stop().reason());
        assertEquals(3, history.stop().epoch());
        assertEquals(5, history.stop().batch());
        assertEquals(2, history.epochs().size(), "the two complete epochs are kept");
        assertNotEquals(initial.get(0)[0], weights(model).get(0)[0], "the model keeps its trained weights");

        // the interrupt stays set: a later fit of the same cell does not start, and changes nothing
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is left for the rest of the cell");
        List<double[]> stopped = weights(model);
        var refused = assertThrows(CancellationException.class, () -> model.fit(data, Fit.epochs(5).quiet()));
        assertTrue(refused.getMessage().contains("before this fit started"), refused.getMessage());
        assertSameWeights(stopped, model);
        assertTrue(Thread.interrupted());

        // the weights are exactly those after 2 epochs and 5 batches
        Mlp replay = blobModel(1);
        TrainingListener stopper = new TrainingListener() {
            @Override
            public void onBatch(Network m, int epoch, int batch, long step, double loss) {
                if (step == 2 * 12 + 5) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        replay.fit(data, Fit.epochs(50).batch(10).adam(0.01).precision(precision).listener(stopper).quiet());
        assertSameWeights(weights(replay), model);
    }

    @Test
    void aListenerThatThrowsStopsTrainingWithoutLosingTheHistoryOrTheWeights() {
        Dataset data = Problems.blobs(40, 3);
        Mlp model = blobModel(1);
        IllegalStateException boom = new IllegalStateException("boom");
        TrainingListener failing = new TrainingListener() {
            @Override
            public void onEpoch(Network m, History soFar) {
                if (soFar.epochs().size() == 3) {
                    throw boom;
                }
            }
        };
        var e = assertThrows(ListenerFailedException.class,
                () -> model.fit(data, Fit.epochs(10).batch(10).adam(0.01).listener(failing).quiet()));
        assertTrue(e.getMessage().contains("threw after epoch 3: java.lang.IllegalStateException: boom"), e.getMessage());
        assertEquals(boom, e.getCause());
        assertEquals(3, e.history().epochs().size());
        Mlp threeEpochs = blobModel(1);
        threeEpochs.fit(data, Fit.epochs(3).batch(10).adam(0.01).quiet());
        assertSameWeights(weights(threeEpochs), model);
    }

    @Test
    void aTestSetLackingAClassIsScoredAgainstTheModelsOutputs() {
        Dataset data = Problems.blobs(40, 3);
        Mlp model = blobModel(1);
        model.fit(data, Fit.epochs(20).batch(10).adam(0.01).quiet());
        // a hand-made test set of the rows of classes 0 and 1: its highest label says 2 classes
        int[] rows = java.util.stream.IntStream.range(0, data.size()).filter(i -> data.label(i) < 2).toArray();
        double[][] x = new double[rows.length][data.features()];
        for (int i = 0; i < rows.length; i++) {
            data.gatherFeatures(rows, i, 1, x[i]);
        }
        int[] labels = java.util.Arrays.stream(rows).map(data::label).toArray();
        Dataset twoClasses = Dataset.classification(x, labels);
        assertEquals(2, twoClasses.outputs());

        // the reference: cross-entropy and accuracy straight from the predicted probabilities
        double[][] p = model.predict(x);
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < rows.length; i++) {
            loss -= Math.log(p[i][labels[i]]);
            int best = p[i][0] >= p[i][1] ? (p[i][0] >= p[i][2] ? 0 : 2) : (p[i][1] >= p[i][2] ? 1 : 2);
            correct += best == labels[i] ? 1 : 0;
        }
        Evaluation evaluation = model.evaluate(twoClasses);
        assertEquals(loss / rows.length, evaluation.loss(), 1e-12);
        assertEquals((double) correct / rows.length, evaluation.value(), 1e-12);
        assertTrue(evaluation.value() > 0.9, "a trained model: " + evaluation);
        ConfusionMatrix matrix = ConfusionMatrix.of(model, twoClasses);
        assertEquals(List.of("class 0", "class 1", "class 2"), matrix.classNames());
        assertEquals(rows.length, matrix.total());

        // the gradients are those of the same rows labelled among all three classes
        var expected = model.gradients(data.rows(rows));
        var actual = model.gradients(twoClasses);
        for (String name : expected.keySet()) {
            for (int r = 0; r < expected.get(name).length; r++) {
                assertArrayEquals(expected.get(name)[r], actual.get(name)[r], 1e-15, name);
            }
        }
    }

    @Test
    void theStopButtonEndsAFitRunningOnAnotherThreadAfterItsBatch() throws Exception {
        Dataset data = Problems.blobs(40, 3);
        Mlp model = blobModel(1);
        CountDownLatch training = new CountDownLatch(1);
        TrainingListener started = new TrainingListener() {
            @Override
            public void onBatch(Network m, int epoch, int batch, long step, double loss) {
                training.countDown();
            }
        };
        var result = new java.util.concurrent.atomic.AtomicReference<History>();
        var interruptedAfter = new java.util.concurrent.atomic.AtomicBoolean();
        Thread cell = new Thread(() -> {
            result.set(model.fit(data, Fit.epochs(1_000_000).batch(10).adam(0.01).listener(started).noDiagnostics().quiet()));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        assertFalse(Trainer.interruptRunning(), "nothing trains yet");
        cell.start();
        assertTrue(training.await(30, TimeUnit.SECONDS));
        assertTrue(Trainer.interruptRunning());
        cell.join(30_000);
        assertFalse(cell.isAlive(), "the fit ended");
        History history = result.get();
        assertEquals(Stop.Reason.INTERRUPTED, history.stop().reason());
        assertTrue(history.stop().message().startsWith("interrupted in epoch " + history.stop().epoch() + " after batch "),
                history.stop().message());
        assertTrue(interruptedAfter.get(), "the fit's thread is left interrupted for the rest of its cell");
        assertFalse(Trainer.interruptRunning(), "nothing trains any more");
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void divergenceNamesEpochAndBatchAndKeepsTheLastGoodWeights(Precision precision) {
        Dataset data = Problems.noisySine(64, 4);
        Mlp model = Mlp.input(1).dense(16, Activation.RELU).dense(1, Activation.IDENTITY).init(Init.HE).seed(2).build();
        var snapshots = new java.util.ArrayList<List<double[]>>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onBatch(Network m, int epoch, int batch, long step, double loss) {
                snapshots.add(weights(m));
            }
        };
        var e = assertThrows(TrainingDivergedException.class,
                () -> model.fit(data, Fit.epochs(100).batch(8).sgd(50).precision(precision).listener(recorder).quiet()));
        assertTrue(e.getMessage().contains("epoch " + e.epoch() + ", batch " + e.batch()), e.getMessage());
        assertEquals(Stop.Reason.DIVERGED, e.history().stop().reason());
        assertEquals(e.epoch() - 1, e.history().epochs().size());
        for (Parameter p : model.parameters()) {
            for (double w : p.copyValues()) {
                assertTrue(Double.isFinite(w), "weights stay finite");
            }
        }
        // the last good weights: those that still gave a finite loss, i.e. before the breaking update
        assertSameWeights(snapshots.get(snapshots.size() - 2), model);
        assertTrue(Double.isFinite(model.evaluate(data).loss()));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void earlyStoppingRestoresTheBestEpoch(Precision precision) {
        Dataset train = Problems.noisySine(30, 5);
        Dataset validation = Problems.noisySine(200, 6);
        Mlp model = Mlp.input(1).dense(64, Activation.TANH).dense(64, Activation.TANH).dense(1, Activation.IDENTITY)
                .seed(3).build();
        History history = model.fit(train, Fit.epochs(2000).batch(30).adam(0.02).validation(validation)
                .earlyStopping(25).precision(precision).quiet());
        assertEquals(Stop.Reason.EARLY_STOPPED, history.stop().reason());
        assertTrue(history.epochs().size() < 2000);
        Epoch best = history.best();
        assertEquals(best.epoch() + 25, history.last().epoch());
        assertEquals(best.validationLoss(), model.evaluate(validation).loss(), 1e-12);
    }

    @Test
    void theScheduleSetsEachEpochsLearningRate() {
        Mlp model = blobModel(2);
        History history = model.fit(Problems.blobs(10, 1), Fit.epochs(6).adam(0.1).schedule(Schedule.step(2, 0.5)).quiet());
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025, 0.025},
                history.epochs().stream().mapToDouble(Epoch::learningRate).toArray(), 1e-15);
        History cosine = blobModel(2).fit(Problems.blobs(10, 1),
                Fit.epochs(5).adam(0.1).schedule(Schedule.cosine(4, 0)).quiet());
        assertEquals(0.1, cosine.epochs().get(0).learningRate(), 1e-15);
        assertEquals(0.05, cosine.epochs().get(2).learningRate(), 1e-15);
        assertEquals(0.0, cosine.epochs().get(4).learningRate(), 1e-15);
        History exponential = blobModel(2).fit(Problems.blobs(10, 1),
                Fit.epochs(3).adam(0.1).schedule(Schedule.exponential(0.5)).quiet());
        assertArrayEquals(new double[] {0.1, 0.05, 0.025},
                exponential.epochs().stream().mapToDouble(Epoch::learningRate).toArray(), 1e-15);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void gradientsAreClippedToTheGlobalNorm(Precision precision) {
        double[] largest = {0};
        TrainingListener norm = new TrainingListener() {
            @Override
            public void onBatch(Network m, int epoch, int batch, long step, double loss) {
                double squares = 0;
                for (Parameter p : m.parameters()) {
                    for (double[] row : p.gradientArray()) {
                        for (double g : row) {
                            squares += g * g;
                        }
                    }
                }
                largest[0] = Math.max(largest[0], Math.sqrt(squares));
            }
        };
        Mlp model = Mlp.input(1).dense(16, Activation.RELU).dense(1, Activation.IDENTITY).seed(1).build();
        Dataset big = Dataset.regression(new double[][] {{100}, {-100}, {50}}, new double[] {1000, -1000, 500});
        model.fit(big, Fit.epochs(3).batch(3).sgd(1e-6).clipNorm(0.5).precision(precision).listener(norm).quiet());
        assertEquals(0.5, largest[0], precision == Precision.DOUBLE ? 1e-9 : 1e-6);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void l2ShrinksTheWeights(Precision precision) {
        Dataset data = Problems.blobs(40, 9);
        Mlp plain = blobModel(4);
        Mlp decayed = blobModel(4);
        plain.fit(data, Fit.epochs(30).adam(0.01).precision(precision).quiet());
        decayed.fit(data, Fit.epochs(30).adam(0.01).l2(0.1).precision(precision).quiet());
        assertTrue(norm(decayed) < 0.8 * norm(plain), norm(decayed) + " vs " + norm(plain));
    }

    private static double norm(Mlp model) {
        double s = 0;
        for (double w : model.layer(0).weights().copyValues()) {
            s += w * w;
        }
        return Math.sqrt(s);
    }
}
