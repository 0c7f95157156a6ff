package org.mlplab.train;

import java.util.SplittableRandom;
import org.mlplab.data.Dataset;

/** Small synthetic problems for the training tests. */
final class Problems {
    private Problems() {
    }

    /** The four XOR rows, labels 0/1. */
    static Dataset xor() {
        return Dataset.classification(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new int[] {0, 1, 1, 0});
    }

    /** {@code y = sin(x) + N(0, 0.1²)} for {@code x} uniform in {@code [-π, π]}. */
    static Dataset noisySine(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][1];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i][0] = random.nextDouble(-Math.PI, Math.PI);
            y[i] = Math.sin(x[i][0]) + 0.1 * random.nextGaussian();
        }
        return Dataset.regression(x, y);
    }

    /** Three Gaussian blobs in 2-D, {@code rows} per class. */
    static Dataset blobs(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = {{-2, 0}, {2, 0}, {0, 2.5}};
        double[][] x = new double[3 * rows][];
        int[] labels = new int[3 * rows];
        for (int i = 0; i < x.length; i++) {
            int c = i % 3;
            x[i] = new double[] {centres[c][0] + random.nextGaussian(), centres[c][1] + random.nextGaussian()};
            labels[i] = c;
        }
        return Dataset.classification(x, labels);
    }
}
