package org.mlplab.plot;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.Collectors;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Several XChart charts drawn as one picture, row by row, under an optional title: e.g. the loss
 * and the accuracy side by side, or a grid of histograms. The charts are the ordinary XChart
 * objects (restyle them through {@link #charts()}); {@link Charts} renders the grid like a chart.
 *
 * <p>Each cell is as large as the largest chart; a smaller chart is drawn at its own size in
 * the cell's top-left corner.
 */
public final class ChartGrid {
    /** Height of the title band in pixels (0 without a title). */
    static final int TITLE_HEIGHT = 36;

    private final String title;
    private final int columns;
    private final List<Chart<?, ?>> charts;

    private ChartGrid(String title, int columns, List<Chart<?, ?>> charts) {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("a chart grid needs at least one chart");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("a chart grid needs at least 1 column, got " + columns);
        }
        this.title = title == null ? "" : title;
        this.columns = Math.min(columns, charts.size());
        this.charts = List.copyOf(charts);
    }

    /**
     * A grid of these charts, {@code columns} per row.
     *
     * @param title   drawn above the grid; empty or {@code null} for none
     * @param columns charts per row
     * @param charts  in reading order; not copied (they stay restylable)
     */
    public static ChartGrid of(String title, int columns, List<? extends Chart<?, ?>> charts) {
        return new ChartGrid(title, columns, List.copyOf(charts));
    }

    /** A grid of these charts, {@code columns} per row; see {@link #of(String, int, List)}. */
    public static ChartGrid of(String title, int columns, Chart<?, ?>... charts) {
        return new ChartGrid(title, columns, List.of(charts));
    }

    /** The title drawn above the grid (empty for none). */
    public String title() {
        return title;
    }

    /** Charts per row. */
    public int columns() {
        return columns;
    }

    /** Number of rows. */
    public int rows() {
        return (charts.size() + columns - 1) / columns;
    }

    /** The charts in reading order (row by row). */
    public List<Chart<?, ?>> charts() {
        return charts;
    }

    /** Width of one cell: the widest chart. */
    int cellWidth() {
        return charts.stream().mapToInt(Chart::getWidth).max().orElseThrow();
    }

    /** Height of one cell: the tallest chart. */
    int cellHeight() {
        return charts.stream().mapToInt(Chart::getHeight).max().orElseThrow();
    }

    /** Width of the whole picture in pixels. */
    public int width() {
        return columns * cellWidth();
    }

    /** Height of the whole picture in pixels, title included. */
    public int height() {
        return (title.isEmpty() ? 0 : TITLE_HEIGHT) + rows() * cellHeight();
    }


    @Override
    public String toString() {
        return String.format("ChartGrid%s: %d × %d charts, %d × %d px (%s)", title.isEmpty() ? "" : " \"" + title + "\"",
                rows(), columns, width(), height(),
                charts.stream().map(Chart::getTitle).collect(Collectors.joining("; ")));
    }
}
