package org.mlplab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlplab.RealData;
import org.mlplab.data.Datasets;
import org.mlplab.data.Split;
import org.mlplab.data.TableData;
import org.mlplab.diagnostics.Finding;
import org.mlplab.diagnostics.GradientCheck;
import org.mlplab.model.Mlp;
import org.mlplab.train.Fit;

/** Batch normalisation and residual layers: their backward passes, their modes, and that they cure a deep sigmoid net. */
class RemedyLayersTest {
    private static final Split DIGITS = TableData.of(Datasets.digits()).target("digit").standardize().split(0.8, 42);

    private static Mlp mixed() {
        return Mlp.input(64).dense(16, Activation.TANH).batchNorm().residual().dense(16, Activation.SIGMOID).batchNorm()
                .residual().dense(16, Activation.RELU).residual().dropout(0.2).dense(10, Activation.SOFTMAX).seed(5).build();
    }

    /** Training mode (batch statistics, masks held fixed): every parameter, γ and β included, against finite differences. */
    @Test
    void theTrainingModeBackwardPassMatchesFiniteDifferences() {
        Network net = mixed();
        for (FixedMaskGradients.Error e : FixedMaskGradients.of(net, Batch.of(net, RealData.digits().rows(0, 12)), 3)) {
            // b1 and b2 come before batch normalisation, which subtracts them again: their gradient is 0
            boolean bothZero = e.scale() < 1e-8;   // finite differences of a constant: rounding noise only
            assertTrue(bothZero || e.relative() < 1e-6, e.parameter() + ": relative error " + e.relative());
        }
        assertEquals(java.util.List.of("W1", "b1", "γ1", "β1", "P1", "W2", "b2", "γ2", "β2", "W3", "b3", "W4", "b4"),
                net.parameters().stream().map(Parameter::name).toList());
    }

    /** Inference mode (running statistics) after some training: the library's own gradient check passes. */
    @Test
    void theInferenceModeBackwardPassPassesTheGradientCheck() {
        Mlp model = mixed();
        model.fit(DIGITS.train(), Fit.epochs(2).adam(0.01).quiet());
        assertNotEquals(0.0, model.layer(0).runningMean().orElseThrow()[0], "the running mean moved");
        GradientCheck check = GradientCheck.of(model, DIGITS.test().rows(0, 16));
        assertTrue(check.passed(), check.toString());
    }

    @Test
    void aPredictionDoesNotDependOnTheOtherRows() {
        Mlp model = mixed();
        model.fit(DIGITS.train(), Fit.epochs(2).adam(0.01).quiet());
        double[][] together = model.predict(DIGITS.test().rows(0, 20));
        double[][] alone = model.predict(DIGITS.test().rows(3, 4));
        assertArrayEquals(together[3], alone[0], 1e-12, "running statistics, not the batch's");
    }

    /**
     * The ten-layer sigmoid network with N(0, 1) weights of notebook 3 (plain SGD, 10 epochs): its
     * gradients vanish and it learns nothing. Batch normalisation makes the gradients flow (the
     * verdict no longer says vanishing); residual connections carry them through the hidden layers
     * and it learns, but the sums they add grow layer by layer and saturate the sigmoids, which the
     * verdict names.
     */
    @Test
    void batchNormAndResidualConnectionsHelpTheDeepSigmoidNetwork() {
        Run plain = deep(false, false);
        Run normalised = deep(true, false);
        Run residual = deep(false, true);
        assertTrue(plain.accuracy < 0.2 && plain.vanishing, "plain: " + plain);
        assertTrue(normalised.accuracy > 0.4 && !normalised.vanishing, "batch norm: " + normalised);
        assertTrue(residual.accuracy > 2 * plain.accuracy && !residual.vanishing, "residual: " + residual);
        assertTrue(residual.verdict.startsWith("saturated units"), "the skips' sums saturate the sigmoids: " + residual);
    }

    private record Run(double accuracy, boolean vanishing, String verdict) {
    }

