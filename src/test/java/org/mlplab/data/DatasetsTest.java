package org.mlplab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class DatasetsTest {
    @TempDir
    Path dir;

    private static Dataset classes(Table t, String target) {
        return TableData.of(t).target(target).all();
    }

    @Test
    void bundledDatasetsHaveTheirKnownShapes() {
        Dataset iris = classes(Datasets.iris(), "species");
        assertEquals(150, iris.size());
        assertEquals(4, iris.features());
        assertArrayEquals(new int[] {50, 50, 50}, iris.classCounts());
        assertEquals(List.of("setosa", "versicolor", "virginica"), iris.targetNames());

        Dataset wine = classes(Datasets.wine(), "cultivar");
        assertEquals(178, wine.size());
        assertEquals(13, wine.features());
        assertArrayEquals(new int[] {59, 71, 48}, wine.classCounts());

        Dataset cancer = classes(Datasets.breastCancer(), "diagnosis");
        assertEquals(569, cancer.size());
        assertEquals(30, cancer.features());
        assertArrayEquals(new int[] {357, 212}, cancer.classCounts());

        Dataset digits = classes(Datasets.digits(), "digit");
        assertEquals(1797, digits.size());
        assertEquals(64, digits.features());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), digits.targetNames());

        Table diabetes = Datasets.diabetes();
        assertEquals(442, diabetes.rowCount());
        assertEquals(11, diabetes.columnCount());
        assertEquals(152.13348416289594, diabetes.doubleColumn("progression").mean(), 1e-9);
    }

    @Test
    void theFashionMnistSampleReads() throws IOException {
        Path sample = Path.of("src/test/resources/org/mlplab/data/fashion-sample");
        Split split = Idx.fashionMnist(sample, 0);
        assertEquals(100, split.train().size());
        assertEquals(50, split.test().size());
        assertEquals(784, split.train().features());
        assertEquals(Idx.FASHION_CLASSES, split.train().targetNames());
        assertEquals(9, split.train().label(0), "the first training image is an ankle boot");
        double[] first = split.train().x()[0];
        assertTrue(java.util.Arrays.stream(first).allMatch(v -> v >= 0 && v <= 1));
        assertEquals(10, Idx.fashionMnist(sample, 10).train().size());
    }

    @Test
    void imagesStoredAsBytesReadBackAsPixelOver255() throws IOException {
        Path sample = Path.of("src/test/resources/org/mlplab/data/fashion-sample");
        byte[] pixels = Idx.read(sample.resolve("train-images-idx3-ubyte.gz"), 0x0803).data();
        Dataset train = Idx.fashionMnist(sample, 0).train();
        double[][] x = train.x();
        for (int k = 0; k < 100 * 784; k++) {
            assertEquals((pixels[k] & 0xFF) / 255.0, x[k / 784][k % 784], "value " + k);
        }
        int[] order = {57, 3, 99};
        double[] gathered = new double[3 * 784];
        train.gatherFeatures(order, 0, 3, gathered);
        double[][] picked = train.rows(order).x();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(x[order[i]], java.util.Arrays.copyOfRange(gathered, i * 784, (i + 1) * 784));
            assertArrayEquals(x[order[i]], picked[i]);
        }
    }

    @Test
    void aByteStandingForANonFiniteValueIsRefusedAtItsRow() {
        double[] levels = new double[256];
        levels[7] = Double.NaN;
        byte[] codes = {0, 1, 2, 3, 4, 7};
        var e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classificationOfBytes(codes, levels, 2, new int[] {0, 1, 0}, List.of("a", "b")));
        assertEquals("feature 'x1' of row 2 is NaN: remove or impute missing and infinite values before training",
                e.getMessage());
    }

    @Test
    void theFullFashionMnistReadsWhenInstalled() throws IOException {
        Path debian = Path.of(Idx.DEBIAN_FASHION_MNIST);
        Assumptions.assumeTrue(Files.isDirectory(debian), "Debian's dataset-fashion-mnist is not installed");
        Split split = Idx.fashionMnist(debian, 0);
        assertEquals(60_000, split.train().size());
        assertEquals(10_000, split.test().size());
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000},
                split.train().classCounts());
    }

    @Test
    void corruptIdxFilesAreNamed() throws IOException {
        Path sample = Path.of("src/test/resources/org/mlplab/data/fashion-sample");
        for (String f : List.of("train-labels-idx1-ubyte", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte")) {
            Files.copy(sample.resolve(f), dir.resolve(f));
        }
        // labels where images belong: wrong magic number
        try (var out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("train-images-idx3-ubyte.gz")))) {
            out.write(Files.readAllBytes(sample.resolve("train-labels-idx1-ubyte")));
        }
        var e = assertThrows(IOException.class, () -> Idx.fashionMnist(dir, 0));
        assertTrue(e.getMessage().contains("train-images") && e.getMessage().contains("magic number is 0x801"),
                e.getMessage());

        // truncated: the header promises 100 images, the file stops early
        byte[] whole = gunzip(sample.resolve("train-images-idx3-ubyte.gz"));
        try (var out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("train-images-idx3-ubyte.gz")))) {
            out.write(whole, 0, 5000);
        }
        e = assertThrows(IOException.class, () -> Idx.fashionMnist(dir, 0));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        // a plain (not gzipped) file cut short, in its data and in its header
        Files.copy(sample.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-images-idx3-ubyte.gz"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] labels = Files.readAllBytes(sample.resolve("train-labels-idx1-ubyte"));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), java.util.Arrays.copyOf(labels, 8 + 50));
        e = assertThrows(IOException.class, () -> Idx.fashionMnist(dir, 0));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte is truncated"), e.getMessage());
        Files.write(dir.resolve("train-labels-idx1-ubyte"), java.util.Arrays.copyOf(labels, 6));
        e = assertThrows(IOException.class, () -> Idx.fashionMnist(dir, 0));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("header"), e.getMessage());
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels);
        assertEquals(100, Idx.fashionMnist(dir, 0).train().size(), "the repaired directory reads again");

        Files.delete(dir.resolve("train-images-idx3-ubyte.gz"));
        e = assertThrows(IOException.class, () -> Idx.fashionMnist(dir, 0));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
