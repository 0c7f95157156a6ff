package org.mlplab.data;

import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Two-dimensional toy data sets for classification, the ones the TensorFlow Playground and
 * scikit-learn made classic: each a Tablesaw table with the features {@code x1}, {@code x2} and
 * the target {@code class} ({@code "0"}, {@code "1"}, ...). Row {@code i} belongs to class
 * {@code i mod classes}, so the classes are balanced and interleaved; a seed makes a table
 * reproducible. {@code noise} is the standard deviation of the Gaussian noise added to both
 * coordinates (the shapes themselves span about 2 units).
 * <pre>{@code
 * var moons = TableData.of(ToyData.moons(200, 0.1, 42)).target("class").split(0.8, 42);
 * var model = Mlp.input(2).dense(8, TANH).dense(2, SOFTMAX).seed(1).build();
 * }</pre>
 */
public final class ToyData {
    private ToyData() {
    }

    /**
     * Two interleaved half circles: class 0 the upper, of radius 1 around the origin; class 1 the
     * lower, shifted to {@code (1, 0.5)}. Not linearly separable; a few hidden units separate them.
     */
    public static Table moons(int rows, double noise, long seed) {
        return generate("moons", rows, 2, noise, seed, (i, k, random) -> {
            double t = Math.PI * position(i, rows, 2);
            return k == 0 ? new double[] {Math.cos(t), Math.sin(t)} : new double[] {1 - Math.cos(t), 0.5 - Math.sin(t)};
        });
    }

    /** Two concentric circles: class 0 of radius 1, class 1 of radius 0.5 inside it. */
    public static Table circles(int rows, double noise, long seed) {
        return generate("circles", rows, 2, noise, seed, (i, k, random) -> {
            double t = 2 * Math.PI * (i / 2) / ((rows + 1) / 2);   // evenly around, the first point not repeated
            double radius = k == 0 ? 1 : 0.5;
            return new double[] {radius * Math.cos(t), radius * Math.sin(t)};
        });
    }

    /**
     * Points in the four quadrants of the square {@code [-1, 1]²}: class 0 where both coordinates
     * have the same sign, class 1 where they differ (exclusive or). No single line separates them.
     */
    public static Table xor(int rows, double noise, long seed) {
        return generate("xor", rows, 2, noise, seed, (i, k, random) -> {
            double a = random.nextDouble(0.05, 1);   // away from the axes, where the class flips
            double b = random.nextDouble(0.05, 1);
            boolean flip = random.nextBoolean();      // which of the class's two quadrants
            double x1 = flip ? -a : a;
            double x2 = (k == 0) == flip ? -b : b;    // same sign for class 0, opposite for class 1
            return new double[] {x1, x2};
        });
    }

    /**
     * Two spiral arms winding out from the origin, one per class, each one and three quarter turns
     * to radius 1 (the arms are half a turn apart). The hardest of these for a small network.
     */
    public static Table spiral(int rows, double noise, long seed) {
        return generate("spiral", rows, 2, noise, seed, (i, k, random) -> {
            double radius = position(i, rows, 2);
            double angle = 1.75 * 2 * Math.PI * radius + k * Math.PI;
            return new double[] {radius * Math.sin(angle), radius * Math.cos(angle)};
        });
    }

    /**
     * Gaussian blobs, one per class, their centres evenly spaced on a circle of radius 1 (class 0
     * at {@code (1, 0)}); {@code noise} is each blob's standard deviation.
     *
     * @param classes 2 or more
     */
    public static Table blobs(int rows, int classes, double noise, long seed) {
        if (classes < 2) {
            throw new IllegalArgumentException("blobs need at least 2 classes, got " + classes);
        }
        return generate("blobs", rows, classes, noise, seed, (i, k, random) -> {
            double t = 2 * Math.PI * k / classes;
            return new double[] {Math.cos(t), Math.sin(t)};
        });
    }

    /** Where row {@code i} lies along its class's shape, in {@code [0, 1]}: evenly spaced, first to last. */
    private static double position(int i, int rows, int classes) {
        int perClass = (rows - 1) / classes;   // index of the class's last row
        return perClass == 0 ? 0 : (double) (i / classes) / perClass;
    }

    /** The point of row {@code i}, of class {@code k}, before noise ({@code random} for shapes drawn at random). */
    private interface Shape {
        double[] point(int i, int k, SplittableRandom random);
    }

    private static Table generate(String name, int rows, int classes, double noise, long seed, Shape shape) {
        if (rows < classes) {
            throw new IllegalArgumentException(name + ": " + rows + " rows cannot hold " + classes
                    + " classes: ask for at least " + classes);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException(name + ": the noise is a standard deviation, 0 or more, got " + noise);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] x1 = new double[rows];
        double[] x2 = new double[rows];
        String[] labels = new String[rows];
        for (int i = 0; i < rows; i++) {
            int k = i % classes;
            double[] p = shape.point(i, k, random);
            x1[i] = p[0] + noise * random.nextGaussian();
            x2[i] = p[1] + noise * random.nextGaussian();
            labels[i] = Integer.toString(k);
        }
        return Table.create(name, DoubleColumn.create("x1", x1), DoubleColumn.create("x2", x2),
                StringColumn.create("class", labels));
    }
}
