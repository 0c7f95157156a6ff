package org.mlplab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlplab.data.Dataset;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Init;
import org.mlplab.optim.Optimizer;

/** Networks learn real problems to stated thresholds. */
class LearningTest {

    @Test
    void xorIsLearnedByATwoFourOneNetwork() {
        Mlp model = Mlp.input(2).dense(4, Activation.TANH).dense(1, Activation.SIGMOID).seed(1).build();
        History history = model.fit(Problems.xor(), Fit.epochs(1000).batch(4).adam(0.05).quiet());
        assertArrayEquals(new int[] {0, 1, 1, 0}, model.predictClasses(Problems.xor().x()));
        assertEquals(1.0, history.last().metric());
        assertTrue(history.last().loss() < 0.05, "final loss " + history.last().loss());
    }

    @Test
    void xorWithSoftmaxOutput() {
        Mlp model = Mlp.input(2).dense(8, Activation.RELU).dense(2, Activation.SOFTMAX).init(Init.HE).seed(3).build();
        model.fit(Problems.xor(), Fit.epochs(500).batch(2).adam(0.02).quiet());
        assertArrayEquals(new int[] {0, 1, 1, 0}, model.predictClasses(Problems.xor().x()));
    }

    @Test
    void noisySineRegressionReachesRSquaredAbove095() {
        Dataset train = Problems.noisySine(400, 11);
        Dataset test = Problems.noisySine(200, 12);
        Mlp model = Mlp.input(1).dense(32, Activation.TANH).dense(32, Activation.TANH).dense(1, Activation.IDENTITY)
                .seed(5).build();
        History history = model.fit(train, Fit.epochs(300).batch(32).adam(0.01).validation(test).quiet());
        Evaluation evaluation = model.evaluate(test);
        // noise variance 0.01 against signal variance 0.5: the best possible R² is about 0.98
        assertTrue(evaluation.value() > 0.95, "test " + evaluation);
        assertEquals("r2", evaluation.metric());
        assertEquals(evaluation.loss(), history.last().validationLoss(), 1e-12);
        // R² = 1 - SSE/SST recomputed from the predictions
        double[][] predicted = model.predict(test.x());
        double[][] actual = test.y();
        double mean = java.util.Arrays.stream(actual).mapToDouble(r -> r[0]).average().orElseThrow();
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < actual.length; i++) {
            sse += Math.pow(predicted[i][0] - actual[i][0], 2);
            sst += Math.pow(actual[i][0] - mean, 2);
        }
        assertEquals(1 - sse / sst, evaluation.value(), 1e-9);
        assertEquals(sse / actual.length, evaluation.loss(), 1e-9, "mse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"})
    void everyOptimizerLearnsThreeBlobs(String name) {
        Dataset train = Problems.blobs(100, 21);
        Dataset test = Problems.blobs(50, 22);
        double lr = name.equals("sgd") ? 0.1 : name.startsWith("adam") || name.equals("rmsprop") ? 0.01 : 0.05;
        Mlp model = Mlp.input(2).dense(16, Activation.RELU).dense(3, Activation.SOFTMAX).init(Init.HE).seed(8).build();
        double before = model.evaluate(train).loss();
        History history = model.fit(train, Fit.epochs(40).batch(16).optimizer(Optimizer.parse(name, lr)).quiet());
        assertTrue(history.last().loss() < before / 2, name + ": loss " + before + " → " + history.last().loss());
        assertTrue(model.evaluate(test).value() > 0.9, name + ": " + model.evaluate(test));
    }
}
