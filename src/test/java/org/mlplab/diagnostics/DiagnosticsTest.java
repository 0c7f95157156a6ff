package org.mlplab.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.mlplab.RealData;
import org.mlplab.data.Dataset;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Init;
import org.mlplab.nn.Network;
import org.mlplab.nn.Precision;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.mlplab.train.TrainingDivergedException;
import tech.tablesaw.api.Table;

/** Real networks on real data, diagnosed against real thresholds; statistics against a hand computation. */
class DiagnosticsTest {
    private static final Dataset DIGITS = RealData.digits();

    private static Mlp deep(Activation hidden, Init init) {
        Network.Builder<Mlp> b = Mlp.input(64).init(init).seed(1);
        for (int i = 0; i < 9; i++) {
            b.dense(32, hidden);
        }
        return b.dense(10, Activation.SOFTMAX).build();
    }

    private static Fit tenEpochs() {
        return Fit.epochs(10).batch(32).sgd(0.01).quiet();
    }

    @Test
    void aDeepSigmoidNetworkWithUnitNormalWeightsIsDiagnosedAsVanishingAndSaturated() {
        Verdict verdict = deep(Activation.SIGMOID, Init.normal(1)).fit(DIGITS, tenEpochs()).diagnostics().verdict();
        assertEquals(Finding.Status.VANISHING, verdict.status(), verdict.toString());
        assertTrue(verdict.findings().stream().anyMatch(f -> f.status() == Finding.Status.SATURATED), verdict.toString());
        assertTrue(verdict.text().contains("Try ReLU with He initialisation"), verdict.text());
        assertTrue(verdict.text().matches(".*Layer 1's gradient is \\de-\\d\\d of layer 10's.*"), verdict.text());
    }

    @Test
    void theThresholdsAreConfigurable() {
        Diagnostics d = deep(Activation.SIGMOID, Init.normal(1)).fit(DIGITS, tenEpochs()).diagnostics();
        Thresholds t = Thresholds.DEFAULT;
        Thresholds lenient = t.withVanishingRatio(1e-9).withSaturated(1.0);
        Verdict verdict = d.verdict(lenient);
        assertTrue(verdict.findings().stream().noneMatch(f -> f.status() == Finding.Status.VANISHING
                || f.status() == Finding.Status.SATURATED), verdict.toString());
        Thresholds strict = t.withVanishingRatio(0.999);
        Diagnostics healthy = deep(Activation.RELU, Init.HE).fit(DIGITS, tenEpochs()).diagnostics();
        assertEquals(Finding.Status.HEALTHY, healthy.verdict().status());
        assertEquals(Finding.Status.VANISHING, healthy.verdict(strict).status(), healthy.verdict(strict).toString());
    }

    @Test
    void theCheckBeforeTrainingDiagnosesTheUntrainedModel() {
        Mlp sigmoid = deep(Activation.SIGMOID, Init.normal(1));
        double[] before = sigmoid.layer(0).weights().copyValues();
        Diagnostics d = Diagnostics.beforeTraining(sigmoid, DIGITS);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, sigmoid.layer(0).weights().copyValues(),
                "no update");
        assertEquals(10, d.stats().size(), "one record per layer, step 0");
        assertTrue(d.stats().stream().allMatch(s -> s.step() == 0 && Double.isNaN(s.updateRatio())));
        Verdict verdict = d.verdict();
        assertEquals(Finding.Status.VANISHING, verdict.status(), verdict.toString());
        assertTrue(verdict.text().contains("at initialisation"), verdict.text());
        assertTrue(verdict.findings().stream().anyMatch(f -> f.status() == Finding.Status.SATURATED), verdict.toString());
        assertEquals(List.of("initialisation"), d.histogramMoments());

        Diagnostics he = Diagnostics.beforeTraining(deep(Activation.RELU, Init.HE), DIGITS);
        assertEquals(Finding.Status.HEALTHY, he.verdict().status(), he.verdict().toString());
        assertTrue(he.initialisationCheck().contains("expected about 2.303"), he.initialisationCheck());
        assertTrue(he.initialisationCheck().contains("activation std by layer "
                + String.format("%.3g, ", he.stats(1).get(0).activationStd())), he.initialisationCheck());

