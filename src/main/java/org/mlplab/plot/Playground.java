package org.mlplab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.mlplab.data.Dataset;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Network;

/**
 * The TensorFlow Playground's view of a classifier: its decision regions over the data, and beside
 * them one small map per hidden unit, its activation over the same plane, layer by layer from the
 * input side. The plane is the data's two features, or for wider data the plane of its first two
 * principal components (see {@link Charts#decisionBoundary}). The maps show how the units of the
 * first layer cut the plane with lines (or soft steps) and how later layers combine those cuts into
 * curved regions.
 * <pre>{@code
 * Playground.of(model, moons.train())
 * }</pre>
 * Each map is coloured from orange (below the activation's midpoint: 0, or 0.5 for a sigmoid)
 * through white to blue (above it), scaled to the unit's own largest deviation over the plane.
 * A layer of more than {@value #MAX_MAPS} units shows its first {@value #MAX_MAPS} and says how
 * many more it has.
 */
public final class Playground {
    /** Maps drawn per layer at most. */
    static final int MAX_MAPS = 8;
    /** Side of a map in pixels, one grid cell each. */
    static final int MAP = 64;
    /** Size of the decision-region chart. */
    static final int BOUNDARY_WIDTH = 600;
    static final int BOUNDARY_HEIGHT = 450;
    /** Space around and between the maps, and the caption band above them. */
    static final int GAP = 14;
    static final int CAPTION = 52;
    /** Width of one layer's column of maps. */
    static final int COLUMN = MAP + 2 * GAP + 16;

    private Playground() {
    }

    /**
     * The decision regions of {@code model} over {@code data} and the map of every hidden unit.
     *
     * @param model a classifier
     * @param data  a classification dataset of the model's width (2 features or more); not modified
     * @throws IllegalArgumentException if the data is not the model's width or not for classification
     */
    public static BufferedImage of(Network model, Dataset data) {
        Projection projection = Charts.regionsPlane(model, data);
        BufferedImage boundary = Pictures.toImage(Charts.decisionBoundary(model, data, projection, BOUNDARY_WIDTH,
                BOUNDARY_HEIGHT));
        List<Dense> hidden = model.layers().subList(0, model.layers().size() - 1);
        int shown = hidden.stream().mapToInt(layer -> Math.min(layer.units(), MAX_MAPS)).max().orElse(0);
        int width = BOUNDARY_WIDTH + hidden.size() * COLUMN + (hidden.isEmpty() ? 0 : GAP);
        int height = Math.max(BOUNDARY_HEIGHT, CAPTION + shown * (MAP + GAP) + 2 * GAP);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(boundary, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Look.INK);
            if (!hidden.isEmpty()) {
                double[][] plane = Charts.plane(projection.project(data.x()));
                List<double[][]> activations = model.activations(projection.lift(Charts.grid(plane, MAP)));
                for (int l = 0; l < hidden.size(); l++) {
                    drawLayer(g, BOUNDARY_WIDTH + l * COLUMN, l, hidden.get(l), activations.get(l));
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One layer's caption and maps, in a column starting at {@code left}. */
    private static void drawLayer(Graphics2D g, int left, int index, Dense layer, double[][] activations) {
        int x = left + GAP + 8;
        g.setFont(new Font(Look.FONT, Font.BOLD, 13));
        g.drawString("layer " + (index + 1), x, GAP + 14);
        g.setFont(new Font(Look.FONT, Font.PLAIN, 12));
        g.drawString(layer.units() + " " + layer.activation().name(), x, GAP + 32);
        int maps = Math.min(layer.units(), MAX_MAPS);
        double middle = layer.activation() == Activation.SIGMOID ? 0.5 : 0;
        for (int unit = 0; unit < maps; unit++) {
            int y = CAPTION + unit * (MAP + GAP);
            g.drawImage(map(activations, unit, middle), x, y, null);
            g.setColor(Look.FRAME);
            g.drawRect(x - 1, y - 1, MAP + 1, MAP + 1);
            g.setColor(Look.INK);
        }
        if (layer.units() > maps) {
            g.drawString("+" + (layer.units() - maps) + " more", x, CAPTION + maps * (MAP + GAP) + 4);
        }
    }

    /** One unit's activation over the plane: grid row 0 (the bottom of the plane) is the picture's last row. */
    private static BufferedImage map(double[][] activations, int unit, double middle) {
        double largest = 0;
        for (double[] row : activations) {
            largest = Math.max(largest, Math.abs(row[unit] - middle));
        }
        BufferedImage map = new BufferedImage(MAP, MAP, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < MAP; i++) {
            for (int j = 0; j < MAP; j++) {
                double t = largest > 0 ? (activations[i * MAP + j][unit] - middle) / largest : 0;
                map.setRGB(j, MAP - 1 - i, Look.diverging(t).getRGB());
            }
        }
        return map;
    }
}