    private static Run deep(boolean batchNorm, boolean residual) {
        Network.Builder<Mlp> b = Mlp.input(64).init(Init.normal(1)).seed(1);
        for (int l = 0; l < 9; l++) {
            b.dense(32, Activation.SIGMOID);
            if (batchNorm) {
                b.batchNorm();
            }
            if (residual && l > 0) {   // the first layer maps 64 inputs to 32 units: no skip
                b.residual();
            }
        }
        Mlp model = b.dense(10, Activation.SOFTMAX).build();
        var verdict = model.fit(DIGITS.train(), Fit.epochs(10).batch(32).sgd(0.01).quiet()).diagnostics().verdict();
        return new Run(model.evaluate(DIGITS.test()).value(),
                verdict.findings().stream().anyMatch(f -> f.status() == Finding.Status.VANISHING), verdict.toString());
    }

    @Test
    void itTrainsInFloatToo() {
        Mlp model = mixed();
        model.fit(DIGITS.train(), Fit.epochs(15).adam(0.003).precision(Precision.FLOAT).quiet());
        assertTrue(model.evaluate(DIGITS.test()).value() > 0.9, model.evaluate(DIGITS.test()).toString());
    }

    @Test
    void savedAndLoadedTheyPredictTheSame(@TempDir Path dir) throws Exception {
        Mlp model = mixed();
        model.fit(DIGITS.train(), Fit.epochs(2).adam(0.01).quiet());
        Path file = dir.resolve("model.json");
        model.save(file);
        assertTrue(Files.readString(file).contains("\"version\": 2"));
        Mlp loaded = Mlp.load(file);
        assertArrayEquals(model.predict(DIGITS.test().rows(0, 30)), loaded.predict(DIGITS.test().rows(0, 30)));
        assertArrayEquals(model.layer(1).runningVariance().orElseThrow(), loaded.layer(1).runningVariance().orElseThrow());
        assertTrue(loaded.toString().contains("sigmoid, batch norm, residual"), loaded.toString());
        assertTrue(loaded.toString().matches("(?s).*layer 2 batch norm: γ [-\\d.e]+ ± [\\d.e-]+, β .*, running mean .*, "
                + "running variance .*"), loaded.toString());
        assertTrue(loaded.toHtml().contains("<p>layer 1 batch norm: γ "), loaded.toHtml());
        assertEquals(model.parameterCount(), loaded.parameterCount());
        Mlp copy = model.copy();
        assertArrayEquals(model.predict(DIGITS.test().rows(0, 30)), copy.predict(DIGITS.test().rows(0, 30)));
    }

    @Test
    void aResidualLayerOfAnotherWidthProjectsItsInput() {
        Mlp model = Mlp.input(64).dense(32, Activation.RELU).residual().dense(10, Activation.SOFTMAX).seed(2).build();
        Parameter p = model.layer(0).projection().orElseThrow();
        assertEquals(List.of(64, 32), List.of(p.rows(), p.cols()));
        assertEquals(64 * 32 + 32 + 64 * 32 + 32 * 10 + 10, model.parameterCount());
        assertTrue(model.toString().contains("relu, residual (projected)"), model.toString());
        assertTrue(model.layer(0).projection().isPresent() && Mlp.input(32).dense(32, Activation.RELU).residual()
                .dense(2, Activation.SOFTMAX).build().layer(0).projection().isEmpty(), "same width: the identity");
    }

    /** The memory check before building counts γ, β and a projection with the weights. */
    @Test
    void theMemoryCheckCountsEveryParameter() {
        var e = assertThrows(IllegalArgumentException.class, () -> Mlp.input(50_000).dense(40_000, Activation.RELU)
                .batchNorm().residual().dense(2, Activation.SOFTMAX).build());
        assertTrue(e.getMessage().startsWith("the model's 4,000,200,002 parameters need about"), e.getMessage());
    }

    @Test
    void impossibleUsesSayWhatToDo() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Mlp.input(4).dense(3, Activation.SOFTMAX).batchNorm().build());
        assertTrue(e.getMessage().startsWith("batch normalisation belongs to hidden layers"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mlp.input(4).batchNorm());
    }
}
