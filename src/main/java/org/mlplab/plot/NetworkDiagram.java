package org.mlplab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.mlplab.data.Encoding;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Network;
import org.mlplab.nn.Parameter;

/**
 * A picture of a {@link Network}, for {@link Pictures#network}: the inputs and each layer as a
 * column of units, labelled with its width and activation ({@code 32 tanh}) and tagged with what
 * else the layer does (batch norm, residual, dropout); an edge for every weight between
 * consecutive columns, blue when positive and orange when negative (a pair told apart with every
 * common colour blindness), wider and darker the larger its {@code |w|} relative to the layer's
 * largest. A column of more than {@value #MAX_UNITS} units shows its first and last
 * {@value #ENDS} with a "⋮ N more" marker between them, and only the edges among the units drawn.
 * The layout is plain arithmetic (evenly spaced columns, each centred on the tallest), since a
 * layered network needs no graph-layout library.
 */
final class NetworkDiagram {
    /** The most units a column draws in full; a wider one is summarised. */
    static final int MAX_UNITS = 16;
    /** Units a summarised column draws at each end. */
    static final int ENDS = 5;
    /** Edges of positive weights. */
    static final Color POSITIVE = Look.category(0);
    /** Edges of negative weights. */
    static final Color NEGATIVE = Look.category(1);
    /** The inside of a unit's circle. */
    static final Color UNIT = new Color(0xEEEEEE);
    /** Room left and right of the outer columns, for the inputs' and classes' names. */
    static final int SIDE = 130;
    /** From one column to the next. */
    static final int GAP = 160;
    /** From one unit to the next in a column. */
    static final int SLOT = 28;
    /** The narrowest picture: room for the legend. */
    static final int MIN_WIDTH = 440;
    private static final int RADIUS = 9;
    private static final int PAD = 12;
    private static final int LINE = 16;
    private static final Font LABEL = new Font(Look.FONT, Font.BOLD, 13);
    private static final Font SMALL = new Font(Look.FONT, Font.PLAIN, 11);
    private static final Font CAPTION = new Font(Font.MONOSPACED, Font.PLAIN, 12);
    /** The ring around the units of the step shown, and the colour of their values. */
    static final Color HIGHLIGHT = Look.category(2);

    /**
     * A column of the picture.
     *
     * @param label what it is, e.g. {@code 4 inputs} or {@code 32 tanh}
     * @param tags  what else the layer does, one short line each
     * @param units the units drawn from top to bottom, 0-based, with {@code -1} where the "⋮ N more" marker goes
     * @param names a name per unit (all of them), or empty
     * @param width the number of units
     */
    private record Column(String label, List<String> tags, List<Integer> units, List<String> names, int width) {
    }

    private final Network network;
    private final List<Column> columns = new ArrayList<>();
    private final int slots;
    private final int top;
    private final int left;
    private final List<String> notes;
    /** The picture's size and where its legend starts. */
    final int width;
    final int height;
    final int legendTop;

    /** Lays out {@code network}'s picture (nothing is drawn yet). */
    NetworkDiagram(Network network) {
        this.network = Objects.requireNonNull(network,
                "the network to draw is null: give a model, e.g. Mlp.input(4).dense(8, TANH).dense(3, SOFTMAX).build()");
        List<String> inputNames = network.encoding().map(Encoding::featureNames)
                .orElseGet(() -> IntStream.rangeClosed(1, network.inputs()).mapToObj(i -> "x" + i).toList());
        columns.add(column(network.inputs() + (network.inputs() == 1 ? " input" : " inputs"), List.of(), network.inputs(),
                inputNames));
        List<String> classes = network.encoding().map(Encoding::classes).orElse(List.of());
        for (Dense layer : network.layers()) {
            boolean output = layer == network.output();
            columns.add(column(layer.units() + " " + layer.activation().name(), tags(layer), layer.units(),
                    output && classes.size() == layer.units() ? classes : List.of()));
        }
        slots = columns.stream().mapToInt(c -> c.units().size()).max().orElseThrow();
        int tagLines = columns.stream().mapToInt(c -> c.tags().size()).max().orElseThrow();
        top = PAD + LINE + tagLines * LINE + PAD;
        notes = new ArrayList<>(List.of("width and shade: |w| / the layer's largest |w|; no biases"));
        if (columns.stream().anyMatch(c -> c.units().contains(-1))) {
            notes.add("a layer over " + MAX_UNITS + " units: its first and last " + ENDS + " units, and only their edges");
        }
        int span = (columns.size() - 1) * GAP;
        width = Math.max(MIN_WIDTH, 2 * SIDE + span);
        left = (width - span) / 2;
        legendTop = top + slots * SLOT + PAD;
        height = legendTop + (1 + notes.size()) * LINE + PAD;
    }

