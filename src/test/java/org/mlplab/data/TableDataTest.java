package org.mlplab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableDataTest {

    /** 10 rows: x numeric, colour categorical, target label (a: 6, b: 4). */
    private static Table small() {
        return Table.create("small",
                DoubleColumn.create("x", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                StringColumn.create("colour", "red", "green", "red", "blue", "red", "green", "blue", "red", "green", "red"),
                StringColumn.create("label", "a", "a", "b", "a", "b", "a", "b", "a", "b", "a"));
    }

    @Test
    void spreadRowsCoverDataSortedByClass() {
        Dataset sorted = TableData.of(Datasets.iris()).target("species").all();   // 50 of each, in order
        assertArrayEquals(new int[] {0, 25, 50, 75, 100, 125}, sorted.spreadRows(6));
        assertEquals(Set.of(0, 1, 2), Arrays.stream(sorted.spreadRows(6)).map(r -> sorted.labels()[r]).boxed()
                .collect(java.util.stream.Collectors.toSet()));
        assertArrayEquals(IntStream.range(0, 150).toArray(), sorted.spreadRows(1000), "never more rows than there are");
    }

    @Test
    void scalingStatisticsComeFromTheTrainingRowsOnly() {
        Table iris = Datasets.iris();
        Split split = TableData.of(iris).target("species").standardize().split(0.8, 7);
        Encoding.Numeric sepal = (Encoding.Numeric) split.train().encoding().orElseThrow().features().get(0);
        // recompute from the raw training rows: undo the scaling of the training features
        double[] raw = Arrays.stream(split.train().x()).mapToDouble(r -> r[0] * sepal.scale() + sepal.center()).toArray();
        double mean = Arrays.stream(raw).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(raw).map(v -> (v - mean) * (v - mean)).sum() / raw.length);
        assertEquals(mean, sepal.center(), 1e-12);
        assertEquals(sd, sepal.scale(), 1e-12);
        double allMean = iris.doubleColumn("sepal_length").mean();
        assertTrue(Math.abs(allMean - sepal.center()) > 1e-6, "the mean of all rows would be leakage");
        // training features have mean 0 and sd 1 exactly; the test part is scaled with the same statistics
        double[] trainColumn = Arrays.stream(split.train().x()).mapToDouble(r -> r[0]).toArray();
        assertEquals(0, Arrays.stream(trainColumn).average().orElseThrow(), 1e-12);
        assertEquals(split.train().encoding(), split.test().encoding());
    }

    /**
     * Statistics recomputed from the raw table: the training rows are found by an id column, then
     * each column's mean and standard deviation (min and range for min-max) over exactly those rows
     * must be the encoding's, and the test rows must be scaled with them.
     */
    @Test
    void scalingStatisticsMatchTheRawTrainingRowsNumerically() {
        Table iris = Datasets.iris().addColumns(DoubleColumn.create("id", IntStream.range(0, 150).asDoubleStream()));
        for (TableData data : List.of(TableData.of(iris).target("species").standardize(),
                TableData.of(iris).target("species").minMax())) {
            boolean standardize = data.toString().contains("standardize");
            Split split = data.split(0.7, 13);
            Encoding encoding = split.train().encoding().orElseThrow();
            int[] trainIds = ids(split.train(), encoding);
            int[] testIds = ids(split.test(), encoding);
            assertEquals(105, trainIds.length);
            for (int j = 0; j < 4; j++) {
                double[] column = iris.doubleColumn(j).asDoubleArray();
                double[] train = Arrays.stream(trainIds).mapToDouble(r -> column[r]).toArray();
                double mean = Arrays.stream(train).average().orElseThrow();
                double sd = Math.sqrt(Arrays.stream(train).map(v -> (v - mean) * (v - mean)).sum() / train.length);
                double min = Arrays.stream(train).min().orElseThrow();
                double max = Arrays.stream(train).max().orElseThrow();
                Encoding.Numeric f = (Encoding.Numeric) encoding.features().get(j);
                assertEquals(standardize ? mean : min, f.center(), 1e-12, data + " " + f);
                assertEquals(standardize ? sd : max - min, f.scale(), 1e-12, data + " " + f);
                double[][] testX = split.test().x();
                for (int i = 0; i < testIds.length; i++) {
                    assertEquals((column[testIds[i]] - f.center()) / f.scale(), testX[i][j], 1e-12);
                }
            }
            if (standardize) {
                double allMean = iris.doubleColumn("petal_length").mean();
                double center = ((Encoding.Numeric) encoding.features().get(2)).center();
                assertTrue(Math.abs(allMean - center) > 1e-3, "the mean of all rows would be leakage");
            }
        }
    }

    /** The table row of every dataset row, from the scaled id feature (the last column). */
    private static int[] ids(Dataset data, Encoding encoding) {
        Encoding.Numeric id = (Encoding.Numeric) encoding.features().get(encoding.features().size() - 1);
        return Arrays.stream(data.x()).mapToInt(r -> (int) Math.round(r[r.length - 1] * id.scale() + id.center()))
                .toArray();
    }

    @Test
    void minMaxScalesTheTrainingRowsToTheUnitInterval() {
        Split split = TableData.of(Datasets.wine()).target("cultivar").minMax().split(0.7, 3);
        for (int j = 0; j < split.train().features(); j++) {
            int col = j;
            double[] v = Arrays.stream(split.train().x()).mapToDouble(r -> r[col]).toArray();
            assertEquals(0, Arrays.stream(v).min().orElseThrow(), 1e-12);
            assertEquals(1, Arrays.stream(v).max().orElseThrow(), 1e-12);
        }
    }

    @Test
    void stratificationKeepsClassProportions() {
        Split split = TableData.of(Datasets.breastCancer()).target("diagnosis").split(0.8, 11);
        int[] train = split.train().classCounts();
        int[] test = split.test().classCounts();
        assertEquals(List.of("benign", "malignant"), split.train().targetNames());
        assertEquals(357, train[0] + test[0]);
        assertEquals(212, train[1] + test[1]);
        assertEquals(Math.round(0.8 * 357), train[0]);
        assertEquals(Math.round(0.8 * 212), train[1]);
    }

    @Test
    void splitsAreSeededDisjointAndCoverEveryRow() {
        TableData data = TableData.of(Datasets.iris()).target("species");
        Split a = data.split(0.6, 0.2, 5);
        Split b = data.split(0.6, 0.2, 5);
        assertArrayEquals(a.test().x(), b.test().x());
        Split c = data.split(0.6, 0.2, 6);
        assertTrue(!Arrays.deepEquals(a.test().x(), c.test().x()), "another seed, another split");
        assertEquals(150, a.train().size() + a.validation().size() + a.test().size());
        // an id column as a feature tells the rows apart (iris has two identical rows)
        Table withIds = Datasets.iris().addColumns(DoubleColumn.create("id", IntStream.range(0, 150).asDoubleStream()));
        Split ids = TableData.of(withIds).target("species").split(0.6, 0.2, 5);
        Set<Double> seen = new HashSet<>();
        for (Dataset part : List.of(ids.train(), ids.validation(), ids.test())) {
            for (double[] r : part.x()) {
                assertTrue(seen.add(r[4]), "row " + r[4] + " is in two parts");
            }
        }
        assertEquals(150, seen.size());
        assertArrayEquals(new int[] {30, 30, 30}, a.train().classCounts());
        assertArrayEquals(new int[] {10, 10, 10}, a.test().classCounts());
    }

    @Test
    void kFoldTestPartsPartitionTheRows() {
        List<Split> folds = TableData.of(Datasets.wine()).target("cultivar").standardize().kFold(5, 1);
        assertEquals(5, folds.size());
        int total = folds.stream().mapToInt(s -> s.test().size()).sum();
        assertEquals(178, total);
        for (Split s : folds) {
            assertEquals(178, s.train().size() + s.test().size());
        }
        Set<String> seen = new HashSet<>();
        for (Split s : folds) {
            // the raw alcohol value identifies a row well enough here; undo each fold's scaling
            Encoding.Numeric alcohol = (Encoding.Numeric) s.test().encoding().orElseThrow().features().get(0);
            for (double[] r : s.test().x()) {
                assertTrue(seen.add(String.format("%.6f/%.6f", r[0] * alcohol.scale() + alcohol.center(), r[12])
                        + Arrays.hashCode(r)), "a row in two test folds");
            }
        }
    }

    @Test
    void textFeaturesAreOneHotEncodedWithNamedColumns() {
        Dataset data = TableData.of(small()).target("label").all();
        assertEquals(4, data.features());
        assertEquals(List.of("x", "colour=blue", "colour=green", "colour=red"), data.featureNames());
        assertArrayEquals(new double[] {1, 0, 0, 1}, data.x()[0]);
        assertArrayEquals(new double[] {4, 1, 0, 0}, data.x()[3]);
        assertEquals(List.of("a", "b"), data.targetNames());
    }

    @Test
    void theEncodingRoundTripsThroughJsonBitForBit() {
        Split split = TableData.of(small()).target("label").standardize().impute().split(0.6, 2);
        Encoding encoding = split.train().encoding().orElseThrow();
        Encoding back = Encoding.fromJson(JsonParser.parseString(encoding.toJson().toString()).getAsJsonObject());
        assertEquals(encoding, back);
        assertArrayEquals(encoding.encode(small()), back.encode(small()));
    }

    @Test
    void aNumericTargetIsRegressionUnlessAskedForClasses() {
        Dataset diabetes = TableData.of(Datasets.diabetes()).target("progression").all();
        assertTrue(!diabetes.isClassification());
        assertEquals(List.of("progression"), diabetes.targetNames());
        Table t = Table.create("t", DoubleColumn.create("x", 1, 2, 3, 4), DoubleColumn.create("y", 10, 2, 10, 2));
        Dataset classes = TableData.of(t).target("y").classification().all();
        assertEquals(List.of("2", "10"), classes.targetNames());
        assertArrayEquals(new int[] {1, 0, 1, 0}, classes.labels());
    }

    @Test
    void missingValuesNeedAnExplicitChoice() {
        Table t = small();
        t.doubleColumn("x").setMissing(2);
        t.doubleColumn("x").setMissing(5);
        t.stringColumn("colour").setMissing(7);
        var e = assertThrows(IllegalArgumentException.class, () -> TableData.of(t).target("label").all());
        assertTrue(e.getMessage().contains("x=2") && e.getMessage().contains("colour=1"), e.getMessage());
        assertTrue(e.getMessage().contains(".dropMissing()") && e.getMessage().contains(".impute()"), e.getMessage());

        assertEquals(7, TableData.of(t).target("label").dropMissing().all().size());

        Split imputed = TableData.of(t).target("label").impute().split(0.5, 4);
        Encoding.Numeric x = (Encoding.Numeric) imputed.train().encoding().orElseThrow().features().get(0);
        double[] trainX = Arrays.stream(imputed.train().x()).mapToDouble(r -> r[0]).toArray();
        // the fill is the mean of the non-missing training values
        double expected = Arrays.stream(trainX).filter(v -> v != x.fill()).average().orElseThrow();
        assertEquals(expected, x.fill(), 1e-12);
        assertEquals(10, imputed.train().size() + imputed.test().size());

        // text: the most frequent value (red 4, green 3, blue 2 once row 7 is missing)
        Dataset all = TableData.of(t).target("label").impute().all();
        Encoding.Categorical colour = (Encoding.Categorical) all.encoding().orElseThrow().features().get(1);
        assertEquals("red", colour.fill());
        assertArrayEquals(new double[] {0, 0, 1}, Arrays.copyOfRange(all.x()[7], 1, 4), "row 7 imputed as red");
        assertEquals((1 + 2 + 4 + 5 + 7 + 8 + 9 + 10) / 8.0, all.x()[2][0], 1e-12, "row 2 imputed with the mean");
    }

    @Test
    void aNumericColumnReadAsTextBecauseOfAFewCellsIsNamedNotOneHotEncoded() throws java.io.IOException {
        String csv;
        try (var in = TableDataTest.class.getResourceAsStream("/org/mlplab/data/iris.csv")) {
            csv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String[] lines = csv.split("\n");
        lines[18] = lines[18].replaceFirst("^[^,]*", "abc");   // row 17
        lines[41] = lines[41].replaceFirst("^[^,]*", "inf");   // row 40
        Table table = Table.read().csv(new java.io.StringReader(String.join("\n", lines)));
        var e = assertThrows(IllegalArgumentException.class,
                () -> TableData.of(table).target("species").split(0.8, 1));
        assertTrue(e.getMessage().startsWith("column 'sepal_length' holds numbers but for 2 of its 150 values, so it "
                + "was read as text: row 17 (line 19 of a CSV file with a header): 'abc', row 40 (line 42 of a CSV "
                + "file with a header): 'inf'. Correct those cells"), e.getMessage());
        // a column of words is still a category
        Table words = Table.create("t", tech.tablesaw.api.StringColumn.create("colour", "red", "1", "blue", "red"),
                tech.tablesaw.api.DoubleColumn.create("y", 1, 2, 3, 4));
        assertEquals(3, TableData.of(words).target("y").all().features(), "colour=1, colour=blue, colour=red");
    }

    @Test
    void aColumnWithoutTrainingValuesCannotBeImputedAndNoNaNReachesADataset() {
        tech.tablesaw.api.DoubleColumn empty = tech.tablesaw.api.DoubleColumn.create("blank", 6);
        Table table = Table.create("t", tech.tablesaw.api.DoubleColumn.create("x", 1, 2, 3, 4, 5, 6), empty,
                tech.tablesaw.api.StringColumn.create("y", "a", "b", "a", "b", "a", "b"));
        var e = assertThrows(IllegalArgumentException.class, () -> TableData.of(table).target("y").impute().all());
        assertTrue(e.getMessage().startsWith("column 'blank' has no values in the training rows"), e.getMessage());
    }

    @Test
    void aHugeValueDoesNotOverflowTheStandardDeviation() {
        double[] values = {5.1, 4.9, 1e308, 4.7, 5.0, 5.4, 4.6, 5.0};
        Table table = Table.create("t", tech.tablesaw.api.DoubleColumn.create("x", values),
                tech.tablesaw.api.DoubleColumn.create("y", 1, 2, 3, 4, 5, 6, 7, 8));
        Dataset data = TableData.of(table).target("y").standardize().all();
        double[] x = new double[values.length];
        data.gatherFeatures(IntStream.range(0, values.length).toArray(), 0, values.length, x);
        double mean = Arrays.stream(x).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
        assertEquals(0, mean, 1e-12);
        assertEquals(1, sd, 1e-12, "standardised, not all 0: " + Arrays.toString(x));
        assertTrue(x[2] > 2, "the outlier stands out: " + x[2]);
    }

    @Test
    void badTablesGetClearErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> TableData.of(small()).target("class"));
        assertTrue(e.getMessage().contains("[x, colour, label]"), e.getMessage());

        Table single = Table.create("s", DoubleColumn.create("x", 1, 2), StringColumn.create("y", "k", "k"));
        e = assertThrows(IllegalArgumentException.class, () -> TableData.of(single).target("y").all());
        assertTrue(e.getMessage().contains("single class"), e.getMessage());

        StringColumn ids = StringColumn.create("id");
        IntStream.range(0, 150).forEach(i -> ids.append("id-" + i));
        Table idTable = Datasets.iris().addColumns(ids);
        e = assertThrows(IllegalArgumentException.class, () -> TableData.of(idTable).target("species").all());
        assertTrue(e.getMessage().contains("'id'") && e.getMessage().contains("150 distinct"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> TableData.of(Table.create("empty")));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        Table copy = small();
        TableData.of(copy).target("label").standardize().split(0.5, 1);
        assertEquals(small().print(), copy.print(), "the table is not modified");
    }

    @Test
    void encodingAnIncompleteTableNamesTheMissingColumns() {
        Encoding encoding = TableData.of(small()).target("label").all().encoding().orElseThrow();
        var e = assertThrows(IllegalArgumentException.class, () -> encoding.encode(small().removeColumns("colour")));
        assertTrue(e.getMessage().contains("[colour]"), e.getMessage());
        Table unseen = small();
        unseen.stringColumn("colour").set(0, "purple");
        e = assertThrows(IllegalArgumentException.class, () -> encoding.encode(unseen));
        assertTrue(e.getMessage().contains("'purple'"), e.getMessage());
    }
}