        Mlp hot = Mlp.input(64).dense(32, Activation.TANH).dense(10, Activation.SOFTMAX).init(Init.normal(3)).seed(4)
                .build();
        String check = Diagnostics.beforeTraining(hot, DIGITS).initialisationCheck();
        assertTrue(check.contains("too high"), check);
        assertThrows(IllegalArgumentException.class, () -> Diagnostics.beforeTraining(hot, RealData.diabetes()));
    }

    @Test
    void theSameDepthWithReluAndHeIsHealthy() {
        Verdict verdict = deep(Activation.RELU, Init.HE).fit(DIGITS, tenEpochs()).diagnostics().verdict();
        assertEquals(Finding.Status.HEALTHY, verdict.status(), verdict.toString());
        assertEquals(1, verdict.findings().size(), verdict.toString());
    }

    @Test
    void tanhWithXavierIsHealthy() {
        Verdict verdict = deep(Activation.TANH, Init.XAVIER).fit(DIGITS, tenEpochs()).diagnostics().verdict();
        assertEquals(Finding.Status.HEALTHY, verdict.status(), verdict.toString());
    }

    @Test
    void aLargeNegativeBiasGivesDeadUnits() {
        Mlp model = Mlp.input(64).dense(32, Activation.RELU).dense(32, Activation.RELU).dense(10, Activation.SOFTMAX)
                .init(Init.HE).biasInit(-3).seed(1).build();
        Verdict verdict = model.fit(DIGITS, tenEpochs()).diagnostics().verdict();
        assertEquals(Finding.Status.DEAD_UNITS, verdict.status(), verdict.toString());
        assertEquals(List.of(1, 2), verdict.findings().get(0).layers());
    }

    @Test
    void aDivergingLearningRateStopsTrainingAndIsDiagnosedAsDiverged() {
        Dataset diabetes = RealData.diabetes();
        Mlp model = Mlp.input(10).dense(32, Activation.RELU).dense(1, Activation.IDENTITY).init(Init.HE).seed(1).build();
        var e = assertThrows(TrainingDivergedException.class,
                () -> model.fit(diabetes, Fit.epochs(50).batch(32).sgd(0.5).quiet()));
        assertTrue(e.getMessage().contains("in epoch " + e.epoch() + ", batch " + e.batch()), e.getMessage());
        Verdict verdict = e.history().diagnostics().verdict();
        assertEquals(Finding.Status.DIVERGED, verdict.status(), verdict.toString());
        assertTrue(verdict.text().contains("epoch " + e.epoch()), verdict.text());
        assertTrue(verdict.text().contains("Lower the learning rate"), verdict.text());
    }

    /** Layer statistics of one step of a tiny tanh network, recomputed here with plain loops. */
    @Test
    void statisticsMatchAHandComputationOnATinyNetwork() {
        double[][] x = {{1.0, -2.0}, {0.5, 3.0}};
        int[] labels = {1, 0};
        double[][] w1 = {{0.5, -0.3, 2.5}, {0.2, 0.4, 1.5}};
        double[] b1 = {0.1, -0.1, 0.0};
        double[][] w2 = {{0.3, -0.2}, {-0.5, 0.4}, {0.1, 0.2}};
        double[] b2 = {0.05, -0.05};
        Mlp model = Mlp.input(2).dense(3, Activation.TANH).dense(2, Activation.SOFTMAX).build();
        model.layer(0).weights().set(w1);
        model.layer(0).bias().set(new double[][] {b1});
        model.layer(1).weights().set(w2);
        model.layer(1).bias().set(new double[][] {b2});
        double lr = 0.1;
        History history = model.fit(Dataset.classification(x, labels),
                Fit.epochs(1).batch(2).sgd(lr).diagnostics(1).precision(Precision.DOUBLE).quiet());
        LayerStats s1 = history.diagnostics().stats(1).get(0);
        LayerStats s2 = history.diagnostics().stats(2).get(0);

        // forward
        double[][] a1 = new double[2][3];
        double[][] a2 = new double[2][2];
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 3; j++) {
                a1[r][j] = Math.tanh(x[r][0] * w1[0][j] + x[r][1] * w1[1][j] + b1[j]);
            }
            double z0 = a1[r][0] * w2[0][0] + a1[r][1] * w2[1][0] + a1[r][2] * w2[2][0] + b2[0];
            double z1 = a1[r][0] * w2[0][1] + a1[r][1] * w2[1][1] + a1[r][2] * w2[2][1] + b2[1];
            a2[r][0] = 1 / (1 + Math.exp(z1 - z0));
            a2[r][1] = 1 - a2[r][0];
        }
        // backward: δ2 = a2 - t, δ1 = (δ2 W2ᵀ) ⊙ (1 - a1²), dW = aᵀ δ / 2
        double[][] d2 = {{a2[0][0], a2[0][1] - 1}, {a2[1][0] - 1, a2[1][1]}};
        double[][] d1 = new double[2][3];
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 3; j++) {
                d1[r][j] = (d2[r][0] * w2[j][0] + d2[r][1] * w2[j][1]) * (1 - a1[r][j] * a1[r][j]);
            }
        }
        double gradW1 = 0;
        double newW1 = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double g = (x[0][i] * d1[0][j] + x[1][i] * d1[1][j]) / 2;
                gradW1 += g * g;
                newW1 += Math.pow(w1[i][j] - lr * g, 2);
            }
        }
        double gradB2 = 0;
        for (int j = 0; j < 2; j++) {
            gradB2 += Math.pow((d2[0][j] + d2[1][j]) / 2, 2);
        }
        double mean = 0;
        double squares = 0;
        double absDelta = 0;
        int saturated = 0;
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 3; j++) {
                mean += a1[r][j] / 6;
                squares += a1[r][j] * a1[r][j] / 6;
                absDelta += Math.abs(d1[r][j]) / 6;
                saturated += Math.abs(a1[r][j]) > 0.98 ? 1 : 0;
            }
        }
        assertEquals(Math.sqrt(gradW1), s1.weightGradientNorm(), 1e-12);
        assertEquals(Math.sqrt(newW1), s1.weightNorm(), 1e-12);
        assertEquals(lr * Math.sqrt(gradW1) / Math.sqrt(newW1), s1.updateRatio(), 1e-12);
        assertEquals(mean, s1.activationMean(), 1e-12);
        assertEquals(Math.sqrt(squares - mean * mean), s1.activationStd(), 1e-12);
        assertEquals(absDelta, s1.meanAbsDelta(), 1e-12);
        assertEquals(saturated / 6.0, s1.saturatedFraction(), 1e-12);
        assertTrue(saturated > 0, "the third unit (weights 2.5, 1.5) is driven into saturation");
        assertTrue(Double.isNaN(s1.deadFraction()), "dead units are a ReLU statistic");
        assertEquals(Math.sqrt(gradB2), s2.biasGradientNorm(), 1e-12);
        assertTrue(Double.isNaN(s2.saturatedFraction()), "saturation is for sigmoid/tanh");
    }

    @Test
    void deadFractionCountsUnitsSilentForTheWholeBatch() {
        double[] a = {0, 1.5, 0, 0, /**/ 0, 0, 2, 0, /**/ 0, 0.1, 0, 0};   // 3 rows of 4 units
        assertEquals(0.5, Collector.deadFraction(Activation.RELU, a, 3, 4));
        assertTrue(Double.isNaN(Collector.deadFraction(Activation.TANH, a, 3, 4)));
        double[] s = {0.001, 0.5, 0.99, 0.97};
        assertEquals(0.5, Collector.saturatedFraction(Activation.SIGMOID, s, 4));
    }

    @Test
    void histogramsAreKeptAtChosenMomentsOnly() {
        Mlp model = Mlp.input(64).dense(16, Activation.TANH).dense(10, Activation.SOFTMAX).seed(2).build();
        History history = model.fit(DIGITS, Fit.epochs(30).batch(64).adam(0.01).diagnostics(5, 10).quiet());
        Diagnostics d = history.diagnostics();
        assertEquals(List.of("initialisation", "epoch 10", "epoch 30"), d.histogramMoments());
        assertEquals(3 * 2 * 2, d.histograms().size(), "moments × kinds × layers");
        Histogram first = d.histograms().get(0);
        assertEquals(64 * 16, first.total(), "one value per sample and unit of the first batch");
        assertEquals(Histogram.BINS, first.counts().length);

        // while training runs, the listeners' snapshots hold no end moment yet; an early stop or an
        // interrupt names when the end came; a diverged run keeps only what came before it
        List<List<String>> seen = new java.util.ArrayList<>();
        model.fit(DIGITS, Fit.epochs(3).batch(64).adam(0.01).quiet().listener(new org.mlplab.train.TrainingListener() {
            @Override
            public void onEpoch(Network m, History soFar) {
                seen.add(soFar.diagnostics().histogramMoments());
                if (soFar.epochs().size() == 2) {
                    Thread.currentThread().interrupt();   // lands after the first batch of epoch 3
                }
            }
        }));
        assertEquals(List.of(List.of("initialisation"), List.of("initialisation")), seen);
        Thread.interrupted();
        History interrupted = model.fit(DIGITS, Fit.epochs(3).batch(64).adam(0.01).quiet()
                .listener(new org.mlplab.train.TrainingListener() {
                    @Override
                    public void onEpoch(Network m, History soFar) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertEquals(List.of("initialisation", "interrupted in epoch 2"), interrupted.diagnostics().histogramMoments());
        assertTrue(Thread.interrupted(), "the interrupt is left set for the rest of the cell");
        Mlp regression = Mlp.input(10).dense(32, Activation.RELU).dense(1, Activation.IDENTITY).init(Init.HE).seed(1)
                .build();
        var diverged = assertThrows(TrainingDivergedException.class,
                () -> regression.fit(RealData.diabetes(), Fit.epochs(50).batch(32).sgd(0.5).quiet()));
        assertEquals(List.of("initialisation"), diverged.history().diagnostics().histogramMoments());
    }

    @Test
    void theEndsHistogramsAreTheLastTrainingBatchsNotTheValidationPasss() {
        Mlp model = Mlp.input(64).dense(16, Activation.TANH).dense(10, Activation.SOFTMAX).seed(2).build();
        Dataset validation = DIGITS.rows(0, 300);
        int lastBatch = DIGITS.size() % 64 == 0 ? 64 : DIGITS.size() % 64;
        Diagnostics completed = model.fit(DIGITS, Fit.epochs(2).batch(64).adam(0.01).validation(validation).quiet())
                .diagnostics();
        History interrupted = model.fit(DIGITS, Fit.epochs(3).batch(64).adam(0.01).validation(validation).quiet()
                .listener(new org.mlplab.train.TrainingListener() {
                    @Override
                    public void onEpoch(Network m, History soFar) {
                        Thread.currentThread().interrupt();   // lands after the first (full) batch of epoch 2
                    }
                }));
        Thread.interrupted();
        assertEndHistogramsCount(completed, "epoch 2", lastBatch);
        assertEndHistogramsCount(interrupted.diagnostics(), "interrupted in epoch 2", 64);
    }

    /** The histograms of moment {@code end} hold one value per unit of each of {@code rows} rows. */
    private static void assertEndHistogramsCount(Diagnostics d, String end, int rows) {
        assertEquals(end, d.histogramMoments().get(d.histogramMoments().size() - 1));
        for (Histogram h : d.histograms()) {
            if (h.moment().equals(end)) {
                assertEquals(rows * (h.layer() == 1 ? 16 : 10), h.total(), end + ": " + h.kind() + " of layer " + h.layer());
            }
        }
    }

    @Test
    void statisticsExportAsALongTable() {
        Mlp model = Mlp.input(64).dense(8, Activation.RELU).dense(10, Activation.SOFTMAX).seed(3).build();
        Diagnostics d = model.fit(DIGITS, Fit.epochs(2).batch(256).adam(0.01).diagnostics(3).quiet()).diagnostics();
        Table table = d.toTable();
        assertEquals(List.of("layer", "epoch", "step", "statistic", "value"), table.columnNames());
        long relu = d.stats(1).size();
        long softmax = d.stats(2).size();
        // ReLU layers have 8 applicable statistics (no saturation), softmax 7 (neither saturation nor dead)
        assertEquals(relu * 8 + softmax * 7, table.rowCount());
        assertEquals(d.stats(1).get(0).weightGradientNorm(),
                table.where(table.stringColumn("statistic").isEqualTo("weight_gradient_norm")).doubleColumn("value").get(0));
    }

    @Test
    void theInitialLossIsComparedWithMinusLogOneOverClasses() {
        Mlp model = Mlp.input(64).dense(32, Activation.TANH).dense(10, Activation.SOFTMAX).init(Init.XAVIER).seed(4)
                .build();
        Diagnostics d = model.fit(DIGITS, Fit.epochs(1).quiet()).diagnostics();
        assertEquals(Math.log(10), d.expectedInitialLoss(), 1e-15);
        assertTrue(d.initialisationCheck().contains("(fine)"), d.initialisationCheck());
        Mlp hot = Mlp.input(64).dense(32, Activation.TANH).dense(10, Activation.SOFTMAX).init(Init.normal(3)).seed(4)
                .build();
        String check = hot.fit(DIGITS, Fit.epochs(1).quiet()).diagnostics().initialisationCheck();
        assertTrue(check.contains("too high"), check);
    }

    @Test
    void diagnosticsCanBeSwitchedOff() {
        Mlp model = Mlp.input(64).dense(10, Activation.SOFTMAX).seed(5).build();
        History history = model.fit(DIGITS, Fit.epochs(1).noDiagnostics().quiet());
        assertThrows(IllegalStateException.class, history::diagnostics);
    }
}
