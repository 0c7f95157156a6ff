package org.mlplab.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mlplab.data.Dataset;
import org.mlplab.data.Datasets;
import org.mlplab.data.Split;
import org.mlplab.data.TableData;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Init;
import org.mlplab.optim.Optimizer;
import org.mlplab.train.Fit;

/**
 * The mistakes students make, each made on real data (the bundled wine data), and the verdict
 * naming it with the right advice; and a healthy control run of the same size in which it is not
 * named (no false alarm).
 */
class DiagnosisScenariosTest {
    private static final Split WINE = TableData.of(Datasets.wine()).target("cultivar").standardize().split(0.8, 42);

    private static Mlp net(int features, int... hidden) {
        var builder = Mlp.input(features).init(Init.HE).seed(1);
        for (int units : hidden) {
            builder.dense(units, Activation.RELU);
        }
        return builder.dense(3, Activation.SOFTMAX).build();
    }

    private static Verdict verdict(Mlp model, Dataset train, Dataset validation, Fit fit) {
        return model.fit(train, fit.validation(validation).quiet()).diagnostics().verdict();
    }

    /** Every finding, causes and the symptoms under them. */
    private static List<Finding.Status> all(Verdict verdict) {
        return verdict.findings().stream().flatMap(f -> Stream.concat(Stream.of(f), f.symptoms().stream()))
                .map(Finding::status).toList();
    }

    private static final Verdict CONTROL = verdict(net(13, 32), WINE.train(), WINE.test(), Fit.epochs(100).adam(1e-3));

    @Test
    void theControlRunIsHealthy() {
        assertEquals(Finding.Status.HEALTHY, CONTROL.status(), CONTROL.toString());
        assertEquals(List.of(Finding.Status.HEALTHY), all(CONTROL), CONTROL.toString());
        assertEquals(List.of(), CONTROL.notes(), CONTROL.toString());
    }

    /** 53 training rows, a 13-256-256-3 network, Adam 0.01, 300 epochs: the first row. */
    @Test
    void overfittingIsNamedWithTheEpochEarlyStoppingWouldKeep() {
        Split small = TableData.of(Datasets.wine()).target("cultivar").standardize().split(0.3, 42);
        Verdict verdict = verdict(net(13, 256, 256), small.train(), small.test(), Fit.epochs(300).adam(0.01));
        assertEquals(Finding.Status.OVERFITTING, verdict.status(), verdict.toString());
        Finding f = verdict.findings().get(0);
        assertTrue(f.evidence().matches("The validation loss was lowest in epoch \\d+ .*"), f.evidence());
        assertTrue(f.advice().matches(".*earlyStopping\\(\\d+\\) would keep epoch \\d+'s weights.*"), f.advice());
        assertFalse(all(verdict).contains(Finding.Status.UPDATE_RATIO), "no 'raise the learning rate': " + verdict);
        assertFalse(all(CONTROL).contains(Finding.Status.OVERFITTING));
    }

    /** SGD at 1e-4 for 50 epochs: the second row, called healthy before. */
    @Test
    void aLearningRateTooLowIsNamedWithATenfoldOne() {
        Verdict verdict = verdict(net(13, 32), WINE.train(), WINE.test(), Fit.epochs(50).sgd(1e-4));
        assertEquals(Finding.Status.LEARNING_RATE_LOW, verdict.status(), verdict.toString());
        assertTrue(verdict.findings().get(0).advice().contains(".sgd(1e-03)"), verdict.toString());
        assertTrue(verdict.findings().get(0).advice().contains("--lr 1e-03"), verdict.toString());
        assertFalse(all(CONTROL).contains(Finding.Status.LEARNING_RATE_LOW));
    }

