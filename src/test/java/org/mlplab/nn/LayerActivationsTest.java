package org.mlplab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlplab.model.Mlp;

class LayerActivationsTest {

    @Test
    void everyLayersActivationsAreTheForwardPassWrittenOutAcrossChunks() {
        Mlp model = Mlp.input(2).dense(3, Activation.TANH).dense(4, Activation.RELU).dense(2, Activation.SOFTMAX)
                .seed(4).build();
        double[][] x = new double[1100][2];   // more than two chunks of 512 rows
        SplittableRandom random = new SplittableRandom(1);
        for (double[] row : x) {
            row[0] = random.nextDouble(-2, 2);
            row[1] = random.nextDouble(-2, 2);
        }
        List<double[][]> a = model.activations(x);
        assertEquals(3, a.size());
        double[][] input = x;
        for (int l = 0; l < 3; l++) {
            Dense layer = model.layer(l);
            double[][] w = layer.weights().toArray();
            double[] b = layer.bias().toArray()[0];
            double[][] expected = new double[x.length][layer.units()];
            for (int r = 0; r < x.length; r++) {
                double[] z = new double[layer.units()];
                for (int j = 0; j < z.length; j++) {
                    z[j] = b[j];
                    for (int i = 0; i < w.length; i++) {
                        z[j] += input[r][i] * w[i][j];
                    }
                }
                expected[r] = apply(layer.activation(), z);
            }
            for (int r = 0; r < x.length; r++) {
                assertArrayEquals(expected[r], a.get(l)[r], 1e-12, "layer " + (l + 1) + ", row " + r);
            }
            input = expected;
        }
        assertArrayEquals(model.predict(x), a.get(2));
    }

    @Test
    void withBatchNormalisationARowsActivationsDoNotDependOnTheOtherRows() {
        Mlp model = Mlp.input(2).dense(5, Activation.TANH).batchNorm().dense(2, Activation.SOFTMAX).seed(2).build();
        double[][] rows = {{0.3, -1.0}, {2.0, 0.5}, {-1.5, 1.5}};
        double[][] alone = model.activations(new double[][] {rows[0]}).get(0);
        assertArrayEquals(alone[0], model.activations(rows).get(0)[0], 0);
    }

    @Test
    void aDatasetIsPredictedChunkByChunkFromItsStorageAsItsRowsWouldBe() {
        Mlp model = Mlp.input(3).dense(5, Activation.TANH).dense(4, Activation.SOFTMAX).seed(6).build();
        double[][] x = new double[1300][3];   // three chunks
        int[] labels = new int[x.length];
        SplittableRandom random = new SplittableRandom(2);
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < 3; c++) {
                x[r][c] = random.nextDouble(-3, 3);
            }
            labels[r] = r % 4;
        }
        org.mlplab.data.Dataset data = org.mlplab.data.Dataset.classification(x, labels);
        assertArrayEquals(model.predict(x), model.predict(data));
        assertArrayEquals(model.predictClasses(x), model.predictClasses(data));
        var narrow = org.mlplab.data.Dataset.classification(new double[][] {{1, 2}}, new int[] {0});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.predict(narrow)).getMessage()
                .contains("the data has 2 features but the model expects 3"));
    }

    @Test
    void rowsOfTheWrongWidthAreRefused() {
        Mlp model = Mlp.input(2).dense(2, Activation.SOFTMAX).build();
        assertThrows(IllegalArgumentException.class, () -> model.activations(new double[][] {{1, 2, 3}}));
    }

    private static double[] apply(Activation f, double[] z) {
        double[] a = new double[z.length];
        f.apply(z, a, 1, z.length);
        return a;
    }
}
