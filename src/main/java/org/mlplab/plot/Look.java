package org.mlplab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/** The one look every chart shares: fonts, colours, grid, legend. Package-private. */
final class Look {
    static final Color INK = new Color(0x33, 0x33, 0x33);
    static final Color GRID = new Color(0xE3, 0xE3, 0xE3);
    static final Color FRAME = new Color(0xBB, 0xBB, 0xBB);
    static final String FONT = Font.SANS_SERIF;

    /** Training and validation, and everything that is not a layer (Tableau 10). */
    static final Color[] CATEGORY = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x59A14F), new Color(0xB07AA1),
        new Color(0x76B7B2), new Color(0xEDC948), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};

    /** Viridis at nine evenly spaced points, from dark purple to yellow. */
    static final Color[] VIRIDIS = {
        new Color(0x440154), new Color(0x472D7B), new Color(0x3B528B), new Color(0x2C728E), new Color(0x21918C),
        new Color(0x28AE80), new Color(0x5EC962), new Color(0xADDC30), new Color(0xFDE725)};

    /** White to blue, for counts. */
    static final Color[] BLUES = {new Color(0xF7FBFF), new Color(0xC6DBEF), new Color(0x6BAED6), new Color(0x2171B5)};

    /** A healthy band (update ratios): a pale green. */
    static final Color BAND = new Color(0xDDEFD9);

    private Look() {
    }

    /** An XYChart of the given size with the house style. */
    static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setSeriesColors(CATEGORY);
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    /** A HeatMapChart of the given size with the house style. */
    static HeatMapChart heatMap(int width, int height, String title, String xTitle, String yTitle) {
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);   // the only positions a heat map takes
        style(chart.getStyler());
        chart.getStyler().setPlotGridLinesVisible(false);
        return chart;
    }

    static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(FRAME);
        s.setChartFontColor(INK);
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 16));
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding(8);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 11));
        s.setAxisTickLabelsColor(INK);
        s.setAxisTickMarksColor(FRAME);
        s.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        s.setLegendBorderColor(FRAME);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        if (!(s instanceof HeatMapStyler)) {
            s.setLegendPosition(Styler.LegendPosition.InsideNE);
        }
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartPadding(12);
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
    }

    /** The colour of layer {@code layer} (1-based) of {@code layers}: viridis from the input side (dark) toward the output (light). */
    static Color layer(int layer, int layers) {
        double t = layers <= 1 ? 0 : 0.85 * (layer - 1) / (layers - 1);
        return ramp(VIRIDIS, t);
    }

    /** Linear interpolation along {@code stops} at {@code t} in [0, 1]. */
    static Color ramp(Color[] stops, double t) {
        double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(x));
        double f = x - i;
        Color a = stops[i];
        Color b = stops[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** {@code c} mixed with white: {@code amount} 0 is white, 1 is {@code c}. Opaque, so overlaps do not darken. */
    static Color tint(Color c, double amount) {
        return new Color((int) Math.round(255 + amount * (c.getRed() - 255)),
                (int) Math.round(255 + amount * (c.getGreen() - 255)),
                (int) Math.round(255 + amount * (c.getBlue() - 255)));
    }

    /**
     * The diverging scale of signed values, {@code t} in [-1, 1]: orange at -1 through white at 0 to
     * blue at +1 (a pair told apart with every common colour blindness); beyond ±1 as at ±1.
     */
    static Color diverging(double t) {
        return tint(t < 0 ? category(1) : category(0), Math.min(1, Math.abs(t)));
    }

    /** The colour of class {@code k}. */
    static Color category(int k) {
        return CATEGORY[k % CATEGORY.length];
    }
}
