package org.mlplab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlplab.nn.Activation.IDENTITY;
import static org.mlplab.nn.Activation.RELU;
import static org.mlplab.nn.Activation.SOFTMAX;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlplab.data.Dataset;
import org.mlplab.data.Datasets;
import org.mlplab.data.Predictions;
import org.mlplab.data.Split;
import org.mlplab.data.TableData;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Init;
import org.mlplab.nn.Precision;
import org.mlplab.train.Fit;
import tech.tablesaw.api.Table;

/** Every bundled dataset trains to a sensible accuracy, from a Tablesaw table. */
class LearningOnRealDataTest {
    @TempDir
    Path dir;

    private static Mlp classifier(int inputs, int hidden, int classes, long seed) {
        return Mlp.input(inputs).dense(hidden, RELU).dense(classes, SOFTMAX).init(Init.HE).seed(seed).build();
    }

    /** Mean test accuracy over a stratified 5-fold cross-validation. */
    private static double crossValidated(Table table, String target, int hidden, Fit fit) {
        List<Split> folds = TableData.of(table).target(target).standardize().kFold(5, 42);
        return folds.stream().mapToDouble(s -> {
            Mlp model = classifier(s.train().features(), hidden, s.train().outputs(), 42);
            model.fit(s.train(), fit);
            return model.evaluate(s.test()).value();
        }).average().orElseThrow();
    }

    @Test
    void irisReaches93PercentOnAStratified8020Split() {
        Split iris = TableData.of(Datasets.iris()).target("species").standardize().split(0.8, 42);
        Mlp model = classifier(4, 16, 3, 42);
        model.fit(iris.train(), Fit.epochs(200).batch(16).adam(0.01).quiet());
        double accuracy = model.evaluate(iris.test()).value();
        assertTrue(accuracy >= 0.93, "iris test accuracy " + accuracy);
    }

    @Test
    void wineReaches95PercentCrossValidated() {
        double accuracy = crossValidated(Datasets.wine(), "cultivar", 16, Fit.epochs(60).batch(16).adam(0.003).l2(0.01).quiet());
        assertTrue(accuracy >= 0.95, "wine 5-fold accuracy " + accuracy);
    }

    @Test
    void breastCancerReaches95PercentCrossValidated() {
        double accuracy = crossValidated(Datasets.breastCancer(), "diagnosis", 16,
                Fit.epochs(60).batch(16).adam(0.003).l2(0.01).quiet());
        assertTrue(accuracy >= 0.95, "breast cancer 5-fold accuracy " + accuracy);
    }

    /** In both precisions of the products; a float32 run is as reproducible as a double one. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void digitsReach95Percent(Precision precision) {
        Split digits = TableData.of(Datasets.digits()).target("digit").standardize().split(0.8, 42);
        Fit fit = Fit.epochs(30).batch(32).adam(0.001).precision(precision).quiet();
        Mlp model = classifier(64, 64, 10, 42);
        model.fit(digits.train(), fit);
        double accuracy = model.evaluate(digits.test()).value();
        assertTrue(accuracy >= 0.95, "digits test accuracy " + accuracy + " with " + precision + " products");
        Mlp again = classifier(64, 64, 10, 42);
        again.fit(digits.train(), fit);
        assertArrayEquals(model.layer(0).weights().toArray(), again.layer(0).weights().toArray(),
                "two runs with the same seed end with the same weights");
    }

    @Test
    void diabetesRegressionReachesRSquared04() {
        Split diabetes = TableData.of(Datasets.diabetes()).target("progression").standardize().split(0.8, 42);
        Mlp model = Mlp.input(10).dense(16, RELU).dense(1, IDENTITY).init(Init.HE).seed(42).build();
        model.fit(diabetes.train(), Fit.epochs(300).batch(32).adam(0.01).quiet());
        double r2 = model.evaluate(diabetes.test()).value();
        // linear regression reaches about 0.45-0.5 on this data; R² 0.4 means the network learned the signal
        assertTrue(r2 >= 0.4, "diabetes test R² " + r2);
        Table predictions = Predictions.table(diabetes.test(), model.predict(diabetes.test()));
        assertEquals(List.of("actual", "predicted"), predictions.columnNames());
        assertEquals(diabetes.test().size(), predictions.rowCount());
        assertEquals(diabetes.test().y()[0][0], predictions.doubleColumn("actual").get(0), 0.0);
        assertEquals(model.predict(diabetes.test())[0][0], predictions.doubleColumn("predicted").get(0), 0.0);
    }

    /**
     * The same rows trained twice: once straight from a Tablesaw table (TableData's encoding), once
     * from arrays standardised here by hand with plain loops. Same accuracy, same predictions.
     */
    @Test
    void aModelTrainedFromATableMatchesOneTrainedFromArrays() {
        Table wine = Datasets.wine();
        int[] testRows = IntStream.range(0, wine.rowCount()).filter(r -> r % 5 == 0).toArray();
        int[] trainRows = IntStream.range(0, wine.rowCount()).filter(r -> r % 5 != 0).toArray();
        Table trainTable = wine.rows(trainRows);
        Table testTable = wine.rows(testRows);
        List<String> classes = List.of("class_0", "class_1", "class_2");
        Fit fit = Fit.epochs(40).adam(0.003).quiet();

        Mlp fromTable = classifier(13, 16, 3, 5);
        fromTable.fit(TableData.of(trainTable).target("cultivar").standardize().all(), fit);
        List<String> predictedFromTable = fromTable.predictClassNames(testTable);
        List<String> actual = testTable.stringColumn("cultivar").asList();
        double tableAccuracy = IntStream.range(0, actual.size())
                .filter(i -> actual.get(i).equals(predictedFromTable.get(i))).count() / (double) actual.size();

        // the second implementation: raw columns, training mean and (population) standard deviation
        List<String> columns = wine.columnNames().stream().filter(c -> !c.equals("cultivar")).toList();
        double[] mean = new double[columns.size()];
        double[] sd = new double[columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            double[] v = trainTable.doubleColumn(columns.get(j)).asDoubleArray();
            mean[j] = java.util.Arrays.stream(v).sum() / v.length;
            int col = j;
            sd[j] = Math.sqrt(java.util.Arrays.stream(v).map(a -> (a - mean[col]) * (a - mean[col])).sum() / v.length);
        }
        Dataset trainArrays = byHand(trainTable, columns, mean, sd, classes);
        Dataset testArrays = byHand(testTable, columns, mean, sd, classes);
        Mlp fromArrays = classifier(13, 16, 3, 5);
        fromArrays.fit(trainArrays, fit);
        double arrayAccuracy = fromArrays.evaluate(testArrays).value();

        assertTrue(tableAccuracy >= 0.9, "wine test accuracy from a table " + tableAccuracy);
        assertEquals(arrayAccuracy, tableAccuracy, 1e-12);
        assertEquals(predictedFromTable, java.util.Arrays.stream(fromArrays.predictClasses(testArrays))
                .mapToObj(classes::get).toList());
        assertArrayEquals(fromArrays.layer(0).weights().copyValues(), fromTable.layer(0).weights().copyValues(), 1e-9);
    }

