package org.mlplab.train;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mlplab.data.Dataset;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Loss;
import org.mlplab.nn.Parameter;
import org.mlplab.nn.Precision;

/** Each kind of bad input gets a clear error and changes nothing. */
class BadInputTest {
    private final Mlp model = Mlp.input(2).dense(4, Activation.RELU).dense(3, Activation.SOFTMAX).seed(1).build();

    private void assertRejectedUnchanged(Executable call, String... phrases) {
        List<double[]> before = model.parameters().stream().map(Parameter::copyValues).toList();
        var e = assertThrows(IllegalArgumentException.class, call);
        for (String phrase : phrases) {
            assertTrue(e.getMessage().contains(phrase), "'" + e.getMessage() + "' should mention '" + phrase + "'");
        }
        List<double[]> after = model.parameters().stream().map(Parameter::copyValues).toList();
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), "the model must be unchanged");
        }
    }

    @Test
    void aModelTooLargeForTheHeapOrForAnArrayIsRefusedBeforeAllocating() {
        var heap = assertThrows(IllegalArgumentException.class,
                () -> Mlp.input(13).dense(100_000_000, Activation.RELU).dense(3, Activation.SOFTMAX).build());
        assertTrue(heap.getMessage().matches("the model's 1,700,000,003 parameters need about 64,849 MB \\(40 bytes each: "
                + "value, gradient and the optimiser's state\\), but the Java heap has [0-9,]+ MB free of [0-9,]+ MB: use "
                + "fewer or smaller layers, or give Java more memory \\(-Xmx\\)"), heap.getMessage());
        var array = assertThrows(IllegalArgumentException.class,
                () -> Mlp.input(100_000).dense(100_000, Activation.RELU).dense(3, Activation.SOFTMAX).build());
        assertTrue(array.getMessage().startsWith("layer 1 would have 100000 × 100000 = 10,000,000,000 weights, more than "
                + "one Java array holds"), array.getMessage());
    }

    @Test
    void aRunWhoseActivationsCannotFitIsRefusedBeforeTraining() {
        Mlp wide = Mlp.input(2).dense(2_000_000, Activation.RELU).dense(3, Activation.SOFTMAX).build();
        Dataset data = Dataset.classification(new double[100_000][2], new int[100_000]);
        var e = assertThrows(IllegalArgumentException.class,
                () -> wide.fit(data, Fit.epochs(1).batch(100_000).quiet()));
        assertTrue(e.getMessage().matches("training needs about 4[0-9,]+ MB for the activations of 100,000 rows × "
                + "2,000,005 units, but the Java heap has .*-Xmx\\)"), e.getMessage());
    }

    @Test
    void nullArgumentsSayWhatToGive() {
        Dataset data = Dataset.classification(new double[][] {{0, 0}, {1, 1}}, new int[] {0, 1});
        List<Map.Entry<String, Executable>> cases = List.of(
                entry("the training data is null: give a Dataset", () -> model.fit(null, Fit.epochs(1))),
                entry("the Fit is null: give one", () -> model.fit(data, null)),
                entry("the evaluation data is null: give a Dataset", () -> model.evaluate(null)),
                entry("the rows to predict are null", () -> model.predict((double[][]) null)),
                entry("the features are null", () -> Dataset.classification(null, new int[] {0})),
                entry("the labels are null", () -> Dataset.classification(new double[][] {{1}}, null)),
                entry("row 0 of the features is null",
                        () -> Dataset.classification(new double[][] {null}, new int[] {0})),
                entry("the targets are null", () -> Dataset.regression(new double[][] {{1}}, (double[]) null)),
                entry("the table is null: give a Tablesaw Table", () -> org.mlplab.data.TableData.of(null)),
                entry("the data is null: give a Dataset", () -> ConfusionMatrix.of(model, null)),
                entry("the function is null",
                        () -> org.mlplab.diagnostics.GradientCheck.derivative(null, z -> z)),
                entry("the model file's path is null", () -> Mlp.load(null)),
                entry("the model file's path is null", () -> model.save(null)),
                entry("the activation is null: give one", () -> Mlp.input(2).dense(3, null)),
                entry("the initialiser is null: give one", () -> Mlp.input(2).init(null)),
                entry("the loss is null: give one", () -> Mlp.input(2).loss(null)),
                entry("the optimiser is null: give one", () -> Fit.epochs(1).optimizer(null)),
                entry("the schedule is null: give one", () -> Fit.epochs(1).schedule(null)),
                entry("the validation data is null: give a Dataset", () -> Fit.epochs(1).validation(null)),
                entry("the listener is null", () -> Fit.epochs(1).listener(null)),
                entry("the precision is null", () -> Fit.epochs(1).precision(null)));
        cases.forEach(c -> {
            String message = c.getKey();
            var e = assertThrows(NullPointerException.class, c.getValue());
            assertTrue(e.getMessage().startsWith(message), "'" + e.getMessage() + "' should start with '" + message + "'");
        });
    }

    @Test
    void inputWidthNotMatchingTheFirstLayer() {
        Dataset wide = Dataset.classification(new double[][] {{1, 2, 3}}, new int[] {0});
        assertRejectedUnchanged(() -> model.fit(wide, Fit.epochs(1).quiet()), "expects 2 input features", "has 3");
        assertRejectedUnchanged(() -> model.predict(new double[][] {{1, 2, 3}}), "row 0 has 3 values");
    }

    @Test
    void labelsOutOfRange() {
        Dataset fourClasses = Dataset.classification(new double[][] {{1, 2}, {3, 4}}, new int[] {0, 3});
        assertRejectedUnchanged(() -> model.fit(fourClasses, Fit.epochs(1).quiet()), "labels out of range", "4 classes");
        Dataset valid = Dataset.classification(new double[][] {{1, 2}}, new int[] {0});
        assertRejectedUnchanged(() -> model.fit(valid, Fit.epochs(1).validation(fourClasses).quiet()), "validation data");
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification(new double[][] {{1, 2}}, new int[] {-1}), "negative labels");
    }

    @Test
    void nanOrInfinityInInputs() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification(new double[][] {{1, 2}, {Double.NaN, 0}}, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.regression(new double[][] {{1, 2}}, new double[] {Double.POSITIVE_INFINITY}));
        assertRejectedUnchanged(() -> model.predict(new double[][] {{1, Double.NaN}}), "NaN", "row 0");
    }

    @Test
    void emptyData() {
        var e = assertThrows(IllegalArgumentException.class, () -> Dataset.classification(new double[0][], new int[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertRejectedUnchanged(() -> model.predict(new double[0][]), "no rows");
    }

    @Test
    void crossEntropyWithoutAProbabilityOutputIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Mlp.input(2).dense(3, Activation.RELU).loss(Loss.SOFTMAX_CROSS_ENTROPY).build());
        assertTrue(e.getMessage().contains("softmax output"), e.getMessage());
        Mlp warned = Mlp.input(2).dense(3, Activation.SOFTMAX).loss(Loss.MSE).build();
        assertTrue(warned.warning().contains("prefer cross_entropy"), warned.warning());
        assertTrue(warned.toString().contains("warning"), warned.toString());
    }

    @Test
    void regressionTargetsWithACrossEntropyModel() {
        Dataset regression = Dataset.regression(new double[][] {{1, 2}}, new double[] {0.5});
        assertRejectedUnchanged(() -> model.fit(regression, Fit.epochs(1).quiet()), "needs class labels");
    }

    /** A model trained from a table keeps its encoding (and weights) when a later fit is refused. */
    @Test
    void aRefusedFitKeepsTheEncodingOfTheLastTable() {
        var iris = org.mlplab.data.TableData.of(org.mlplab.data.Datasets.iris()).target("species").split(0.8, 1);
        Mlp tableModel = Mlp.input(4).dense(3, Activation.SOFTMAX).seed(2).build();
        tableModel.fit(iris.train(), Fit.epochs(1).quiet());
        var encoding = tableModel.encoding().orElseThrow();
        double[] weights = tableModel.layer(0).weights().copyValues();
        Dataset wine = org.mlplab.data.TableData.of(org.mlplab.data.Datasets.wine()).target("cultivar").all();
        var e = assertThrows(IllegalArgumentException.class, () -> tableModel.fit(wine, Fit.epochs(1).quiet()));
        assertTrue(e.getMessage().contains("expects 4 input features"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertEquals(encoding, tableModel.encoding().orElseThrow());
        assertArrayEquals(weights, tableModel.layer(0).weights().copyValues());
    }

    @Test
    void badSettings() {
        assertThrows(IllegalArgumentException.class, () -> Fit.epochs(0));
        assertThrows(IllegalArgumentException.class, () -> Fit.epochs(1).batch(0));
        assertThrows(IllegalArgumentException.class, () -> Fit.epochs(1).adam(-1));
        var noPrecision = assertThrows(NullPointerException.class, () -> Fit.epochs(1).precision(null));
        assertTrue(noPrecision.getMessage().contains("Precision.FLOAT"), noPrecision.getMessage());
        assertEquals(Precision.FLOAT, Fit.epochs(1).precision(), "the default");
        assertFalse(Fit.epochs(1).toString().contains("trained in"), Fit.epochs(1).toString());
        assertTrue(Fit.epochs(1).precision(Precision.DOUBLE).toString().contains("trained in double"));
        var unknown = assertThrows(IllegalArgumentException.class, () -> Precision.parse("half"));
        assertTrue(unknown.getMessage().contains("use double or float"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mlp.input(2).build());
        assertThrows(IllegalArgumentException.class,
                () -> Mlp.input(2).dense(3, Activation.SOFTMAX).dense(2, Activation.SOFTMAX).build());
    }
}
