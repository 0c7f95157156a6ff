package org.mlplab.plot;

import java.awt.geom.Rectangle2D;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The tick labels XChart drew along a chart's axes, in order (left to right, bottom to top). The
 * chart is painted first; XChart keeps the ticks of its last paint in each axis, in fields it does
 * not publish, so they are read by reflection. A label is drawn when its tick lies inside the axis
 * (the ticks XChart computes reach a step or two beyond both ends).
 */
final class TickLabels {
    private TickLabels() {
    }

    /** The labels under the x axis. */
    static List<String> x(Chart<?, ?> chart) {
        return drawn(axis(chart, "getXAxis"), true);
    }

    /** The labels beside the (first) y axis. */
    static List<String> y(Chart<?, ?> chart) {
        return drawn(axis(chart, "getYAxis"), false);
    }

    /** The labels of {@code strings} read as numbers, e.g. {@code 1E-3} or {@code 1,000}. */
    static double[] values(List<String> strings) {
        return strings.stream().mapToDouble(s -> Double.parseDouble(s.replace(",", ""))).toArray();
    }

    private static List<String> drawn(Axis<?, ?> axis, boolean horizontal) {
        AxisTickCalculator ticks = axis.getAxisTickCalculator();
        Rectangle2D bounds = axis.getBounds();
        double length = horizontal ? bounds.getWidth() : bounds.getHeight();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < ticks.getTickLabels().size(); i++) {
            String label = ticks.getTickLabels().get(i);
            double at = ticks.getTickLocations().get(i);
            if (label != null && !label.isBlank() && at > 0 && at < length) {
                labels.add(label);
            }
        }
        return labels;
    }

    private static Axis<?, ?> axis(Chart<?, ?> chart, String getter) {
        Pictures.toImage(chart);
        try {
            Field pair = Chart.class.getDeclaredField("axisPair");
            pair.setAccessible(true);
            Object axes = pair.get(chart);
            Method get = axes.getClass().getDeclaredMethod(getter);
            get.setAccessible(true);
            return (Axis<?, ?>) get.invoke(axes);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("XChart's axes are no longer where this test reads them", e);
        }
    }
}
