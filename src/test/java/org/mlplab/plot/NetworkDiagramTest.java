package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlplab.nn.Activation.IDENTITY;
import static org.mlplab.nn.Activation.RELU;
import static org.mlplab.nn.Activation.SOFTMAX;
import static org.mlplab.nn.Activation.TANH;
import static org.mlplab.plot.Pixels.assertDrawn;

import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.mlplab.data.Encoding;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Network;

/**
 * {@link Pictures#network}: the picture's size, the units it draws, the colour and weight of its
 * edges and its text, read from the pixels. Units are found as runs of their fill colour down the
 * middle of a column; "dark" pixels are text or outlines (edges are coloured and lighter).
 */
class NetworkDiagramTest {
    private static final IntPredicate BLUE = rgb -> blue(rgb) - red(rgb) > 40;
    private static final IntPredicate ORANGE = rgb -> red(rgb) - blue(rgb) > 40;
    private static final IntPredicate DARK = rgb -> Math.max(red(rgb), Math.max(green(rgb), blue(rgb))) < 128;
    private static final IntPredicate NOT_WHITE = rgb -> (rgb & 0xFFFFFF) != 0xFFFFFF;

    /** A tanh network of the given widths with an identity output (so no loss warning). */
    private static Network network(int inputs, int... units) {
        var b = Network.input(inputs);
        for (int k = 0; k < units.length; k++) {
            b.dense(units[k], k == units.length - 1 ? IDENTITY : TANH);
        }
        return b.seed(7).build();
    }

    private static int red(int rgb) {
        return rgb >> 16 & 0xFF;
    }

    private static int green(int rgb) {
        return rgb >> 8 & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }

