package org.mlplab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.CubicCurve2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlplab.autodiff.Value;
import org.mlplab.internal.Numbers;

/**
 * A computation graph drawn as micrograd's {@code draw_dot} draws it: a box per value with its
 * name, the operation that made it, its value and its gradient; an edge from each input to the
 * value computed from it, labelled with the local derivative {@code ∂out/∂in}; and on each box
 * the step at which the backward pass reached it (1 at the output, on the right), so the
 * reverse-mode order reads right to left.
 * <pre>{@code
 * loss.backward();
 * GraphPicture.of(loss)
 * }</pre>
 * The layout is a few lines of its own (a layered drawing needs no layout library for graphs of
 * this size): a value sits one column right of its furthest input, a leaf just left of its first
 * use, and each column is ordered by where the values computed from it sit.
 */
public final class GraphPicture {
    /** The most values drawn: a larger graph would not be readable. */
    public static final int MAX_VALUES = 150;
    static final int BOX_WIDTH = 150;
    static final int BOX_HEIGHT = 50;
    static final int COLUMN_GAP = 70;
    static final int ROW_GAP = 16;
    static final int MARGIN = 24;

    static final Color LEAF = new Color(0xF4F4F4);
    static final Color COMPUTED = Look.tint(Look.category(0), 0.14);
    static final Color OUTPUT = Look.tint(Look.category(1), 0.25);

    private GraphPicture() {
    }

    /**
     * The graph of {@code output}: every value it was computed from, with values and (after
     * {@code output.backward()}) gradients.
     *
     * @throws IllegalArgumentException for a graph of more than {@value #MAX_VALUES} values
     */
    public static BufferedImage of(Value output) {
        List<Value> graph = output.graph();
        if (graph.size() > MAX_VALUES) {
            throw new IllegalArgumentException("the graph has " + graph.size() + " values, more than the " + MAX_VALUES
                    + " a readable picture holds: draw one neuron or a network such as 2-2-1");
        }
        Map<Value, int[]> place = layout(graph);
        int columns = place.values().stream().mapToInt(p -> p[0]).max().orElse(0) + 1;
        int rows = place.values().stream().mapToInt(p -> p[1]).max().orElse(0) + 1;
        int width = 2 * MARGIN + columns * BOX_WIDTH + (columns - 1) * COLUMN_GAP;
        int height = 2 * MARGIN + rows * BOX_HEIGHT + (rows - 1) * ROW_GAP;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            for (Value v : graph) {
                for (int k = 0; k < v.inputs().size(); k++) {
                    Value input = v.inputs().get(k);
                    int lane = (int) v.inputs().subList(0, k).stream().filter(u -> u == input).count();
                    drawEdge(g, place.get(input), place.get(v), lane, v.localDerivative(k));
                }
            }
            for (Value v : graph) {
                drawBox(g, v, place.get(v), v == output);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Each value's column and row: {@code {column, row}}. */
    static Map<Value, int[]> layout(List<Value> graph) {
        Map<Value, Integer> column = new HashMap<>();
        Map<Value, List<Value>> uses = new HashMap<>();
        for (Value v : graph) {   // topological: inputs first
            int c = 0;
            for (Value input : v.inputs()) {
                c = Math.max(c, column.get(input) + 1);
                uses.computeIfAbsent(input, key -> new ArrayList<>()).add(v);
            }
            column.put(v, c);
        }
        for (Value v : graph) {   // a leaf just left of its first use
            if (v.inputs().isEmpty() && uses.containsKey(v)) {
                column.put(v, uses.get(v).stream().mapToInt(column::get).min().orElseThrow() - 1);
            }
        }
        int columns = column.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<Value>> byColumn = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            byColumn.add(new ArrayList<>());
        }
        graph.forEach(v -> byColumn.get(column.get(v)).add(v));
        int rows = byColumn.stream().mapToInt(List::size).max().orElse(1);
        Map<Value, int[]> place = new HashMap<>();   // filled from the output's column leftwards
        for (int c = columns - 1; c >= 0; c--) {
            List<Value> values = byColumn.get(c);
            Map<Value, Double> wanted = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                Value v = values.get(i);
                wanted.put(v, uses.containsKey(v)
                        ? uses.get(v).stream().mapToDouble(u -> place.get(u)[1]).average().orElseThrow() : i);
            }
            values.sort(Comparator.comparingDouble(wanted::get));
            int offset = (rows - values.size()) / 2;   // a short column is centred
            for (int i = 0; i < values.size(); i++) {
                place.put(values.get(i), new int[] {c, offset + i});
            }
        }
        return place;
    }

