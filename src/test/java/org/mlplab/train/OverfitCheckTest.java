package org.mlplab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlplab.RealData;
import org.mlplab.data.Dataset;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Init;

class OverfitCheckTest {
    private static final Dataset DIGITS = RealData.digits();

    @Test
    void overfitOneBatch() {
        Mlp model = Mlp.input(64).dense(32, Activation.RELU).dense(10, Activation.SOFTMAX).init(Init.HE).seed(6).build();
        double before = model.layer(0).weights().get(0);
        OverfitCheck ok = OverfitCheck.run(model, DIGITS);
        assertTrue(ok.passed(), ok.toString());
        assertEquals(before, model.layer(0).weights().get(0), "the model itself is not trained");

        Mlp dead = Mlp.input(64).dense(32, Activation.RELU).dense(10, Activation.SOFTMAX).biasInit(-50).seed(6).build();
        OverfitCheck failed = OverfitCheck.run(dead, DIGITS);
        assertFalse(failed.passed(), failed.toString());
        assertTrue(failed.toString().contains("FAILED"), failed.toString());
    }

    /**
     * Identical inputs with both labels cannot be fitted: the loss stays near ln 2. The data is
     * sorted by class, so a batch of its first rows (one class) would pass; the check must not.
     */
    @Test
    void theOverfitBatchSpansSortedData() {
        double[][] x = new double[100][];
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            x[i] = new double[] {1.0, -1.0};
            labels[i] = i < 50 ? 0 : 1;
        }
        Mlp model = Mlp.input(2).dense(8, Activation.TANH).dense(2, Activation.SOFTMAX).seed(3).build();
        OverfitCheck check = OverfitCheck.run(model, Dataset.classification(x, labels));
        assertFalse(check.passed(), check.toString());
        assertEquals(Math.log(2), check.finalLoss(), 1e-3, check.toString());
    }
}
