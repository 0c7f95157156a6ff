package org.mlplab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlplab.RealData;
import org.mlplab.data.Dataset;
import org.mlplab.diagnostics.Diagnostics;
import org.mlplab.diagnostics.GradientCheck;
import org.mlplab.internal.MatMul;
import org.mlplab.io.ModelFile;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Parameter;
import org.mlplab.nn.Precision;

/**
 * Nothing of a {@code float} training run outlives it: every {@code double} path afterwards gives
 * what the same weights give in a model that never trained in {@code float} (its copy).
 */
class DoubleAfterFloatTest {
    private static final Dataset DIGITS = RealData.digits();
    private static final Dataset BATCH = DIGITS.rows(0, 100);

    private static Mlp trainedInFloat() {
        Mlp model = Mlp.input(64).dense(32, Activation.TANH).dense(10, Activation.SOFTMAX).seed(7).build();
        model.fit(DIGITS, Fit.epochs(2).batch(64).adam(0.01).precision(Precision.FLOAT).noDiagnostics().quiet());
        return model;
    }

    @Test
    void theFloatRunReallyRanInFloat() {
        Mlp inDouble = Mlp.input(64).dense(32, Activation.TANH).dense(10, Activation.SOFTMAX).seed(7).build();
        inDouble.fit(DIGITS, Fit.epochs(2).batch(64).adam(0.01).precision(Precision.DOUBLE).noDiagnostics().quiet());
        Mlp inFloat = trainedInFloat();
        if (MatMul.hasFloat32()) {   // with a native BLAS; without one FLOAT trains in double
            assertNotEquals(inDouble.layer(0).weights().get(0), inFloat.layer(0).weights().get(0));
        } else {
            assertEquals(inDouble.layer(0).weights().get(0), inFloat.layer(0).weights().get(0));
        }
    }

    @Test
    void normsAndGradientsAfterwardsAreTheDoubleOnes() {
        Mlp model = trainedInFloat();
        Mlp twin = model.copy();
        for (int i = 0; i < model.parameters().size(); i++) {
            assertEquals(twin.parameters().get(i).norm(), model.parameters().get(i).norm(), "‖W‖ of " + i);
        }
        Map<String, double[][]> gradients = model.gradients(BATCH);
        Map<String, double[][]> expected = twin.gradients(BATCH);
        for (Parameter p : model.parameters()) {
            assertArrayEquals(expected.get(p.name()), gradients.get(p.name()), p.name());
            assertArrayEquals(expected.get(p.name()), p.gradientArray(), p.name());
            assertEquals(norm(expected.get(p.name())), p.gradientNorm(), 1e-12, "‖∂L/∂" + p.name() + "‖");
        }
    }

    @Test
    void diagnosticsBeforeTrainingAndTheGradientCheckSeeTheDoubleWeights() {
        Mlp model = trainedInFloat();
        Mlp twin = model.copy();
        assertEquals(Diagnostics.beforeTraining(twin, BATCH).stats(), Diagnostics.beforeTraining(model, BATCH).stats());
        assertEquals(GradientCheck.of(twin, BATCH.rows(0, 8)).results(), GradientCheck.of(model, BATCH.rows(0, 8)).results());
    }

    @Test
    void predictionsEvaluationAndTheSavedModelAreTheDoubleOnes() {
        Mlp model = trainedInFloat();
        Mlp twin = model.copy();
        assertArrayEquals(twin.predict(BATCH), model.predict(BATCH));
        assertEquals(twin.evaluate(DIGITS).value(), model.evaluate(DIGITS).value());
        assertEquals(ModelFile.toJson(twin), ModelFile.toJson(model), "the saved model");
    }

    @Test
    void aDoubleRunAfterAFloatRunReportsItsOwnUpdate() {
        Mlp model = trainedInFloat();
        Parameter w1 = model.layer(0).weights();
        double[] before = w1.copyValues();
        model.fit(BATCH, Fit.epochs(1).batch(BATCH.size()).sgd(0.1).noDiagnostics().quiet());
        double[] after = w1.copyValues();
        double squares = 0;
        for (int i = 0; i < before.length; i++) {
            squares += (after[i] - before[i]) * (after[i] - before[i]);
        }
        assertEquals(Math.sqrt(squares), w1.lastUpdateNorm(), 1e-12, "‖W_new - W_old‖ of the one double step");
        assertEquals(norm(w1.toArray()), w1.norm(), 1e-12);
    }

    /** The arrays a caller is given are copies: they never change under them as training goes on. */
    @Test
    void viewsDoNotChangeUnderTheCaller() {
        Mlp model = trainedInFloat();
        Dense first = model.layer(0);
        double[][] weights = first.weights().toArray();
        double[][] kept = first.weights().toArray();
        model.gradients(BATCH);
        double[][] activations = first.a();
        double[][] keptActivations = first.a();
        model.fit(DIGITS, Fit.epochs(1).batch(64).adam(0.01).precision(Precision.FLOAT).noDiagnostics().quiet());
        assertArrayEquals(kept, weights);
        assertArrayEquals(keptActivations, activations);
        assertEquals(List.of(100, 32), List.of(activations.length, activations[0].length));
    }

    private static double norm(double[][] values) {
        double squares = 0;
        for (double[] row : values) {
            for (double v : row) {
                squares += v * v;
            }
        }
        return Math.sqrt(squares);
    }
}