    /** A column of {@code width} units, summarised when wider than {@link #MAX_UNITS}. */
    private static Column column(String label, List<String> tags, int width, List<String> names) {
        List<Integer> units = new ArrayList<>();
        for (int u = 0; u < width; u++) {
            if (width <= MAX_UNITS || u < ENDS || u >= width - ENDS) {
                units.add(u);
            } else if (u == ENDS) {
                units.add(-1);
            }
        }
        return new Column(label, tags, units, names, width);
    }

    /** The short tags of what a layer does besides its activation. */
    private static List<String> tags(Dense layer) {
        List<String> tags = new ArrayList<>();
        if (layer.batchNorm()) {
            tags.add("batch norm");
        }
        if (layer.residual()) {
            tags.add(layer.projection().isPresent() ? "residual (projected)" : "residual");
        }
        if (layer.dropout() > 0) {
            tags.add("dropout " + layer.dropout());
        }
        return tags;
    }

    /** The x of column {@code c} (0: the inputs). */
    int x(int c) {
        return left + c * GAP;
    }

    /** The y of the {@code s}-th unit (or marker) drawn in column {@code c}. */
    double y(int c, int s) {
        return top + (slots - columns.get(c).units().size()) * SLOT / 2.0 + (s + 0.5) * SLOT;
    }

    /**
     * What a picture adds to the diagram: a line of text beside each unit drawn, per column ({@code
     * text.get(c).get(unit)}; an empty list for a column without), a column whose units are ringed
     * ({@code -1} for none), and lines of caption under the legend.
     */
    record Marks(List<List<String>> text, int highlight, List<String> caption) {
        static final Marks NONE = new Marks(List.of(), -1, List.of());
    }

    /** The picture: RGB, white background, {@link #width} × {@link #height}. Headless-safe. */
    BufferedImage image() {
        return image(Marks.NONE);
    }