    /** The features as read (proline spans 278-1680): the third row, never "standardise" before. */
    @Test
    void unscaledFeaturesAreNamedFirstWithTheLineThatScalesThem() {
        Split raw = TableData.of(Datasets.wine()).target("cultivar").split(0.8, 42);
        Verdict verdict = verdict(net(13, 32), raw.train(), raw.test(), Fit.epochs(100).adam(1e-3));
        assertEquals(Finding.Status.UNSCALED, verdict.status(), verdict.toString());
        assertTrue(verdict.findings().get(0).evidence().contains("'proline'"), verdict.toString());
        assertTrue(verdict.findings().get(0).advice().contains(".standardize()"), verdict.toString());
        assertTrue(verdict.findings().get(0).advice().contains("--scale standard"), verdict.toString());
        Split minMax = TableData.of(Datasets.wine()).target("cultivar").minMax().split(0.8, 42);
        Verdict scaled = verdict(net(13, 32), minMax.train(), minMax.test(), Fit.epochs(100).adam(1e-3));
        assertFalse(all(scaled).contains(Finding.Status.UNSCALED), scaled.toString());
        assertFalse(all(CONTROL).contains(Finding.Status.UNSCALED));
    }

    /** Adam at 10: the loss jumps, then every gradient is 0 (called healthy before). */
    @Test
    void aLearningRateTooHighLeadsAndExplainsTheGradientThatStopped() {
        Verdict verdict = verdict(net(13, 32), WINE.train(), WINE.test(), Fit.epochs(50).adam(10));
        assertEquals(Finding.Status.LEARNING_RATE_HIGH, verdict.status(), verdict.toString());
        assertTrue(verdict.findings().get(0).advice().contains(".adam(1.0)"), verdict.toString());
        assertTrue(verdict.findings().get(0).symptoms().stream().anyMatch(f -> f.status() == Finding.Status.NO_GRADIENT),
                verdict.toString());
        assertFalse(verdict.text().contains("NaN"), verdict.text());
        assertFalse(all(CONTROL).contains(Finding.Status.LEARNING_RATE_HIGH));
    }

