package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.mlplab.RealData;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.train.Fit;

class FirstLayerTest {
    /** Layout of a 2 × 8 picture: each input pixel a square of 72 / 8 = 9 screen pixels. */
    private static final int SCALE = 9;

    /** The colour drawn at the centre of input pixel ({@code row}, {@code col}) of unit {@code unit}'s image. */
    private static int pixel(BufferedImage image, FirstLayer layout, int unit, int row, int col) {
        Rectangle tile = layout.tile(unit);
        return image.getRGB(tile.x + col * SCALE + SCALE / 2, tile.y + row * SCALE + SCALE / 2);
    }

    @Test
    void trainedOnTheDigitsEachUnitIsAnImageOfItsWeightsScaledToItsLargest() {
        Mlp model = Mlp.input(64).dense(16, Activation.RELU).dense(10, Activation.SOFTMAX).seed(1).build();
        model.fit(RealData.digits(), Fit.epochs(2).batch(64).adam(0.01).quiet());
        BufferedImage image = Pictures.firstLayer(model, 8, 8);
        // 16 units: 4 × 4 images of 72 × 72, each with its label band under it
        int cell = 8 * SCALE + FirstLayer.GAP;
        assertEquals(Math.max(FirstLayer.MIN_WIDTH, FirstLayer.GAP + 4 * cell), image.getWidth());
        assertEquals(FirstLayer.CAPTION + 4 * (cell + FirstLayer.LABEL) + FirstLayer.GAP, image.getHeight());

        FirstLayer layout = new FirstLayer(model, 8, 8);
        double[][] w = model.layer(0).weights().toArray();
        for (int unit = 0; unit < 16; unit++) {
            double largest = 0;
            for (double[] input : w) {
                largest = Math.max(largest, Math.abs(input[unit]));
            }
            for (int i = 0; i < 64; i++) {
                assertEquals(Look.diverging(w[i][unit] / largest).getRGB(), pixel(image, layout, unit, i / 8, i % 8),
                        "unit " + unit + ", input " + i);
            }
        }
        assertEquals("all 16 units", layout.caption().get(2));
    }

    @Test
    void positiveWeightsAreBlueNegativeOrangeWithRowZeroOnTop() {
        Mlp model = Mlp.input(64).dense(2, Activation.TANH).dense(2, Activation.SOFTMAX).build();
        double[][] w = new double[64][2];
        for (int i = 0; i < 64; i++) {
            w[i][0] = i % 8 < 4 ? 1 : -1;        // unit 1: +1 on the left half, -1 on the right
            w[i][1] = i / 8 < 4 ? 0.5 : -0.25;   // unit 2: +0.5 on the top half, -0.25 below
        }
        model.layer(0).weights().set(w);
        BufferedImage image = Pictures.firstLayer(model, 8, 8);
        FirstLayer layout = new FirstLayer(model, 8, 8);
        int blue = Look.category(0).getRGB();
        int orange = Look.category(1).getRGB();
        for (int row = 0; row < 8; row++) {
            for (int col = 0; col < 8; col++) {
                assertEquals(col < 4 ? blue : orange, pixel(image, layout, 0, row, col), "unit 1 at " + row + ", " + col);
                assertEquals(row < 4 ? blue : Look.tint(Look.category(1), 0.5).getRGB(), pixel(image, layout, 1, row, col),
                        "unit 2, scaled to its own largest |w| of 0.5, at " + row + ", " + col);
            }
        }
    }

    @Test
    void aWideLayerShowsItsFirst64UnitsAndSaysHowManyMore() {
        Mlp model = Mlp.input(6).dense(70, Activation.RELU).dense(2, Activation.SOFTMAX).seed(3).build();
        FirstLayer layout = new FirstLayer(model, 3, 2);
        assertEquals("units 1 to 64 of 70; 6 more not shown", layout.caption().get(2));
        BufferedImage image = Pictures.firstLayer(model, 3, 2);
        Rectangle last = layout.tile(FirstLayer.MAX_UNITS - 1);
        assertTrue(framed(image, last), "the 64th unit is drawn");
        assertEquals(image.getHeight(), last.y + last.height + FirstLayer.LABEL + FirstLayer.GAP + FirstLayer.GAP,
                "its row is the last");
        Rectangle next = layout.tile(FirstLayer.MAX_UNITS);
        assertTrue(next.y >= image.getHeight() || !framed(image, next), "no 65th");
    }

    @Test
    void aSizeOtherThanTheInputsIsRefusedWithWhatToGive() {
        Mlp digits = Mlp.input(64).dense(4, Activation.RELU).dense(2, Activation.SOFTMAX).build();
        var e = assertThrows(IllegalArgumentException.class, () -> Pictures.firstLayer(digits, 28, 28));
        assertTrue(e.getMessage().contains("the model has 64 inputs, not 28 × 28 = 784 pixels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pictures.firstLayer(digits, 0, 64));
        e = assertThrows(IllegalArgumentException.class, () -> Pictures.firstLayer(digits, -8, -8));
        assertEquals("an image has at least 1 × 1 pixels, got -8 × -8", e.getMessage());
        assertFalse(Pictures.firstLayer(digits, 64, 1).getWidth() < FirstLayer.MIN_WIDTH, "64 × 1 is a size too");
    }

    /** Whether an image is drawn at {@code tile}: its frame is there. */
    private static boolean framed(BufferedImage image, Rectangle tile) {
        return image.getRGB(tile.x + tile.width / 2, tile.y - 1) == Look.FRAME.getRGB();
    }
}
