package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.mlplab.data.Dataset;
import org.mlplab.data.TableData;
import org.mlplab.data.ToyData;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;

class PlaygroundTest {
    private static final Dataset MOONS = TableData.of(ToyData.moons(200, 0.1, 3)).target("class").all();

    /** Left of the map's centre orange, right blue: unit 1 computes tanh(x1); unit 2 tanh(x2), blue at the top. */
    @Test
    void eachMapIsItsUnitsActivationOverThePlaneTheRightWayUp() {
        Mlp model = Mlp.input(2).dense(2, Activation.TANH).dense(2, Activation.SOFTMAX).seed(1).build();
        model.layer(0).weights().set(new double[][] {{4, 0}, {0, 4}});
        double[][] plane = Charts.plane(MOONS.x());
        model.layer(0).bias().set(new double[][] {{-4 * mid(plane, 0), -4 * mid(plane, 1)}});   // 0 mid-plane
        BufferedImage image = Playground.of(model, MOONS);
        Pixels.assertDrawn(image, Playground.BOUNDARY_WIDTH + Playground.COLUMN + Playground.GAP,
                Playground.BOUNDARY_HEIGHT);
        int left = Playground.BOUNDARY_WIDTH + Playground.GAP + 8;
        int top = Playground.CAPTION;
        int quarter = Playground.MAP / 4;
        int second = top + Playground.MAP + Playground.GAP;
        assertTrue(orange(image.getRGB(left + quarter, top + 2 * quarter)), "unit 1, left");
        assertTrue(blue(image.getRGB(left + 3 * quarter, top + 2 * quarter)), "unit 1, right");
        assertTrue(blue(image.getRGB(left + 2 * quarter, second + quarter)), "unit 2, top");
        assertTrue(orange(image.getRGB(left + 2 * quarter, second + 3 * quarter)), "unit 2, bottom");
    }

    @Test
    void aWideLayerShowsItsFirstMapsAndEveryHiddenLayerHasItsColumn() {
        Mlp model = Mlp.input(2).dense(40, Activation.RELU).dense(3, Activation.SIGMOID).dense(2, Activation.SOFTMAX)
                .seed(2).build();
        BufferedImage image = Playground.of(model, MOONS);
        int maps = Playground.MAX_MAPS;
        Pixels.assertDrawn(image, Playground.BOUNDARY_WIDTH + 2 * Playground.COLUMN + Playground.GAP,
                Math.max(Playground.BOUNDARY_HEIGHT, Playground.CAPTION + maps * (Playground.MAP + Playground.GAP)
                        + 2 * Playground.GAP));
        int x = Playground.BOUNDARY_WIDTH + Playground.GAP + 8;
        int lastMap = Playground.CAPTION + (maps - 1) * (Playground.MAP + Playground.GAP);
        assertTrue(framed(image, x, lastMap), "layer 1 draws its 8th map");
        assertTrue(!framed(image, x, lastMap + Playground.MAP + Playground.GAP),
                "no 9th map: a '+32 more' line instead");
        int third = Playground.CAPTION + 2 * (Playground.MAP + Playground.GAP);
        assertTrue(framed(image, x + Playground.COLUMN, third), "layer 2 draws its 3 maps");
        assertTrue(!framed(image, x + Playground.COLUMN, third + Playground.MAP + Playground.GAP));
    }

    @Test
    void withoutHiddenLayersItIsTheDecisionRegionsAlone() {
        Mlp model = Mlp.input(2).dense(2, Activation.SOFTMAX).build();
        Pixels.assertDrawn(Playground.of(model, MOONS), Playground.BOUNDARY_WIDTH, Playground.BOUNDARY_HEIGHT);
    }

    @Test
    void aModelOrDataOfAnotherWidthIsRefusedWithWhatToDo() {
        Mlp wide = Mlp.input(3).dense(2, Activation.SOFTMAX).build();
        var e = assertThrows(IllegalArgumentException.class, () -> Playground.of(wide, MOONS));
        assertTrue(e.getMessage().contains("the model expects 3 input features"), e.getMessage());
    }

    private static double mid(double[][] plane, int axis) {
        return (plane[0][axis] + plane[1][axis]) / 2;
    }

    private static boolean orange(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > c.getBlue() + Pixels.CHROMA;
    }

    private static boolean blue(int rgb) {
        Color c = new Color(rgb);
        return c.getBlue() > c.getRed() + Pixels.CHROMA;
    }

    /** Whether a map is drawn with its top-left corner at ({@code x}, {@code top}): its frame is there. */
    private static boolean framed(BufferedImage image, int x, int top) {
        return top <= image.getHeight() && image.getRGB(x + Playground.MAP / 2, top - 1) == Look.FRAME.getRGB();
    }
}