    private static Dataset byHand(Table table, List<String> columns, double[] mean, double[] sd, List<String> classes) {
        double[][] x = new double[table.rowCount()][columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            double[] v = table.doubleColumn(columns.get(j)).asDoubleArray();
            for (int r = 0; r < v.length; r++) {
                x[r][j] = (v[r] - mean[j]) / sd[j];
            }
        }
        int[] labels = table.stringColumn("cultivar").asList().stream().mapToInt(classes::indexOf).toArray();
        return Dataset.classification(x, labels);
    }

    @Test
    void predictOnANewTableAppliesTheTrainingEncodingAndSurvivesSaveAndLoad() throws IOException {
        Table iris = Datasets.iris();
        Split split = TableData.of(iris).target("species").standardize().split(0.8, 42);
        Mlp model = classifier(4, 16, 3, 42);
        model.fit(split.train(), Fit.epochs(100).batch(16).adam(0.01).quiet());
        Table fresh = iris.rows(0, 60, 120).removeColumns("species");   // a table without the target
        assertEquals(List.of("setosa", "versicolor", "virginica"), model.predictClassNames(fresh));

        model.save(dir.resolve("iris.json"));
        Mlp loaded = Mlp.load(dir.resolve("iris.json"));
        assertEquals(model.encoding(), loaded.encoding());
        double[][] before = model.predict(fresh);
        double[][] after = loaded.predict(fresh);
        for (int i = 0; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], 0.0);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> model.predict(fresh.removeColumns("petal_width")));
        assertTrue(e.getMessage().contains("[petal_width]"), e.getMessage());

        // retrained on bare arrays, the model no longer claims to know how to encode a table
        model.fit(Dataset.classification(split.train().x(), split.train().labels()), Fit.epochs(1).quiet());
        assertTrue(model.encoding().isEmpty());
        assertThrows(IllegalStateException.class, () -> model.predict(fresh));
    }

    @Test
    void predictionsComeBackAsATable() {
        Split split = TableData.of(Datasets.iris()).target("species").standardize().split(0.8, 42);
        Mlp model = classifier(4, 16, 3, 42);
        model.fit(split.train(), Fit.epochs(50).batch(16).adam(0.01).quiet());
        Table predictions = Predictions.table(split.test(), model.predict(split.test()));
        assertEquals(List.of("actual", "predicted", "p(setosa)", "p(versicolor)", "p(virginica)"),
                predictions.columnNames());
        assertEquals(30, predictions.rowCount());
        long correct = predictions.stream().filter(r -> r.getString("actual").equals(r.getString("predicted"))).count();
        assertEquals(model.evaluate(split.test()).value(), correct / 30.0, 1e-12);
    }
}
