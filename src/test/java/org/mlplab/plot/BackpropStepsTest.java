package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlplab.data.Dataset;
import org.mlplab.internal.Numbers;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;

class BackpropStepsTest {
    private static final double[] X = {0.5, -1};

    private static Mlp classifier() {
        return Mlp.input(2).dense(3, Activation.TANH).dense(2, Activation.SOFTMAX).seed(3).build();
    }

    @Test
    void theStepsAreTheInputsThenEachLayerForwardThenEachLayerBackwardWithTheEnginesNumbers() {
        Mlp model = classifier();
        BackpropSteps steps = BackpropSteps.of(model, X, new double[] {0, 1});
        assertEquals(5, steps.size());
        Map<String, double[][]> engine = model.gradients(Dataset.classification(new double[][] {X}, new int[] {1}));
        double[] z1 = model.layer(0).z()[0];
        double[] delta1 = model.layer(0).delta()[0];
        assertTrue(steps.caption(0).get(1).equals("x = [0.5, -1]"), steps.caption(0).toString());
        assertTrue(steps.caption(1).get(1).endsWith(" = " + Numbers.compact(z1[0])), steps.caption(1).toString());
        assertTrue(steps.caption(1).get(1).startsWith("z1[0] = 0.5·"), "the first unit's sum, with x plugged in");
        assertTrue(steps.caption(3).get(0).contains("δ2 = ∂ℓ/∂z2 = a2 − t"), steps.caption(3).toString());
        assertTrue(steps.caption(4).get(1).endsWith(" = " + Numbers.compact(delta1[0])), steps.caption(4).toString());
        assertTrue(steps.caption(4).get(2).contains("dW1[0][0] = 0.5 · " + factor(delta1[0]) + " = "
                + Numbers.compact(engine.get("W1")[0][0])), steps.caption(4).toString());
    }

    @Test
    void eachFrameRingsTheUnitsOfItsLayer() {
        Mlp model = classifier();
        BackpropSteps steps = BackpropSteps.of(model, X, new double[] {0, 1});
        NetworkDiagram diagram = new NetworkDiagram(model);
        int[] ringed = {0, 1, 2, 2, 1};   // inputs; layer 1 and 2 forward; layer 2 and 1 backward
        for (int k = 0; k < steps.size(); k++) {
            BufferedImage frame = steps.frame(k);
            for (int c = 0; c < 3; c++) {
                assertEquals(c == ringed[k], ringed(frame, diagram.x(c)), "step " + k + ", column " + c);
            }
        }
    }

    @Test
    void aRegressorsOutputErrorIsTheMeanSquaredErrorsAndTheStripHoldsEveryStep() {
        Mlp model = Mlp.input(2).dense(2, Activation.RELU).dense(1, Activation.IDENTITY).seed(1).build();
        BackpropSteps steps = BackpropSteps.of(model, X, new double[] {0.3});
        assertTrue(steps.caption(3).get(0).contains("(2/K)(a2 − t)"), steps.caption(3).toString());
        int width = steps.frames().stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int height = steps.frames().stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
        BufferedImage strip = steps.strip();
        assertEquals(2 * width, strip.getWidth());
        assertEquals(3 * height, strip.getHeight());
    }

    @Test
    void whatTheStepsDoNotCoverIsRefusedWithTheReason() {
        Mlp model = classifier();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BackpropSteps.of(model, X, new double[] {0.5, 0.5}))
                .getMessage().contains("one-hot"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BackpropSteps.of(model, new double[] {1}, new double[] {0, 1}))
                .getMessage().contains("got 1 features"));
        Mlp normalised = Mlp.input(2).dense(3, Activation.TANH).batchNorm().dense(2, Activation.SOFTMAX).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BackpropSteps.of(normalised, X, new double[] {0, 1}))
                .getMessage().contains("plain dense layers"));
        BackpropSteps steps = BackpropSteps.of(model, X, new double[] {1, 0});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> steps.frame(5)).getMessage().contains("0 to 4"));
    }

    private static String factor(double v) {
        return v < 0 ? "(" + Numbers.compact(v) + ")" : Numbers.compact(v);
    }

    /** Whether a unit of the column at {@code x} wears the highlight's ring. */
    private static boolean ringed(BufferedImage image, int x) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int dx = -14; dx <= 14; dx++) {
                if (image.getRGB(x + dx, y) == NetworkDiagram.HIGHLIGHT.getRGB()) {
                    return true;
                }
            }
        }
        return false;
    }
}
