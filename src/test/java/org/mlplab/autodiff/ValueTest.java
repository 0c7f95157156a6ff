package org.mlplab.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mlplab.data.Dataset;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Batch;

class ValueTest {

    /** One tanh neuron, worked by hand: o = tanh(x1 w1 + x2 w2 + b) = 1/√2, so 1 - o² = 1/2. */
    @Test
    void theGradientsOfOneNeuronAreTheChainRuleWorkedByHand() {
        Value x1 = Value.of(2, "x1");
        Value x2 = Value.of(0, "x2");
        Value w1 = Value.of(-3, "w1");
        Value w2 = Value.of(1, "w2");
        Value b = Value.of(0.5 * Math.log(3 + 2 * Math.sqrt(2)) + 6, "b");   // n = atanh(1/√2)
        Value o = Value.sum(List.of(x1.times(w1), x2.times(w2), b)).named("n").tanh().named("o");
        o.backward();
        assertEquals(Math.sqrt(0.5), o.data(), 1e-12);
        assertEquals(1, o.grad());
        assertEquals(0.5, b.grad(), 1e-12);
        assertEquals(-1.5, x1.grad(), 1e-12);   // w1 (1 - o²)
        assertEquals(1.0, w1.grad(), 1e-12);    // x1 (1 - o²)
        assertEquals(0.5, x2.grad(), 1e-12);
        assertEquals(0.0, w2.grad(), 1e-12);
    }

    @Test
    void aValueUsedTwiceGetsTheGradientOfBothPathsAndARepeatedBackwardStartsAfresh() {
        Value a = Value.of(3, "a");
        Value square = a.times(a);
        Value twice = a.plus(a).plus(square);
        twice.backward();
        assertEquals(2 + 6, a.grad(), 1e-12);
        twice.backward();
        assertEquals(2 + 6, a.grad(), 1e-12);
    }

    @Test
    void eachOperationsLocalDerivativeAgreesWithFiniteDifferences() {
        Map<String, Function<Value, Value>> operations = Map.of(
                "exp", Value::exp, "log", Value::log, "tanh", Value::tanh, "relu", v -> v.apply(Activation.RELU),
                "minus", v -> Value.of(1.5, "c").minus(v), "times 3", v -> v.times(3.0),
                "times itself", v -> v.times(v), "sigmoid", v -> v.apply(Activation.SIGMOID));
        double h = 1e-6;
        operations.forEach((name, f) -> {
            Value x = Value.of(0.7, "x");
            Value y = f.apply(x);
            y.backward();
            double numeric = (f.apply(Value.of(0.7 + h, "x")).data() - f.apply(Value.of(0.7 - h, "x")).data()) / (2 * h);
            assertEquals(numeric, x.grad(), 1e-8, name);
        });
    }

    @Test
    void theBackwardPassReachesAValueOnlyAfterEveryValueComputedFromIt() {
        Value loss = NetworkGraph.loss(Mlp.input(2).dense(3, Activation.TANH).dense(2, Activation.SOFTMAX).seed(1).build(),
                new double[] {0.5, -1}, new double[] {0, 1});
        loss.backward();
        List<Value> graph = loss.graph();
        assertEquals(1, loss.backwardStep());
        assertEquals(graph.size(), graph.stream().mapToInt(Value::backwardStep).max().orElseThrow());
        for (Value v : graph) {
            for (Value input : v.inputs()) {
                assertTrue(input.backwardStep() > v.backwardStep(), input + " before " + v);
            }
        }
    }

    @Test
    void aNetworksGraphHasTheEnginesLossAndGradients() {
        assertEnginesNumbers(Mlp.input(2).dense(3, Activation.TANH).dense(2, Activation.SOFTMAX).seed(3).build(),
                new double[] {0.4, -1.3}, new double[] {0, 1},
                Dataset.classification(new double[][] {{0.4, -1.3}}, new int[] {1}));
        assertEnginesNumbers(Mlp.input(3).dense(4, Activation.RELU).dense(2, Activation.SIGMOID).dense(1, Activation.IDENTITY)
                .seed(5).build(), new double[] {1.0, -0.5, 2.0}, new double[] {0.7},
                Dataset.regression(new double[][] {{1.0, -0.5, 2.0}}, new double[] {0.7}));
    }

    @Test
    void whatTheGraphCannotWriteOutIsRefusedWithTheReason() {
        Mlp normalised = Mlp.input(2).dense(3, Activation.TANH).batchNorm().dense(2, Activation.SOFTMAX).build();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NetworkGraph.loss(normalised, new double[] {1, 2}, new double[] {1, 0})).getMessage()
                .contains("layer 1 has batch normalisation"));
        Mlp model = Mlp.input(2).dense(2, Activation.SOFTMAX).build();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NetworkGraph.loss(model, new double[] {1, 2, 3}, new double[] {1, 0})).getMessage()
                .contains("got 3 features"));
        assertThrows(IllegalArgumentException.class, () -> Value.of(Double.NaN, "x"));
        assertThrows(ArithmeticException.class, () -> Value.of(-1, "x").log());
        assertThrows(IllegalArgumentException.class, () -> Value.of(1, "x").apply(Activation.SOFTMAX));
    }

    /** {@code sample}: {@code x} and {@code t} as the engine's one-row dataset. */
    private static void assertEnginesNumbers(Mlp model, double[] x, double[] t, Dataset sample) {
        Value loss = NetworkGraph.loss(model, x, t);
        loss.backward();
        assertEquals(model.loss(Batch.of(model, sample)), loss.data(), 1e-12, "the loss");
        Map<String, Value> nodes = loss.graph().stream().filter(v -> !v.label().isEmpty())
                .collect(Collectors.toMap(Value::label, v -> v, (first, second) -> first));
        model.gradients(sample).forEach((name, gradient) -> {
            for (int i = 0; i < gradient.length; i++) {
                for (int j = 0; j < gradient[i].length; j++) {
                    String label = name.startsWith("b") ? name + "[" + j + "]" : name + "[" + i + "][" + j + "]";
                    assertEquals(gradient[i][j], nodes.get(label).grad(), 1e-12, label);
                }
            }
        });
    }
}
