package org.mlplab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ToyDataTest {
    private static final Map<String, Function<Long, Table>> NOISY = Map.of(
            "moons", seed -> ToyData.moons(101, 0.1, seed),
            "circles", seed -> ToyData.circles(101, 0.1, seed),
            "xor", seed -> ToyData.xor(101, 0.1, seed),
            "spiral", seed -> ToyData.spiral(101, 0.1, seed),
            "blobs", seed -> ToyData.blobs(101, 3, 0.1, seed));

    @Test
    void everyTableHasTwoFeaturesAndBalancedInterleavedClassesReadyForTableData() {
        NOISY.forEach((name, make) -> {
            Table t = make.apply(7L);
            assertEquals(name, t.name());
            assertEquals(List.of("x1", "x2", "class"), t.columnNames(), name);
            assertEquals(101, t.rowCount(), name);
            int classes = name.equals("blobs") ? 3 : 2;
            for (int i = 0; i < t.rowCount(); i++) {
                assertEquals(Integer.toString(i % classes), t.stringColumn("class").get(i), name + " row " + i);
            }
            Dataset data = TableData.of(t).target("class").all();
            assertEquals(2, data.features(), name);
            assertEquals(classes, data.outputs(), name);
        });
    }

    @Test
    void aSeedGivesTheSameTableAndAnotherSeedAnotherOne() {
        NOISY.forEach((name, make) -> {
            assertEquals(make.apply(7L).toString(), make.apply(7L).toString(), name);
            assertNotEquals(make.apply(7L).doubleColumn("x1").asList(), make.apply(8L).doubleColumn("x1").asList(), name);
        });
    }

    @Test
    void withoutNoiseEachShapeIsExact() {
        Table moons = ToyData.moons(50, 0, 1);
        Table circles = ToyData.circles(50, 0, 1);
        Table spiral = ToyData.spiral(50, 0, 1);
        Table xor = ToyData.xor(200, 0, 1);
        Table blobs = ToyData.blobs(40, 4, 0, 1);
        for (int i = 0; i < 50; i++) {
            double mx = moons.doubleColumn("x1").get(i);
            double my = moons.doubleColumn("x2").get(i);
            if (i % 2 == 0) {   // the upper moon: on the unit circle, above the axis
                assertEquals(1, Math.hypot(mx, my), 1e-12);
                assertTrue(my >= -1e-12);
            } else {            // the lower: on the unit circle around (1, 0.5), below its centre
                assertEquals(1, Math.hypot(mx - 1, my - 0.5), 1e-12);
                assertTrue(my <= 0.5 + 1e-12);
            }
            double r = Math.hypot(circles.doubleColumn("x1").get(i), circles.doubleColumn("x2").get(i));
            assertEquals(i % 2 == 0 ? 1 : 0.5, r, 1e-12);
        }
        // each spiral arm winds outwards to radius 1, and the two arms are mirror images through the origin
        for (int i = 2; i < 50; i++) {
            assertTrue(radius(spiral, i) > radius(spiral, i - 2), "row " + i);
        }
        assertEquals(1, radius(spiral, 48), 1e-12);
        assertEquals(-spiral.doubleColumn("x1").get(10), spiral.doubleColumn("x1").get(11), 1e-12);
        for (int i = 0; i < 200; i++) {
            double product = xor.doubleColumn("x1").get(i) * xor.doubleColumn("x2").get(i);
            assertTrue(i % 2 == 0 ? product > 0 : product < 0, "xor row " + i + ": class " + (i % 2));
        }
        assertEquals(0, blobs.doubleColumn("x1").get(5), 1e-12);   // class 1 of 4: at (0, 1)
        assertEquals(1, blobs.doubleColumn("x2").get(5), 1e-12);
    }

    @Test
    void theNoiseIsAGaussianOfTheGivenStandardDeviation() {
        Table clean = ToyData.blobs(4000, 2, 0, 3);
        Table noisy = ToyData.blobs(4000, 2, 0.3, 3);
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (String column : List.of("x1", "x2")) {
            for (int i = 0; i < 4000; i++) {
                double e = noisy.doubleColumn(column).get(i) - clean.doubleColumn(column).get(i);
                sum += e;
                squares += e * e;
                n++;
            }
        }
        double mean = sum / n;
        assertEquals(0, mean, 0.02);
        assertEquals(0.3, Math.sqrt(squares / n - mean * mean), 0.01);
    }

    @Test
    void badSizesAndNoiseAreRefusedWithTheirValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ToyData.moons(1, 0.1, 1)).getMessage()
                .contains("1 rows cannot hold 2 classes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ToyData.spiral(100, -0.1, 1)).getMessage()
                .contains("got -0.1"));
        assertThrows(IllegalArgumentException.class, () -> ToyData.xor(100, Double.NaN, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ToyData.blobs(100, 1, 0.1, 1)).getMessage()
                .contains("at least 2 classes"));
    }

    private static double radius(Table t, int row) {
        return Math.hypot(t.doubleColumn("x1").get(row), t.doubleColumn("x2").get(row));
    }
}