    /** Pixels matching {@code kind} in the rectangle {@code [x0, x1) × [y0, y1)}. */
    private static int count(BufferedImage image, IntPredicate kind, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(image.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(image.getWidth(), x1); x++) {
                n += kind.test(image.getRGB(x, y)) ? 1 : 0;
            }
        }
        return n;
    }

    /** Pixels matching {@code kind} above the legend. */
    private static int countAboveLegend(BufferedImage image, NetworkDiagram diagram, IntPredicate kind) {
        return count(image, kind, 0, 0, image.getWidth(), diagram.legendTop);
    }

    /** The centres (y) of the units drawn in column {@code c}: runs of their fill colour down its middle. */
    private static List<Integer> units(BufferedImage image, NetworkDiagram diagram, int c) {
        List<Integer> centres = new ArrayList<>();
        int x = diagram.x(c);
        int run = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            if ((image.getRGB(x, y) & 0xFFFFFF) == (NetworkDiagram.UNIT.getRGB() & 0xFFFFFF)) {
                run++;
            } else {
                if (run >= 8) {
                    centres.add(y - 1 - run / 2);
                }
                run = 0;
            }
        }
        return centres;
    }

    private static void setAll(Network network, double w) {
        for (Dense layer : network.layers()) {
            double[] values = new double[layer.weights().size()];
            Arrays.fill(values, w);
            layer.weights().setValues(values);
        }
    }

    @Test
    void drawnHeadlessAtItsSizeWithEveryUnitOfASmallNetwork() {
        Network net = network(2, 8, 8, 1);
        BufferedImage image = Pictures.network(net);
        // 2 × 130 beside the outer columns and 3 × 160 between them; 40 of labels, 8 units × 28, 12,
        // and the legend's 2 lines of 16 and 12
        assertDrawn(image, 740, 320, 0.05, 4);
        NetworkDiagram diagram = new NetworkDiagram(net);
        assertEquals(List.of(2, 8, 8, 1), List.of(units(image, diagram, 0).size(), units(image, diagram, 1).size(),
                units(image, diagram, 2).size(), units(image, diagram, 3).size()));
        List<Integer> hidden = units(image, diagram, 1);
        assertEquals(diagram.y(1, 0), hidden.get(0), 1, "the first hidden unit where the layout puts it");
        assertEquals(diagram.y(1, 7), hidden.get(7), 1, "the last hidden unit where the layout puts it");
    }

    @Test
    void positiveWeightsDrawOnlyThePositiveColourAndAFlippedOneTheNegative() {
        Network net = network(2, 8, 8, 1);
        setAll(net, 0.5);
        NetworkDiagram diagram = new NetworkDiagram(net);
        BufferedImage positive = Pictures.network(net);
        assertEquals(0, countAboveLegend(positive, diagram, ORANGE), "negative-coloured pixels");
        assertTrue(countAboveLegend(positive, diagram, BLUE) > 1000, "positive-coloured pixels");

        net.layer(1).weights().set(3 * 8 + 4, -0.5);
        BufferedImage flipped = Pictures.network(net);
        int orange = countAboveLegend(flipped, diagram, ORANGE);
        assertTrue(orange > 100, orange + " negative-coloured pixels for one flipped weight");
        // all of them between the two hidden columns
        assertEquals(orange, count(flipped, ORANGE, diagram.x(1), 0, diagram.x(2) + 1, diagram.legendTop));
    }

    /** Pixels of the edge up to the first output and of the edge down to the second, in a 1-2 network with weights {@code w}. */
    private static int[] upAndDown(double... w) {
        Network net = network(1, 2);
        net.layer(0).weights().set(new double[][] {w});
        NetworkDiagram diagram = new NetworkDiagram(net);
        BufferedImage image = Pictures.network(net);
        int middle = units(image, diagram, 0).get(0);
        int x0 = diagram.x(0) + 12;   // clear of the circles and of the labels above them
        int x1 = diagram.x(1) - 12;
        return new int[] {count(image, NOT_WHITE, x0, (int) diagram.y(1, 0) - 10, x1, middle),
            count(image, NOT_WHITE, x0, middle + 1, x1, (int) diagram.y(1, 1) + 10)};
    }

    @Test
    void aLargerWeightDrawsAHeavierEdge() {
        int[] heavyUp = upAndDown(1.0, 0.2);
        assertTrue(heavyUp[0] > 2 * heavyUp[1], "pixels up (1.0) and down (0.2): " + Arrays.toString(heavyUp));
        int[] heavyDown = upAndDown(0.2, 1.0);
        assertTrue(heavyDown[1] > 2 * heavyDown[0], "pixels up (0.2) and down (1.0): " + Arrays.toString(heavyDown));
    }

    @Test
    void aWideNetworkIsSummarisedToAFewUnitsAtEachEnd() {
        Network net = Network.input(64).dense(256, RELU).dense(10, SOFTMAX).build();
        long start = System.nanoTime();
        BufferedImage image = Pictures.network(net);
        double seconds = (System.nanoTime() - start) / 1e9;
        NetworkDiagram diagram = new NetworkDiagram(net);
        // 11 slots in the tallest column (5 units, the marker, 5 units): shorter than a column of 16
        assertDrawn(image, 580, 40 + 11 * 28 + 12 + 3 * 16 + 12, 0.05, 4);
        for (int c = 0; c < 3; c++) {
            assertEquals(2 * NetworkDiagram.ENDS, units(image, diagram, c).size(), "units drawn in column " + c);
        }
        for (int c = 0; c < 2; c++) {   // "⋮ N more" between the fifth and the sixth unit drawn
            int y = (int) diagram.y(c, NetworkDiagram.ENDS);
            int text = count(image, DARK, diagram.x(c) - 40, y - 6, diagram.x(c) + 40, y + 6);
            assertTrue(text > 20, "only " + text + " dark pixels where column " + c + "'s marker goes");
        }
        assertTrue(seconds < 1, seconds + " s to draw");
    }

    @Test
    void inputsAndOutputsAreNamedWhenTheModelKnowsItsEncoding() {
        StringBuilder features = new StringBuilder();
        for (String column : List.of("sepal_length", "sepal_width", "petal_length", "petal_width")) {
            features.append(features.length() == 0 ? "" : ",").append("{\"column\": \"").append(column)
                    .append("\", \"type\": \"numeric\", \"center\": 0, \"scale\": 1}");
        }
        Encoding iris = Encoding.fromJson(JsonParser.parseString("{\"target\": \"species\", \"classes\": "
                + "[\"setosa\", \"versicolor\", \"virginica\"], \"features\": [" + features + "]}").getAsJsonObject());
        Network net = Network.input(4).dense(5, RELU).dense(3, SOFTMAX).build();
        NetworkDiagram diagram = new NetworkDiagram(net);
        BufferedImage unnamed = Pictures.network(net);
        net.setEncoding(iris);
        BufferedImage named = Pictures.network(net);
        int left = diagram.x(0) - 12;
        int right = diagram.x(2) + 12;
        int top = (int) diagram.y(0, 0) - 14;
        int x1x4 = count(unnamed, DARK, 0, top, left, diagram.legendTop);
        int sepalLengthEtc = count(named, DARK, 0, top, left, diagram.legendTop);
        assertTrue(sepalLengthEtc > 3 * x1x4, "text left of the inputs: " + x1x4 + " dark pixels for x1..x4, "
                + sepalLengthEtc + " for the feature names");
        assertEquals(0, count(unnamed, DARK, right, top, diagram.width, diagram.legendTop), "no names for outputs");
        assertTrue(count(named, DARK, right, top, diagram.width, diagram.legendTop) > 100, "the class names");
    }

    @Test
    void batchNormResidualAndDropoutAreTaggedUnderTheirLayersLabel() {
        Network plain = Network.input(4).dense(5, RELU).dense(3, SOFTMAX).build();
        Network tagged = Network.input(4).dense(5, RELU).batchNorm().residual().dropout(0.3).dense(3, SOFTMAX).build();
        BufferedImage image = Pictures.network(tagged);
        assertEquals(Pictures.network(plain).getHeight() + 3 * 16, image.getHeight(), "three tag lines");
        NetworkDiagram diagram = new NetworkDiagram(tagged);
        // the tags' lines of 16 under the label's baseline at 25
        int tags = count(image, DARK, diagram.x(1) - 70, 30, diagram.x(1) + 70, 30 + 3 * 16);
        assertTrue(tags > 150, "only " + tags + " dark pixels in the tags");
        assertEquals(0, count(image, DARK, diagram.x(0) - 70, 30, diagram.x(0) + 70, 30 + 3 * 16), "inputs untagged");
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        var npe = assertThrows(NullPointerException.class, () -> Pictures.network(null));
        assertTrue(npe.getMessage().contains("network to draw is null"), npe.getMessage());
        Network net = network(2, 3, 1);
        double[] values = new double[6];
        values[4] = Double.NaN;
        net.layer(0).weights().setValues(values);
        var bad = assertThrows(IllegalArgumentException.class, () -> Pictures.network(net));
        assertEquals("weight 4 of layer 1 is NaN: only a network with finite weights can be drawn", bad.getMessage());
    }
}
