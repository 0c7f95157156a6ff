package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlplab.data.Dataset;

class ProjectionTest {

    /** A grid of points on a tilted plane in 3-D, 3 times wider along one of its directions than the other. */
    private static Dataset planar() {
        double[] long1 = {2 / 3.0, 2 / 3.0, 1 / 3.0};     // unit length
        double[] short2 = {-1 / Math.sqrt(2), 1 / Math.sqrt(2), 0};
        double[][] x = new double[121][3];
        int[] labels = new int[121];
        for (int r = 0; r < x.length; r++) {
            double u = 3 * (r / 11 - 5);   // every (u, v) of the grid: uncorrelated, variances 9 : 1
            double v = r % 11 - 5;
            for (int j = 0; j < 3; j++) {
                x[r][j] = 1 + u * long1[j] + v * short2[j];
            }
            labels[r] = u > 0 ? 1 : 0;
        }
        return Dataset.classification(x, labels);
    }

    @Test
    void widerDataIsSeenOnThePlaneOfItsTwoLargestDirections() {
        Dataset data = planar();
        Projection p = Projection.of(data);
        assertArrayEquals(new double[] {2 / 3.0, 2 / 3.0, 1 / 3.0}, p.axes()[0], 1e-6, "the long direction first");
        assertEquals(0, dot(p.axes()[0], p.axes()[1]), 1e-12, "orthogonal axes");
        assertEquals(1, dot(p.axes()[1], p.axes()[1]), 1e-12);
        double[][] x = data.x();
        double[][] back = p.lift(p.project(x));
        for (int r = 0; r < x.length; r++) {
            assertArrayEquals(x[r], back[r], 1e-9, "the data lies on the plane: row " + r);
        }
        double first = Double.parseDouble(p.titles().get(0).replaceAll("PC1 \\((.*) % of the variance\\)", "$1"));
        double second = Double.parseDouble(p.titles().get(1).replaceAll("PC2 \\((.*) % of the variance\\)", "$1"));
        assertEquals(100, first + second, 0.5, "the plane holds all the variance: " + p.titles());
        assertEquals(90, first, 2, "9 : 1 variance along the two directions: " + p.titles());
    }

    @Test
    void twoFeaturesAreTheirOwnPlaneAndOneIsRefused() {
        Dataset two = Dataset.classification(new double[][] {{1, 2}, {3, -4}}, new int[] {0, 1});
        Projection p = Projection.of(two);
        assertEquals(List.of("x0", "x1"), p.titles());
        assertArrayEquals(new double[] {3, -4}, p.project(two.x())[1]);
        assertThrows(IllegalArgumentException.class,
                () -> Projection.of(Dataset.classification(new double[][] {{1}, {2}}, new int[] {0, 1})));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