    private static int left(int[] p) {
        return MARGIN + p[0] * (BOX_WIDTH + COLUMN_GAP);
    }

    private static int top(int[] p) {
        return MARGIN + p[1] * (BOX_HEIGHT + ROW_GAP);
    }

    /**
     * An edge from the right of {@code from} to the left of {@code to}; {@code lane} 1, 2, ... for an
     * input used again by the same value (each use drawn apart); an edge past a column arches over
     * the boxes of its rows.
     */
    private static void drawEdge(Graphics2D g, int[] from, int[] to, int lane, double local) {
        double x1 = left(from) + BOX_WIDTH;
        double y1 = top(from) + BOX_HEIGHT / 2.0 + 10 * lane;
        double x2 = left(to);
        double y2 = top(to) + BOX_HEIGHT / 2.0 + 10 * lane;
        double bend = (x2 - x1) / 2;
        double lift = to[0] - from[0] > 1 ? BOX_HEIGHT / 2.0 + 8 : 0;
        g.setColor(Look.FRAME);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(new CubicCurve2D.Double(x1, y1, x1 + bend, y1 - 2 * lift, x2 - bend, y2 - 2 * lift, x2, y2));
        g.setFont(new Font(Look.FONT, Font.PLAIN, 10));
        g.setColor(Look.INK);
        String text = "∂ " + Numbers.compact(local);
        int width = g.getFontMetrics().stringWidth(text);
        double y = y2 + (y1 - y2) * 0.18;   // near the arrow's end, where the edges of one value fan in
        g.drawString(text, (float) (x2 - width - 4), (float) (y - 3));
    }

    private static void drawBox(Graphics2D g, Value v, int[] p, boolean output) {
        int x = left(p);
        int y = top(p);
        g.setColor(output ? OUTPUT : v.inputs().isEmpty() ? LEAF : COMPUTED);
        g.fillRoundRect(x, y, BOX_WIDTH, BOX_HEIGHT, 10, 10);
        g.setColor(Look.FRAME);
        g.setStroke(new BasicStroke(1f));
        g.drawRoundRect(x, y, BOX_WIDTH, BOX_HEIGHT, 10, 10);
        g.setColor(Look.INK);
        g.setFont(new Font(Look.FONT, Font.BOLD, 12));
        String name = v.label().isEmpty() ? v.operation() : v.label() + (v.operation().isEmpty() ? "" : "  " + v.operation());
        g.drawString(Pictures.fit(name, g.getFontMetrics(), BOX_WIDTH - 34), x + 8, y + 15);
        g.setFont(new Font(Look.FONT, Font.PLAIN, 11));
        g.drawString("value " + Numbers.compact(v.data()), x + 8, y + 30);
        g.drawString("grad  " + Numbers.compact(v.grad()), x + 8, y + 44);
        if (v.backwardStep() > 0) {   // the backward pass's step, in a badge at the top right
            String step = Integer.toString(v.backwardStep());
            g.setFont(new Font(Look.FONT, Font.BOLD, 10));
            int w = Math.max(16, g.getFontMetrics().stringWidth(step) + 8);
            g.setColor(Look.category(1));
            g.fillRoundRect(x + BOX_WIDTH - w - 4, y + 4, w, 14, 14, 14);
            g.setColor(Color.WHITE);
            g.drawString(step, x + BOX_WIDTH - w - 4 + (w - g.getFontMetrics().stringWidth(step)) / 2, y + 15);
        }
    }
}
