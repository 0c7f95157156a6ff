package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlplab.autodiff.NetworkGraph;
import org.mlplab.autodiff.Value;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;

class GraphPictureTest {

    /** o = tanh(x1 w1 + x2 w2 + b): leaves in column 0 or 1, the products in 1, the sum in 2, o in 3. */
    private static Value neuron() {
        Value x1 = Value.of(2, "x1");
        Value w1 = Value.of(-3, "w1");
        Value x2 = Value.of(0, "x2");
        Value w2 = Value.of(1, "w2");
        return Value.sum(List.of(x1.times(w1), x2.times(w2), Value.of(6.88, "b"))).named("n").tanh().named("o");
    }

    @Test
    void aValueSitsRightOfItsInputsAndNoTwoShareAPlace() {
        Value loss = NetworkGraph.loss(Mlp.input(2).dense(2, Activation.TANH).dense(2, Activation.SOFTMAX).seed(1).build(),
                new double[] {0.5, -1}, new double[] {0, 1});
        Map<Value, int[]> place = GraphPicture.layout(loss.graph());
        Set<List<Integer>> taken = new HashSet<>();
        for (Value v : loss.graph()) {
            int[] p = place.get(v);
            assertTrue(taken.add(List.of(p[0], p[1])), "two values at " + p[0] + ", " + p[1]);
            for (Value input : v.inputs()) {
                assertTrue(place.get(input)[0] < p[0], input + " is left of " + v);
            }
        }
        assertEquals(place.values().stream().mapToInt(p -> p[0]).max().orElseThrow(), place.get(loss)[0],
                "the output is in the last column");
    }

    @Test
    void theOneNeuronGraphIsDrawnWithEachKindOfValueInItsColourAndTheBackwardStepsAfterBackward() {
        Value o = neuron();
        BufferedImage before = GraphPicture.of(o);
        int width = 2 * GraphPicture.MARGIN + 4 * GraphPicture.BOX_WIDTH + 3 * GraphPicture.COLUMN_GAP;
        int height = 2 * GraphPicture.MARGIN + 4 * GraphPicture.BOX_HEIGHT + 3 * GraphPicture.ROW_GAP;
        assertEquals(width, before.getWidth());
        assertEquals(height, before.getHeight());
        Map<Value, int[]> place = GraphPicture.layout(o.graph());
        Value n = o.inputs().get(0);
        Value x1 = n.inputs().get(0).inputs().get(0);
        assertEquals(GraphPicture.OUTPUT.getRGB(), fill(before, place.get(o)), "the output");
        assertEquals(GraphPicture.COMPUTED.getRGB(), fill(before, place.get(n)), "a computed value");
        assertEquals(GraphPicture.LEAF.getRGB(), fill(before, place.get(x1)), "a leaf");
        assertTrue(badges(before) == 0, "no backward steps before backward()");
        o.backward();
        BufferedImage after = GraphPicture.of(o);
        assertEquals(o.graph().size(), badges(after), "one badge per value after backward()");
        assertNotEquals(0, x1.grad());
    }

    @Test
    void aGraphTooLargeToReadIsRefusedWithWhatToDrawInstead() {
        Value sum = Value.of(0, "s");
        for (int i = 0; i < GraphPicture.MAX_VALUES; i++) {
            sum = sum.plus(Value.of(i, "x" + i));
        }
        Value big = sum;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GraphPicture.of(big)).getMessage()
                .contains("draw one neuron"));
    }

    /** The colour of a box, at its bottom right, clear of its text and badge. */
    private static int fill(BufferedImage image, int[] p) {
        int x = GraphPicture.MARGIN + p[0] * (GraphPicture.BOX_WIDTH + GraphPicture.COLUMN_GAP) + GraphPicture.BOX_WIDTH - 12;
        int y = GraphPicture.MARGIN + p[1] * (GraphPicture.BOX_HEIGHT + GraphPicture.ROW_GAP) + GraphPicture.BOX_HEIGHT - 8;
        return image.getRGB(x, y);
    }

    /** Boxes with the backward-step badge: the badge's colour at its place in each box's top right corner. */
    private static int badges(BufferedImage image) {
        Color badge = Look.category(1);
        int count = 0;
        for (int left = GraphPicture.MARGIN; left + GraphPicture.BOX_WIDTH <= image.getWidth(); left += GraphPicture.BOX_WIDTH + GraphPicture.COLUMN_GAP) {
            for (int top = GraphPicture.MARGIN; top + GraphPicture.BOX_HEIGHT <= image.getHeight(); top += GraphPicture.BOX_HEIGHT + GraphPicture.ROW_GAP) {
                if (image.getRGB(left + GraphPicture.BOX_WIDTH - 8, top + 11) == badge.getRGB()) {
                    count++;
                }
            }
        }
        return count;
    }
}