    /** The picture with {@code marks}: {@link #width} wide or as wide as the caption, {@link #height} plus a line per caption line high. */
    BufferedImage image(Marks marks) {
        int captionHeight = marks.caption().isEmpty() ? 0 : marks.caption().size() * LINE + PAD;
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics captionMetrics = measure.getFontMetrics(CAPTION);
        int wide = Math.max(width, 2 * PAD + marks.caption().stream().mapToInt(captionMetrics::stringWidth).max().orElse(0));
        measure.dispose();
        BufferedImage image = new BufferedImage(wide, height + captionHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, wide, height + captionHeight);
            drawEdges(g);
            for (int c = 0; c < columns.size(); c++) {
                drawColumn(g, c, c == marks.highlight(), c < marks.text().size() ? marks.text().get(c) : List.of());
            }
            drawLegend(g);
            g.setColor(Look.INK);
            g.setFont(CAPTION);
            for (int i = 0; i < marks.caption().size(); i++) {
                g.drawString(marks.caption().get(i), PAD, height + PAD / 2 + (i + 1) * LINE - 4);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One weight's edge: from the {@code from}-th unit drawn in column {@code layer} to the {@code to}-th of the next. */
    private record Edge(int layer, int from, int to, double strength) {
    }

    /** Every edge among the units drawn, the heaviest last so that light ones do not hide them. */
    private void drawEdges(Graphics2D g) {
        List<Edge> edges = new ArrayList<>();
        for (int l = 0; l < network.layers().size(); l++) {
            Parameter weights = network.layer(l).weights();
            double largest = largestMagnitude(weights, l);
            List<Integer> from = columns.get(l).units();
            List<Integer> to = columns.get(l + 1).units();
            for (int i = 0; i < from.size(); i++) {
                for (int j = 0; j < to.size(); j++) {
                    int u = from.get(i);
                    int v = to.get(j);
                    double w = u < 0 || v < 0 ? 0 : weights.get(u * weights.cols() + v);   // -1: the marker
                    if (w != 0) {
                        edges.add(new Edge(l, i, j, w / largest));
                    }
                }
            }
        }
        edges.sort(Comparator.comparingDouble(e -> Math.abs(e.strength())));
        for (Edge e : edges) {
            double t = Math.abs(e.strength());
            g.setColor(Look.tint(e.strength() > 0 ? POSITIVE : NEGATIVE, 0.25 + 0.75 * t));
            g.setStroke(new BasicStroke((float) (0.5 + 3.5 * t)));
            g.draw(new Line2D.Double(x(e.layer()), y(e.layer(), e.from()), x(e.layer() + 1), y(e.layer() + 1, e.to())));
        }
    }

    /** The largest {@code |w|} of layer {@code l}'s weights (0-based). */
    private static double largestMagnitude(Parameter weights, int l) {
        double largest = 0;
        for (int i = 0; i < weights.size(); i++) {
            double w = weights.get(i);
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("weight " + i + " of layer " + (l + 1) + " is " + w
                        + ": only a network with finite weights can be drawn");
            }
            largest = Math.max(largest, Math.abs(w));
        }
        return largest;
    }

    /**
     * Column {@code c}'s label and tags above it, its units (ringed when {@code highlight}), their
     * names, the {@code text} beside each (if any) and its "⋮ N more" marker.
     */
    private void drawColumn(Graphics2D g, int c, boolean highlight, List<String> text) {
        Column column = columns.get(c);
        int x = x(c);
        g.setColor(Look.INK);
        g.setFont(LABEL);
        centre(g, column.label(), x, PAD + LINE - 3);
        g.setFont(SMALL);
        for (int t = 0; t < column.tags().size(); t++) {
            centre(g, column.tags().get(t), x, PAD + LINE * (t + 2) - 3);
        }
        FontMetrics m = g.getFontMetrics();
        g.setStroke(new BasicStroke(1.2f));
        for (int s = 0; s < column.units().size(); s++) {
            int unit = column.units().get(s);
            double y = y(c, s);
            int baseline = (int) Math.round(y + (m.getAscent() - m.getDescent()) / 2.0);
            if (unit < 0) {
                String more = "⋮ " + (column.width() - 2 * ENDS) + " more";
                int w = m.stringWidth(more) + 8;
                g.setColor(Color.WHITE);
                g.fillRect(x - w / 2, (int) y - LINE / 2, w, LINE);
                g.setColor(Look.INK);
                centre(g, more, x, baseline);
                continue;
            }
            Ellipse2D circle = new Ellipse2D.Double(x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS);
            g.setColor(UNIT);
            g.fill(circle);
            g.setColor(Look.INK);
            g.draw(circle);
            if (highlight) {
                g.setColor(HIGHLIGHT);
                g.setStroke(new BasicStroke(3f));
                g.draw(new Ellipse2D.Double(x - RADIUS - 3, y - RADIUS - 3, 2 * RADIUS + 6, 2 * RADIUS + 6));
                g.setStroke(new BasicStroke(1.2f));
                g.setColor(Look.INK);
            }
            if (!text.isEmpty()) {   // a value: right of the unit, on a white ground over the edges
                String value = text.get(unit);
                int w = m.stringWidth(value);
                g.setColor(Color.WHITE);
                g.fillRect(x + RADIUS + 4, baseline - m.getAscent(), w + 4, m.getAscent() + m.getDescent());
                g.setColor(HIGHLIGHT.darker());
                g.drawString(value, x + RADIUS + 6, baseline);
                g.setColor(Look.INK);
            }
            if (!column.names().isEmpty() && (c == 0 || text.isEmpty())) {   // the inputs' names are on the left
                String name = Pictures.fit(column.names().get(unit), m, SIDE - RADIUS - 2 * PAD);
                g.drawString(name, c == 0 ? x - RADIUS - 6 - m.stringWidth(name) : x + RADIUS + 6, baseline);
            }
        }
    }

    /** The colours of the signs, then the notes, one a line, left-aligned under the columns. */
    private void drawLegend(Graphics2D g) {
        g.setFont(SMALL);
        int baseline = legendTop + LINE - 4;
        int x = swatch(g, POSITIVE, "positive weight", PAD, baseline);
        swatch(g, NEGATIVE, "negative weight", x + 2 * PAD, baseline);
        for (String note : notes) {
            baseline += LINE;
            g.drawString(note, PAD, baseline);
        }
    }

    /** A short thick line of {@code colour} and its {@code text} from {@code x}; returns where the text ends. */
    private static int swatch(Graphics2D g, Color colour, String text, int x, int baseline) {
        g.setColor(colour);
        g.setStroke(new BasicStroke(4f));
        g.drawLine(x, baseline - 4, x + 18, baseline - 4);
        g.setColor(Look.INK);
        g.drawString(text, x + 24, baseline);
        return x + 24 + g.getFontMetrics().stringWidth(text);
    }

    /** Draws {@code text} centred on {@code x}, shortened to fit between two columns. */
    private static void centre(Graphics2D g, String text, int x, int baseline) {
        FontMetrics m = g.getFontMetrics();
        String fitted = Pictures.fit(text, m, GAP - 8);
        g.drawString(fitted, x - m.stringWidth(fitted) / 2, baseline);
    }
}
