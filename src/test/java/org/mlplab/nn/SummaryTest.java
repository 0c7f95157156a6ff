package org.mlplab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlplab.data.Dataset;
import org.mlplab.diagnostics.GradientCheck;
import org.mlplab.model.Mlp;

/** What a notebook cell shows for a model and for a gradient check. */
class SummaryTest {
    private final Mlp model = Mlp.input(4).dense(16, Activation.RELU).dense(3, Activation.SOFTMAX).init(Init.HE)
            .seed(42).build();

    @Test
    void aModelPrintsASummaryTable() {
        assertEquals("""
                Mlp 4 → 16 → 3, softmax cross-entropy, 131 parameters, seed 42
                  layer  shape         activation      init            parameters
                  1      4 × 16        relu            he                      80
                  2      16 × 3        softmax         he                      51
                """, model.toString());
    }

    @Test
    void theGradientCheckReportsEveryLayer() {
        Dataset batch = Dataset.classification(new double[][] {{1, 2, 3, 4}, {0, 1, 0, 1}, {2, 2, 1, 0}},
                new int[] {0, 1, 2});
        String report = GradientCheck.of(model, batch).toString();
        String[] lines = report.split("\n");
        assertEquals("Gradient check passed: back-propagation matches finite differences", lines[0]);
        assertEquals(6, lines.length, report);
        assertTrue(lines[1].matches("\\s+layer\\s+activation\\s+parameter\\s+entries\\s+relative error\\s+max \\|diff\\|\\s*"),
                lines[1]);
        assertTrue(lines[2].matches("\\s+1\\s+relu\\s+W1\\s+64\\s+\\S+e-\\d+\\s+\\S+\\s+ok"), lines[2]);
        assertTrue(lines[5].matches("\\s+2\\s+softmax\\s+b2\\s+3\\s+\\S+e-\\d+\\s+\\S+\\s+ok"), lines[5]);
    }
}
