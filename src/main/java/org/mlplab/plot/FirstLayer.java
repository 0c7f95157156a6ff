package org.mlplab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import org.mlplab.internal.Numbers;
import org.mlplab.nn.Network;

/**
 * The first layer of a network whose inputs are the pixels of images, for
 * {@link Pictures#firstLayer}: each unit's incoming weights laid out as an image of the inputs'
 * size, in a grid of at most {@value #MAX_UNITS} units (the first ones). A weight is blue when
 * positive and orange when negative (as in {@link Playground} and the network diagram), the
 * deeper the larger its {@code |w|} relative to the largest of its unit, written under the image.
 * Input {@code i} is the pixel in row {@code i / width}, column {@code i % width}, row 0 at the
 * top: the order of the digits' {@code pixel_row_col} columns and of IDX files.
 */
final class FirstLayer {
    /** The most units drawn. */
    static final int MAX_UNITS = 64;
    /** About this many screen pixels on the longer side of a unit's image. */
    static final int TILE = 72;
    /** Room around and between the images. */
    static final int GAP = 12;
    /** The caption band above the images. */
    static final int CAPTION = 64;
    /** The band under each image for its unit's number and largest {@code |w|}. */
    static final int LABEL = 14;
    /** The narrowest picture: room for the caption. */
    static final int MIN_WIDTH = 560;
    private static final Font TITLE = new Font(Look.FONT, Font.BOLD, 14);
    private static final Font SMALL = new Font(Look.FONT, Font.PLAIN, 11);

    private final double[][] weights;   // inputs × units
    private final int imageWidth;
    private final int imageHeight;
    private final int shown;
    private final int columns;
    private final int scale;
    /** The picture's size. */
    final int width;
    final int height;

    /**
     * Lays out the picture of {@code network}'s first layer (nothing is drawn yet).
     *
     * @throws IllegalArgumentException if {@code imageWidth × imageHeight} is not the number of inputs, or a side is below 1
     */
    FirstLayer(Network network, int imageWidth, int imageHeight) {
        Objects.requireNonNull(network, "the network to draw is null: give a model trained on images");
        if (imageWidth < 1 || imageHeight < 1) {
            throw new IllegalArgumentException("an image has at least 1 × 1 pixels, got " + imageWidth + " × " + imageHeight);
        }
        if ((long) imageWidth * imageHeight != network.inputs()) {
            throw new IllegalArgumentException(String.format("the model has %d inputs, not %d × %d = %d pixels: give "
                    + "the width and height of the images it takes (e.g. 8 × 8 for the digits, 28 × 28 for "
                    + "Fashion-MNIST)", network.inputs(), imageWidth, imageHeight, (long) imageWidth * imageHeight));
        }
        this.weights = network.layer(0).weights().toArray();
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.shown = Math.min(weights[0].length, MAX_UNITS);
        this.columns = (int) Math.ceil(Math.sqrt(shown));
        this.scale = Math.max(1, Math.round((float) TILE / Math.max(imageWidth, imageHeight)));
        int rows = (shown + columns - 1) / columns;
        this.width = Math.max(MIN_WIDTH, GAP + columns * (imageWidth * scale + GAP));
        this.height = CAPTION + rows * (imageHeight * scale + LABEL + GAP) + GAP;
    }

    /** Where the image of unit {@code unit} (0-based) is drawn, each input pixel a square of {@code scale} screen pixels. */
    Rectangle tile(int unit) {
        int w = imageWidth * scale;
        int h = imageHeight * scale;
        return new Rectangle(GAP + unit % columns * (w + GAP), CAPTION + unit / columns * (h + LABEL + GAP), w, h);
    }

    /** Draws the picture. */
    BufferedImage image() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            drawCaption(g);
            g.setFont(SMALL);
            for (int unit = 0; unit < shown; unit++) {
                drawUnit(g, unit);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The caption's lines: what the picture shows, how it is coloured, and how many units it leaves out. */
    List<String> caption() {
        int units = weights[0].length;
        return List.of(String.format("First layer: each unit's weights on the %d × %d pixels", imageWidth, imageHeight),
                "blue: w > 0, orange: w < 0, each unit to its largest |w| (after its number)",
                units > shown ? String.format("units 1 to %d of %d; %d more not shown", shown, units, units - shown)
                        : "all " + units + (units == 1 ? " unit" : " units"));
    }

    /** Draws the caption, its first line in bold. */
    private void drawCaption(Graphics2D g) {
        g.setColor(Look.INK);
        List<String> lines = caption();
        for (int i = 0; i < lines.size(); i++) {
            g.setFont(i == 0 ? TITLE : SMALL);
            g.drawString(Pictures.fit(lines.get(i), g.getFontMetrics(), width - 2 * GAP), GAP,
                    i == 0 ? GAP + 12 : GAP + 17 + 15 * i);
        }
    }

    /** Unit {@code unit}'s weights as an image in its tile, framed, with its number and largest {@code |w|} under it. */
    private void drawUnit(Graphics2D g, int unit) {
        double largest = 0;
        for (double[] input : weights) {
            largest = Math.max(largest, Math.abs(input[unit]));
        }
        BufferedImage pixels = new BufferedImage(imageWidth, imageHeight, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < weights.length; i++) {
            double t = largest > 0 ? weights[i][unit] / largest : 0;
            pixels.setRGB(i % imageWidth, i / imageWidth, Look.diverging(t).getRGB());
        }
        Rectangle tile = tile(unit);
        g.drawImage(pixels, tile.x, tile.y, tile.width, tile.height, null);
        g.setColor(Look.FRAME);
        g.drawRect(tile.x - 1, tile.y - 1, tile.width + 1, tile.height + 1);
        g.setColor(Look.INK);
        String label = Pictures.fit((unit + 1) + ": " + Numbers.compact(largest), g.getFontMetrics(), tile.width + GAP);
        g.drawString(label, tile.x, tile.y + tile.height + LABEL - 2);
    }
}