    /** Labels that the features cannot predict (shuffled): no better than the majority class. */
    @Test
    void accuracyAtTheMajorityBaselineIsNoBetterThanChance() {
        Dataset train = WINE.train();
        int[] labels = train.labels();
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = labels[i];
            labels[i] = labels[j];
            labels[j] = swap;
        }
        Dataset shuffled = Dataset.classification(train.x(), labels);
        Verdict verdict = verdict(net(13, 32), shuffled, WINE.test(), Fit.epochs(30).adam(1e-3));
        assertTrue(all(verdict).contains(Finding.Status.CHANCE), verdict.toString());
        assertTrue(verdict.text().matches(".*its loss [\\d.]+ against 1\\.1, that of predicting the training class "
                + "frequencies whatever the input.*"), verdict.text());
        assertFalse(all(CONTROL).contains(Finding.Status.CHANCE));
    }

    /** Fashion-MNIST's pixels: scaled to [0, 1] they are on one scale (corner pixels that barely vary
     * included); as bytes, 0 to 255, they are not. */
    @Test
    void fashionPixelsAreUnscaledAsBytesOnly() throws java.io.IOException {
        Split sample = org.mlplab.data.Idx.fashionMnist(java.nio.file.Path.of("src/test/resources/org/mlplab/data/fashion-sample"), 0);
        Mlp model = Mlp.input(784).dense(32, Activation.RELU).dense(10, Activation.SOFTMAX).init(Init.HE).seed(1).build();
        Verdict scaled = verdict(model, sample.train(), sample.test(), Fit.epochs(5).adam(1e-3));
        assertFalse(all(scaled).contains(Finding.Status.UNSCALED), scaled.toString());
        double[][] bytes = sample.train().x();
        for (double[] row : bytes) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.rint(row[j] * 255);
            }
        }
        Dataset raw = Dataset.classification(bytes, sample.train().labels());
        Verdict unscaled = model.untrained().fit(raw, Fit.epochs(5).adam(1e-3).quiet()).diagnostics().verdict();
        assertEquals(Finding.Status.UNSCALED, unscaled.status(), unscaled.toString());
    }

    /** The input-independent baseline's best loss: the cross-entropy of the training class frequencies. */
    @Test
    void thePriorLossIsTheCrossEntropyOfTheClassFrequencies() {
        int[] train = WINE.train().classCounts();
        int[] test = WINE.test().classCounts();
        double expected = 0;
        for (int c = 0; c < 3; c++) {
            expected -= test[c] / (double) WINE.test().size() * Math.log(train[c] / (WINE.train().size() + 1.0));
        }
        assertEquals(expected, DataFacts.of(WINE.train(), WINE.test()).priorLoss(), 1e-15);
        // a model that ignores its inputs gets there: the zeroed-input baseline of Trials
        var zero = org.mlplab.train.Trials.of(net(13, 32), WINE.train(), Fit.epochs(100).adam(1e-2)
                .validation(WINE.test())).trials();
        assertEquals(expected, zero.get(zero.size() - 1).evaluation().loss(), 0.02);
    }

    @Test
    void validationRowsThatAreTrainingRowsAreCounted() {
        Verdict verdict = verdict(net(13, 32), WINE.train(), WINE.train().rows(0, 20), Fit.epochs(20).adam(1e-3));
        assertTrue(verdict.findings().stream().anyMatch(f -> f.status() == Finding.Status.REPEATED_ROWS
                && f.evidence().startsWith("20 validation rows are also in the training data")), verdict.toString());
        assertFalse(all(CONTROL).contains(Finding.Status.REPEATED_ROWS));
    }

    /** Notes leave a run healthy: a constant feature and a class 20 times smaller than another. */
    @Test
    void constantFeaturesAndImbalancedClassesAreNotes() {
        int n = 210;
        double[][] x = new double[n][3];
        int[] labels = new int[n];
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            labels[i] = i < 200 ? 0 : 1;
            x[i][0] = random.nextGaussian() + 2 * labels[i];
            x[i][1] = random.nextGaussian();
            x[i][2] = 1;   // constant
        }
        Dataset data = Dataset.classification(x, labels).withFeatureNames(List.of("signal", "noise", "bias"));
        Verdict verdict = Mlp.input(3).dense(8, Activation.TANH).dense(2, Activation.SOFTMAX).seed(1).build()
                .fit(data, Fit.epochs(30).adam(0.01).quiet()).diagnostics().verdict();
        assertEquals(List.of(Finding.Status.CONSTANT_FEATURES, Finding.Status.IMBALANCED),
                verdict.notes().stream().map(Finding::status).toList(), verdict.toString());
        assertTrue(verdict.notes().get(0).evidence().contains("bias"), verdict.toString());
        assertTrue(verdict.notes().get(1).evidence().contains("the largest has 200 training rows, the smallest 10"),
                verdict.toString());
    }

    /** Each curve threshold at its edge, on learning curves made to measure. */
    @Test
    void theCurveThresholdsHoldAtTheirEdges() {
        Thresholds t = Thresholds.DEFAULT;
        Optimizer adam = Optimizer.adam(0.01);
        // validation loss 1.0 at its best (epoch 2), then rising to 1.19 or 1.21 while the training loss falls
        for (double rise : new double[] {0.19, 0.21}) {
            List<Curves.Point> points = new java.util.ArrayList<>();
            for (int e = 1; e <= 10; e++) {
                double validation = e == 2 ? 1.0 : e < 2 ? 1.5 : 1.0 + rise * (e - 2) / 8;
                points.add(new Curves.Point(e, 1.0 / e, 0.9, validation, 0.9, 0.01));
            }
            boolean flagged = Curves.findings(points, 0, t, null, 1.0, Double.NaN, Double.NaN, adam).stream()
                    .anyMatch(f -> f.status() == Finding.Status.OVERFITTING);
            assertEquals(rise > t.overfitRise(), flagged, "rise " + rise);
        }
        // a training loss that fell 9 % or 11 % over 10 epochs
        for (double fall : new double[] {0.09, 0.11}) {
            List<Curves.Point> points = new java.util.ArrayList<>();
            for (int e = 1; e <= 10; e++) {
                points.add(new Curves.Point(e, 1.0 - fall * (e - 1) / 9, 0.9, Double.NaN, Double.NaN, 0.01));
            }
            boolean flagged = Curves.findings(points, 0, t, null, 1.0, Double.NaN, 1e-5, adam).stream()
                    .anyMatch(f -> f.status() == Finding.Status.LEARNING_RATE_LOW);
            assertEquals(fall < t.slowProgress(), flagged, "fall " + fall);
        }
        // a training loss that ends 1.9 or 2.1 times its lowest
        for (double climb : new double[] {1.9, 2.1}) {
            List<Curves.Point> points = List.of(new Curves.Point(1, 1.0, 0.9, Double.NaN, Double.NaN, 0.01),
                    new Curves.Point(2, 0.5, 0.9, Double.NaN, Double.NaN, 0.01),
                    new Curves.Point(3, 0.5 * climb, 0.9, Double.NaN, Double.NaN, 0.01));
            boolean flagged = Curves.findings(points, 0, t, null, 1.0, Double.NaN, Double.NaN, adam).stream()
                    .anyMatch(f -> f.status() == Finding.Status.LEARNING_RATE_HIGH);
            assertEquals(climb > t.lossClimb(), flagged, "climb " + climb);
        }
    }

    /** Validation accuracy 0.019 and 0.021 above the majority class's 0.4. */
    @Test
    void theChanceMarginHoldsAtItsEdge() {
        Thresholds t = Thresholds.DEFAULT;
        DataFacts facts = new DataFacts(List.of("a"), new double[] {1}, new double[] {4}, new int[] {40, 30, 30}, 0.4,
                1.09, 0, true);
        for (double above : new double[] {0.019, 0.021}) {
            List<Curves.Point> points = List.of(new Curves.Point(1, 1.0, 0.5, 1.0, 0.4 + above, 0.01),
                    new Curves.Point(2, 0.5, 0.5, 1.0, 0.4 + above, 0.01));
            boolean flagged = Curves.findings(points, 0, t, facts, 1.0, Math.log(3), Double.NaN, Optimizer.adam(0.01))
                    .stream().anyMatch(f -> f.status() == Finding.Status.CHANCE);
            assertEquals(above <= t.chanceMargin(), flagged, "above " + above);
        }
    }

    /** A feature's range 49 and 51 times the median's; a feature of standard deviation 9.9 and 10.1. */
    @Test
    void theDataThresholdsHoldAtTheirEdges() {
        Thresholds t = Thresholds.DEFAULT;
        for (double spread : new double[] {49, 51}) {
            DataFacts facts = new DataFacts(List.of("a", "b", "c"), new double[] {1, 1, 1},
                    new double[] {spread, 1, 1}, new int[0], Double.NaN, Double.NaN, 0, false);
            boolean flagged = facts.findings(t).stream().anyMatch(f -> f.status() == Finding.Status.UNSCALED);
            assertEquals(spread > t.unscaledSpread(), flagged, "spread " + spread);
        }
        for (double std : new double[] {9.9, 10.1}) {
            DataFacts facts = new DataFacts(List.of("a"), new double[] {std}, new double[] {4 * std}, new int[0],
                    Double.NaN, Double.NaN, 0, false);
            boolean flagged = facts.findings(t).stream().anyMatch(f -> f.status() == Finding.Status.UNSCALED);
            assertEquals(std > t.unscaledStd(), flagged, "std " + std);
        }
        for (int smallest : new int[] {11, 9}) {
            DataFacts facts = new DataFacts(List.of("a"), new double[] {1}, new double[] {4}, new int[] {100, smallest},
                    0.9, Double.NaN, 0, false);
            boolean flagged = facts.findings(t).stream().anyMatch(f -> f.status() == Finding.Status.IMBALANCED);
            assertEquals(100.0 / smallest > t.imbalance(), flagged, "smallest class " + smallest);
        }
    }
}
