package org.mlplab.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.mlplab.nn.Network;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The one place charts become pixels: a chart or a {@link ChartGrid} as a picture, PNG bytes, a
 * PNG or an SVG file; a network's diagram ({@link #network}) and its first layer's weights as
 * images ({@link #firstLayer}). Works headless
 * ({@code -Djava.awt.headless=true}).
 *
 * <pre>{@code
 * Pictures.savePng(Charts.loss(history), Path.of("loss.png"));
 * Pictures.saveSvg(Charts.curves(history), Path.of("curves.svg"));
 * }</pre>
 */
public final class Pictures {
    private Pictures() {
    }

    /** The chart as a picture of its own size (RGB, white background). Headless-safe. */
    public static BufferedImage toImage(Chart<?, ?> chart) {
        return toImage(ChartGrid.of("", 1, chart));
    }

    /** The grid as one picture of {@link ChartGrid#width()} × {@link ChartGrid#height()}. Headless-safe. */
    public static BufferedImage toImage(ChartGrid grid) {
        BufferedImage image = new BufferedImage(grid.width(), grid.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paint(g, grid);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Writes the chart as a PNG file (parent folders are created); returns {@code file}. */
    public static Path savePng(Chart<?, ?> chart, Path file) throws IOException {
        return savePng(ChartGrid.of("", 1, chart), file);
    }

    /** Writes the grid as one PNG file (parent folders are created); returns {@code file}. */
    public static Path savePng(ChartGrid grid, Path file) throws IOException {
        createParent(file);
        Files.write(file, toPng(grid));
        return file;
    }

    /** Writes the chart as an SVG file (parent folders are created); returns {@code file}. */
    public static Path saveSvg(Chart<?, ?> chart, Path file) throws IOException {
        return saveSvg(ChartGrid.of("", 1, chart), file);
    }

    /** Writes the grid as one SVG file (parent folders are created); returns {@code file}. */
    public static Path saveSvg(ChartGrid grid, Path file) throws IOException {
        createParent(file);
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g, grid);
        Document document = new SVGProcessor().getDocument(g.getCommands(),
                new PageSize(0, 0, grid.width(), grid.height()));
        try (OutputStream out = Files.newOutputStream(file)) {
            document.writeTo(out);
        }
        return file;
    }

    /** The chart as PNG bytes, e.g. for a notebook's {@code image/png} output. */
    public static byte[] toPng(Chart<?, ?> chart) {
        return toPng(ChartGrid.of("", 1, chart));
    }

    /** The grid as PNG bytes. */
    public static byte[] toPng(ChartGrid grid) {
        return toPng(toImage(grid));
    }

    /** Any picture as PNG bytes: the library's one PNG encoder (files, notebooks, reports). */
    public static byte[] toPng(BufferedImage image) {
        var bytes = new java.io.ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer is available in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A diagram of the network: the inputs and each layer as a column of units, labelled with
     * its width and activation ({@code 32 tanh}) and tagged with batch norm, residual or dropout;
     * an edge per weight between consecutive columns, blue when positive and orange when negative,
     * wider and darker the larger its {@code |w|} relative to the largest of its layer (biases are
     * not drawn). Inputs are named after the features when the model knows its
     * {@link Network#encoding() encoding} (else {@code x1..xn}), outputs after the classes. A layer
     * of more than 16 units shows its first and last 5 with a "⋮ N more" marker, and only the
     * edges among the units drawn, so the picture stays notebook-sized. Headless-safe; a notebook
     * shows the returned picture as a PNG.
     *
     * <pre>{@code
     * Pictures.network(model)                       // cell output: the diagram
     * Files.write(Path.of("net.png"), Pictures.toPng(Pictures.network(model)));
     * }</pre>
     *
     * @param network Not modified
     * @throws NullPointerException     if {@code network} is null
     * @throws IllegalArgumentException if a weight is not finite
     */
    public static BufferedImage network(Network network) {
        return new NetworkDiagram(network).image();
    }

    /**
     * The first layer of a model trained on images: each unit's incoming weights drawn as an image
     * of {@code width × height} pixels, blue where a weight is positive and orange where it is
     * negative, scaled per unit to its largest {@code |w|} (written under it), in a grid of the
     * first {@value FirstLayer#MAX_UNITS} units at most (the caption says how many more there
     * are). Input {@code i} is the pixel in row {@code i / width}, column {@code i % width}, row 0
     * at the top, as in the digits and Fashion-MNIST. Headless-safe; a notebook shows the
     * returned picture as a PNG.
     *
     * <pre>{@code
     * Pictures.firstLayer(model, 8, 8)              // a model trained on Datasets.digits()
     * Pictures.firstLayer(model, 28, 28)            // ... on Idx.fashionMnist
     * }</pre>
     *
     * @param model Not modified
     * @throws NullPointerException     if {@code model} is null
     * @throws IllegalArgumentException if {@code width × height} is not the model's number of inputs, or a side is below 1
     */
    public static BufferedImage firstLayer(Network model, int width, int height) {
        return new FirstLayer(model, width, height).image();
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** Paints the grid's title and each chart in its cell. */
    private static void paint(Graphics2D g, ChartGrid grid) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.width(), grid.height());
        int top = 0;
        if (!grid.title().isEmpty()) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setFont(new Font(Look.FONT, Font.BOLD, 17));
            g.setColor(Look.INK);
            FontMetrics m = g.getFontMetrics();
            String title = fit(grid.title(), m, grid.width() - 24);
            g.drawString(title, (grid.width() - m.stringWidth(title)) / 2,
                    (ChartGrid.TITLE_HEIGHT + m.getAscent() - m.getDescent()) / 2 + 2);
            top = ChartGrid.TITLE_HEIGHT;
        }
        List<Chart<?, ?>> charts = grid.charts();
        for (int i = 0; i < charts.size(); i++) {
            Chart<?, ?> chart = charts.get(i);
            int x = (i % grid.columns()) * grid.cellWidth();
            int y = top + (i / grid.columns()) * grid.cellHeight();
            AffineTransform saved = g.getTransform();
            Shape clip = g.getClip();
            g.translate(x, y);
            g.clipRect(0, 0, chart.getWidth(), chart.getHeight());
            chart.paint(g, chart.getWidth(), chart.getHeight());
            g.setTransform(saved);
            g.setClip(clip);
        }
    }

    /** {@code text}, shortened with an ellipsis to fit {@code width} pixels. */
    static String fit(String text, FontMetrics m, int width) {
        if (m.stringWidth(text) <= width) {
            return text;
        }
        String s = text;
        while (s.length() > 1 && m.stringWidth(s + "…") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }
}
