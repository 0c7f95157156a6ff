package org.mlplab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mlplab.data.Dataset;
import org.mlplab.data.Predictions;
import org.mlplab.diagnostics.Diagnostics;
import org.mlplab.diagnostics.Histogram;
import org.mlplab.diagnostics.LayerStats;
import org.mlplab.diagnostics.Thresholds;
import org.mlplab.internal.Numbers;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Network;
import org.mlplab.nn.Parameter;
import org.mlplab.train.ConfusionMatrix;
import org.mlplab.train.Epoch;
import org.mlplab.train.History;
import org.mlplab.train.Stop;
import org.mlplab.train.Trials;

/**
 * Every chart of the library, as ordinary XChart objects; {@link Pictures} turns them into pixels
 * and files.
 *
 * <pre>{@code
 * XYChart loss = Charts.loss(history);
 * loss.getStyler().setYAxisLogarithmic(true);      // restyle with XChart's own API
 * Pictures.savePng(loss, Path.of("loss.png"));
 * Charts.curves(history)                            // cell output: loss and accuracy side by side
 * }</pre>
 *
 * <p>Factories return {@link XYChart}, {@link HeatMapChart} or a {@link ChartGrid} of several
 * charts; none of them modifies its arguments. Non-finite values (a diverged run) and, on
 * logarithmic axes, values ≤ 0 are left out of the lines.
 */
public final class Charts {
    /** Default width of a chart, in pixels. */
    public static final int WIDTH = 800;
    /** Default height of a chart, in pixels. */
    public static final int HEIGHT = 450;
    /** The most points a training curve is drawn with: longer runs are drawn from every k-th epoch. */
    static final int MAX_CURVE_POINTS = 1000;

    private static final int GRID_CELLS = 100;
    /** The most decades a log axis labels one by one (about 30 px a label on a 450 px chart). */
    private static final int MAX_LOG_DECADES = 12;

    private Charts() {
    }

    // ---- training curves (History) ----

    /** Training and validation loss per epoch. */
    public static XYChart loss(History history) {
        return loss(history, WIDTH, HEIGHT);
    }

    static XYChart loss(History history, int width, int height) {
        XYChart chart = Look.xy(width, height, "Loss", "epoch", "loss");
        addEpochSeries(chart, history, "training", Epoch::loss, false);
        addEpochSeries(chart, history, "validation", Epoch::validationLoss, false);
        wholeNumberAxis(chart);
        return chart;
    }

    /** Training and validation accuracy (classification, in per cent) or R² (regression) per epoch. */
    public static XYChart metric(History history) {
        return metric(history, WIDTH, HEIGHT);
    }

    static XYChart metric(History history, int width, int height) {
        boolean accuracy = history.metric().equals("accuracy");
        XYChart chart = Look.xy(width, height, accuracy ? "Accuracy" : "R²", "epoch", accuracy ? "accuracy" : "R²");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        if (accuracy) {
            chart.getStyler().setYAxisDecimalPattern("0.#%");
        } else {
            // an untrained regressor can start at R² = -50; keep the interesting range readable
            double lowest = finiteMin(history.trainMetric(), history.validationMetric());
            if (lowest < -1) {
                chart.getStyler().setYAxisMin(-1.0);
            }
        }
        addEpochSeries(chart, history, "training", Epoch::metric, false);
        addEpochSeries(chart, history, "validation", Epoch::validationMetric, false);
        wholeNumberAxis(chart);
        return chart;
    }

    /**
     * Loss and metric side by side (each 520 × 380), titled with how training ended. What a
     * {@link History} shows in a notebook.
     */
    public static ChartGrid curves(History history) {
        return ChartGrid.of(summary(history), 2, loss(history, 520, 380), metric(history, 520, 380));
    }

    /** {@code 120 epochs · lowest validation loss 0.101 (epoch 11)}, or how training stopped when it did not complete. */
    static String summary(History history) {
        int n = history.epochs().size();
        String title = n + " epoch" + (n == 1 ? "" : "s");
        if (history.stop() != null && history.stop().reason() != Stop.Reason.COMPLETED) {
            return title + " — " + history.stop().message();
        }
        if (n > 0 && Double.isFinite(history.best().validationLoss())) {
            Epoch best = history.best();
            return title + String.format(" · lowest validation loss %.4g (epoch %d)", best.validationLoss(), best.epoch());
        }
        return title;
    }

    /**
     * The tried advice side by side: each run's validation loss (training loss without validation
     * data) and the same for accuracy (or R²), one line per run. What {@link Trials} shows in a notebook.
     */
    public static ChartGrid trials(Trials trials) {
        String judged = trials.validated() ? "validation " : "training ";
        XYChart loss = Look.xy(520, 380, judged + "loss", "epoch", "loss");
        XYChart metric = Look.xy(520, 380, judged + trials.trials().get(0).history().metric(), "epoch",
                trials.trials().get(0).history().metric());
        for (Trials.Trial t : trials.trials()) {
            addEpochSeries(loss, t.history(), t.name(), trials.validated() ? Epoch::validationLoss : Epoch::loss, false);
            addEpochSeries(metric, t.history(), t.name(), trials.validated() ? Epoch::validationMetric : Epoch::metric,
                    false);
        }
        wholeNumberAxis(loss);
        wholeNumberAxis(metric);
        return ChartGrid.of("The advice, tried: same initial weights and batch order", 2, loss, metric);
    }

    /** The learning rate of each epoch (logarithmic axis when it spans a factor of 10 or more). */
    public static XYChart learningRate(History history) {
        XYChart chart = Look.xy(WIDTH, HEIGHT, "Learning rate", "epoch", "learning rate");
        chart.getStyler().setLegendVisible(false);
        DoubleSummaryStatistics rates = history.epochs().stream().mapToDouble(Epoch::learningRate)
                .filter(v -> plottable(v, true)).summaryStatistics();
        double min = rates.getMin();
        double max = rates.getMax();
        boolean log = max / min >= 10;
        XYSeries s = addEpochSeries(chart, history, "learning rate", Epoch::learningRate, log);
        if (s != null) {
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        }
        wholeNumberAxis(chart);
        if (log) {
            logY(chart, "learning rate");
        } else {
            chart.getStyler().setyAxisTickLabelsFormattingFunction(y -> Numbers.compact(y, max));
            if (max > 0 && max == min) {   // a constant rate: give the flat line some room
                chart.getStyler().setYAxisMin(0.0);
                chart.getStyler().setYAxisMax(2 * max);
            }
        }
        return chart;
    }

    /**
     * Labels the x axis of counts (epochs, steps) at round whole numbers, e.g. 1, 2, 3 or 20, 40,
     * 60 or 500, 1,000, 1,500: at most ten, upright, never a fraction. The axis runs from the first
     * count to half a count past the last (see {@link #roundXTicks}). Call it once the series are in.
     */
    private static void wholeNumberAxis(XYChart chart) {
        // a blank label at 1.5 (a space: XChart cannot draw an empty one); two blanks are the same
        // label, and XChart widens its step until no two labels are the same
        chart.getStyler().setxAxisTickLabelsFormattingFunction(
                x -> Math.abs(x - Math.rint(x)) < 1e-9 ? String.format("%,d", Math.round(x)) : " ");
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            first = Math.min(first, s.getXMin());
            last = Math.max(last, s.getXMax());
        }
        if (first <= last) {   // else no series: nothing to label
            roundXTicks(chart, first, last + 0.5);
        }
        chart.getStyler().setXAxisTickMarkSpacingHint(chart.getWidth() / 6);   // at most ten labels
    }

    /**
     * Shows the x axis from {@code min} to {@code max}, labelled at round numbers 1, 2 or 5 × 10^k
     * apart (as many as fit XChart's tick spacing hint). Two habits of XChart's decide the ends: it
     * labels evenly spaced x values (epochs, a histogram's bin edges) on every k-th value (epochs
     * 1, 4, 7, ..., edges 0.495, 0.991, ...) unless an end of the axis is off their grid, and it
     * labels nothing when both ends get the same label. So {@code min} or {@code max} must lie off
     * the grid of the x values, e.g. half a spacing beyond them, and the two must be labelled apart.
     */
    private static void roundXTicks(XYChart chart, double min, double max) {
        chart.getStyler().setXAxisMin(min);
        chart.getStyler().setXAxisMax(max);
    }

    private static XYSeries addEpochSeries(XYChart chart, History history, String name, ToDoubleFunction<Epoch> f,
                                           boolean log) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Epoch> epochs = history.epochs();
        // a long run is drawn from every k-th epoch (and the last): the time to draw grows with the
        // points, and a live chart is redrawn while the run goes on
        int stride = (epochs.size() + MAX_CURVE_POINTS - 1) / MAX_CURVE_POINTS;
        for (int i = 0; i < epochs.size(); i++) {
            if (i % Math.max(1, stride) != 0 && i != epochs.size() - 1) {
                continue;
            }
            Epoch e = epochs.get(i);
            double y = f.applyAsDouble(e);
            if (plottable(y, log)) {
                xs.add((double) e.epoch());
                ys.add(y);
            }
        }
        if (xs.isEmpty()) {
            return null;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setLineWidth(2f);
        s.setMarker(xs.size() <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return s;
    }

    // ---- inside the network (Diagnostics) ----

    /** The norm of each layer's weight gradient {@code ‖∂L/∂W‖} over training steps, log scale, one line per layer. */
    public static XYChart gradientNorms(Diagnostics diagnostics) {
        return gradientNorms(diagnostics, WIDTH, HEIGHT);
    }

    static XYChart gradientNorms(Diagnostics diagnostics, int width, int height) {
        XYChart chart = Look.xy(width, height, "Weight-gradient norm per layer", "step", "‖∂L/∂W‖");
        layerLines(chart, diagnostics, LayerStats::weightGradientNorm);
        return chart;
    }

    /**
     * The update/weight ratio {@code ‖ΔW‖ / ‖W‖} of each layer over training steps, log scale,
     * with the band the verdict accepts shaded ({@link Thresholds#updateRatioLow()} to
     * {@link Thresholds#updateRatioHigh()} of {@link Thresholds#DEFAULT}) and the 1e-3 of CS231n drawn.
     */
    public static XYChart updateRatios(Diagnostics diagnostics) {
        return updateRatios(diagnostics, WIDTH, HEIGHT);
    }

    static XYChart updateRatios(Diagnostics diagnostics, int width, int height) {
        XYChart chart = Look.xy(width, height, "Update / weight ratio per layer", "step", "‖ΔW‖ / ‖W‖");
        List<LayerStats> stats = diagnostics.stats();
        if (!stats.isEmpty()) {
            double first = stats.get(0).step();
            double last = Math.max(first + 1, stats.get(stats.size() - 1).step());
            double low = Thresholds.DEFAULT.updateRatioLow();
            double high = Thresholds.DEFAULT.updateRatioHigh();
            XYSeries band = chart.addSeries(String.format(java.util.Locale.ROOT, "accepted %.0e to %.0e", low, high),
                    new double[] {first, last, last, first}, new double[] {low, low, high, high});
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(Look.BAND);
            band.setLineColor(Look.BAND);
            band.setMarker(SeriesMarkers.NONE);
            XYSeries target = chart.addSeries("1e-3", new double[] {first, last}, new double[] {1e-3, 1e-3});
            target.setLineColor(new Color(0x8CBF88));
            target.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
            target.setMarker(SeriesMarkers.NONE);
            target.setShowInLegend(false);
        }
        layerLines(chart, diagnostics, LayerStats::updateRatio);
        return chart;
    }

    /** One line per layer of {@code f} over the recorded steps (a {@link #wholeNumberAxis}), then a log y axis (see {@link #logY}). */
    private static void layerLines(XYChart chart, Diagnostics diagnostics, ToDoubleFunction<LayerStats> f) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int layers = diagnostics.layers().size();
        for (Diagnostics.LayerInfo info : diagnostics.layers()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (LayerStats s : diagnostics.stats(info.layer())) {
                double y = f.applyAsDouble(s);
                if (plottable(y, true)) {
                    xs.add((double) s.step());
                    ys.add(y);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = chart.addSeries(layerName(info), xs, ys);
                s.setLineColor(Look.layer(info.layer(), layers));
                s.setMarkerColor(Look.layer(info.layer(), layers));
                s.setLineWidth(1.8f);
                s.setMarker(xs.size() <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            }
        }
        wholeNumberAxis(chart);
        logY(chart, chart.getYAxisTitle());
    }

    /** {@code layer 2 (relu)}: the series name of a layer. */
    static String layerName(Diagnostics.LayerInfo info) {
        return "layer " + info.layer() + " (" + info.activation() + ")";
    }

    /**
     * A layer × epoch heat map of {@code log10 ‖∂L/∂W‖} (the mean over each epoch's recorded
     * steps); layer 1 on top. Beyond 40 epochs, each column is the mean of several epochs.
     */
    public static HeatMapChart gradientHeatmap(Diagnostics diagnostics) {
        List<Diagnostics.LayerInfo> layers = diagnostics.layers();
        // per epoch, per layer: sum and count of log10 norms
        TreeMap<Integer, double[][]> byEpoch = new TreeMap<>();
        for (LayerStats s : diagnostics.stats()) {
            double norm = s.weightGradientNorm();
            if (plottable(norm, true)) {
                double[][] acc = byEpoch.computeIfAbsent(s.epoch(), e -> new double[layers.size()][2]);
                acc[s.layer() - 1][0] += Math.log10(norm);
                acc[s.layer() - 1][1]++;
            }
        }
        List<Integer> epochs = new ArrayList<>(byEpoch.keySet());
        int per = Math.max(1, (epochs.size() + 39) / 40);
        HeatMapChart chart = Look.heatMap(WIDTH, HEIGHT, "log₁₀ ‖∂L/∂W‖ per layer and epoch",
                per == 1 ? "epoch" : "epoch (each column: the mean of " + per + " epochs from this one)", "layer");
        chart.getStyler().setRangeColors(Look.VIRIDIS);
        chart.getStyler().setHeatMapValueDecimalPattern("0.0");
        chart.getStyler().setDecimalPattern("0.0");
        chart.getStyler().setXAxisLabelRotation(epochs.size() / per > 25 || per > 1 ? 90 : 0);
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        for (int l = layers.size() - 1; l >= 0; l--) {
            ys.add(layerName(layers.get(l)));
        }
        List<Number[]> cells = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c * per < epochs.size(); c++) {
            List<Integer> group = epochs.subList(c * per, Math.min(epochs.size(), (c + 1) * per));
            xs.add(String.valueOf(group.get(0)));
            for (int l = 0; l < layers.size(); l++) {
                double sum = 0;
                double count = 0;
                for (int e : group) {
                    sum += byEpoch.get(e)[l][0];
                    count += byEpoch.get(e)[l][1];
                }
                if (count > 0) {
                    double v = sum / count;
                    cells.add(new Number[] {c, layers.size() - 1 - l, v});
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!cells.isEmpty()) {
            chart.addSeries("log₁₀ ‖∂L/∂W‖", xs, ys, cells);
            // the colour bar is labelled with its ends: round them outward to one decimal
            double low = Math.floor(min * 10) / 10 + 0.0;   // + 0.0: no "-0.0"
            double high = Math.max(low + 0.1, Math.ceil(max * 10) / 10) + 0.0;
            chart.getStyler().setMin(low);
            chart.getStyler().setMax(high);
        }
        return chart;
    }

    /**
     * Histograms of every layer's activations (top row) and back-propagated gradients {@code δ}
     * (bottom row), one column per moment they were kept at (initialisation, chosen epochs, the
     * end), one line per layer: the figures of Glorot &amp; Bengio (2010). Each line is the
     * fraction of the layer's values per bin; within a row the moments share a y scale.
     */
    public static ChartGrid histograms(Diagnostics diagnostics) {
        List<String> moments = diagnostics.histogramMoments();
        if (moments.isEmpty()) {
            throw new IllegalArgumentException("no histograms were kept: train with diagnostics on (the default)");
        }
        int width = moments.size() <= 2 ? 520 : 400;
        int height = 340;
        List<XYChart> charts = new ArrayList<>();
        for (Histogram.Kind kind : Histogram.Kind.values()) {
            List<XYChart> row = new ArrayList<>();
            double top = 0;
            for (String moment : moments) {
                XYChart chart = histogram(diagnostics, kind, moment, width, height);
                row.add(chart);
                for (XYSeries s : chart.getSeriesMap().values()) {
                    top = Math.max(top, s.getYMax());
                }
            }
            for (XYChart chart : row) {
                chart.getStyler().setYAxisMin(0.0);
                chart.getStyler().setYAxisMax(top > 0 ? Math.min(1.0, top * 1.05) : 1.0);
            }
            charts.addAll(row);
        }
        return ChartGrid.of("Activations and back-propagated gradients per layer", moments.size(), charts);
    }

    /**
     * One panel of {@link #histograms}: the histograms of {@code kind} at {@code moment}, one
     * line per layer, on an x axis labelled at round numbers (see {@link #histogramLines}).
     *
     * @param moment one of {@link Diagnostics#histogramMoments()}, e.g. {@code "initialisation"}
     */
    public static XYChart histogram(Diagnostics diagnostics, Histogram.Kind kind, String moment) {
        return histogram(diagnostics, kind, moment, WIDTH, HEIGHT);
    }

    static XYChart histogram(Diagnostics diagnostics, Histogram.Kind kind, String moment, int width, int height) {
        List<Histogram> shown = diagnostics.histograms().stream()
                .filter(h -> h.kind() == kind && h.moment().equals(moment) && h.total() > 0).toList();
        if (shown.isEmpty()) {
            throw new IllegalArgumentException("no " + kind.name().toLowerCase() + " histograms at '" + moment
                    + "'; the moments kept are " + diagnostics.histogramMoments());
        }
        boolean activation = kind == Histogram.Kind.ACTIVATION;
        XYChart chart = Look.xy(width, height, (activation ? "Activations" : "Gradients δ") + " — " + moment,
                activation ? "activation a" : "δ = ∂ℓ/∂z", "fraction of values");
        chart.getStyler().setLegendFont(new Font(Look.FONT, Font.PLAIN, 10));
        chart.getStyler().setLegendPadding(4);
        int layers = diagnostics.layers().size();
        histogramLines(chart, shown.stream().map(h -> new Line(layerName(diagnostics.layers().get(h.layer() - 1)),
                Look.layer(h.layer(), layers), h.low(), h.high(), h.counts())).toList());
        return chart;
    }

    /**
     * Each layer's weights {@code W} as a histogram, and beside them, once the model has trained,
     * the last update {@code ΔW} of every weight, titled with the layer's update/weight ratio
     * {@code ‖ΔW‖ / ‖W‖}: a row per layer (each panel 520 × 320), layer 1 on top, biases left out.
     * Each line is the fraction of the layer's weights per bin, on an x axis labelled at round
     * numbers. The updates are those of the last training step ({@link Parameter#lastUpdate()}):
     * there are none before training, nor after weights were set or loaded, or restored by early
     * stopping; then the weights alone fill the rows, two by two, and the title says so.
     *
     * <pre>{@code
     * model.fit(train, Fit.epochs(20).adam(0.01));
     * Charts.weights(model)                          // cell output: W and ΔW of every layer
     * }</pre>
     *
     * @param model Not modified
     */
    public static ChartGrid weights(Network model) {
        List<Dense> layers = model.layers();
        boolean updated = layers.stream().allMatch(d -> d.weights().lastUpdate().isPresent());
        List<XYChart> charts = new ArrayList<>();
        for (int l = 1; l <= layers.size(); l++) {
            Dense layer = layers.get(l - 1);
            Parameter w = layer.weights();
            Color colour = Look.layer(l, layers.size());
            charts.add(weightPanel(String.format("layer %d (%s): %s, %d × %d", l, layer.activation().name(), w.name(),
                    w.rows(), w.cols()), "weight w", colour, w.copyValues()));
            if (updated) {
                double[] delta = Arrays.stream(w.lastUpdate().orElseThrow()).flatMapToDouble(Arrays::stream).toArray();
                String ratio = w.norm() > 0 ? "‖ΔW‖ / ‖W‖ = " + Numbers.compact(w.lastUpdateNorm() / w.norm()) : "‖W‖ = 0";
                charts.add(weightPanel(String.format("layer %d: last update Δ%s, %s", l, w.name(), ratio), "update Δw",
                        colour, delta));
            }
        }
        return ChartGrid.of(updated ? "Weights and their last update, per layer"
                : "Weights per layer (no update since they were set)", 2, charts);
    }

    /**
     * A panel of {@link #weights}: the histogram of {@code values} over their range, no legend (the
     * title names it). Values that {@link Numbers#compact(double)} would write with a power of ten
     * (the largest {@code |v|} below 0.001 or from 100,000 on, e.g. the updates at a tiny learning
     * rate) are drawn in units of the largest one's, named in the axis title, e.g.
     * {@code update Δw (× 1e-11)}: the labels stay plain, and an axis is labelled where XChart
     * labels none (steps below 1e-10).
     */
    private static XYChart weightPanel(String title, String quantity, Color colour, double[] values) {
        double largest = Arrays.stream(values).map(Math::abs).max().orElseThrow();
        double unit = Numbers.plain(largest) ? 1 : Math.pow(10, Math.floor(Math.log10(largest)));
        double[] scaled = Arrays.stream(values).map(v -> v / unit).toArray();
        double low = Arrays.stream(scaled).min().orElseThrow();
        double high = Arrays.stream(scaled).max().orElseThrow();
        XYChart chart = Look.xy(520, 320, title, unit == 1 ? quantity : quantity + " (× " + Numbers.compact(unit) + ")",
                "fraction of weights");
        chart.getStyler().setLegendVisible(false);
        long[] counts = Histogram.counts(scaled, scaled.length, low, high);
        histogramLines(chart, List.of(new Line(quantity, colour, low, high, counts)));
        return chart;
    }

    /** One histogram of a panel: its name and colour, and the counts of equal bins from {@code low} to {@code high}. */
    private record Line(String name, Color colour, double low, double high, long[] counts) {
    }

    /**
     * Draws each histogram as the outline of its bars, each bar as high as its fraction of the
     * values, on one x axis labelled at round numbers, each in the notation of the axis' larger
     * end. Values that are all equal up to rounding (their range narrower than a billionth of 1 or
     * of their size) are drawn as one bar at their value, on an axis from 1 (or their size) below
     * it to as much above.
     */
    private static void histogramLines(XYChart chart, List<Line> lines) {
        chart.getStyler().setYAxisDecimalPattern("0.##");
        double low = lines.stream().mapToDouble(Line::low).min().orElseThrow();
        double high = lines.stream().mapToDouble(Line::high).max().orElseThrow();
        double centre = (low + high) / 2;
        double size = Math.max(1, Math.abs(centre));
        // a spread that small is rounding, and finer than XChart labels an axis (steps of 1e-10)
        boolean equal = high - low < 1e-9 * size;
        double from = equal ? centre - size : low;
        double to = equal ? centre + size : high;
        double bin = (to - from) / Histogram.BINS;
        for (Line line : lines) {
            double[][] outline = equal
                    ? outline(centre - bin / 2, centre + bin / 2, new long[] {Arrays.stream(line.counts()).sum()})
                    : outline(line.low(), line.high(), line.counts());
            XYSeries s = chart.addSeries(line.name(), outline[0], outline[1]);
            s.setLineColor(line.colour());
            s.setMarkerColor(line.colour());
            s.setLineWidth(1.6f);
            s.setMarker(SeriesMarkers.NONE);
        }
        double largest = Math.max(Math.abs(from), Math.abs(to));
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> Numbers.compact(x, largest));
        roundXTicks(chart, from - bin / 2, to + bin / 2);
    }

    /**
     * The outline of a histogram's bars over {@code [low, high]}: the points {@code {xs, ys}} of a
     * line up and down at every bin edge, each bar as high as its fraction of all the counts.
     */
    private static double[][] outline(double low, double high, long[] counts) {
        long total = Arrays.stream(counts).sum();
        int bins = counts.length;
        double bin = (high - low) / bins;
        double[] xs = new double[2 * bins + 2];
        double[] ys = new double[xs.length];
        xs[0] = low;
        for (int i = 0; i < bins; i++) {
            double fraction = counts[i] / (double) total;
            xs[2 * i + 1] = low + i * bin;
            ys[2 * i + 1] = fraction;
            xs[2 * i + 2] = low + (i + 1) * bin;
            ys[2 * i + 2] = fraction;
        }
        xs[xs.length - 1] = high;
        return new double[][] {xs, ys};
    }

    /**
     * The gradient norms and update ratios side by side (each 560 × 400), titled with the
     * verdict. What {@link Diagnostics} shows in a notebook.
     */
    public static ChartGrid diagnostics(Diagnostics diagnostics) {
        return ChartGrid.of("Diagnosis: " + diagnostics.verdict().status().label(), 2,
                gradientNorms(diagnostics, 560, 400), updateRatios(diagnostics, 560, 400));
    }

    // ---- model and data ----

    /**
     * The decision regions of a classifier over a classification dataset, in the style of the
     * TensorFlow Playground: the plane coloured by predicted class (paler where the model is less
     * sure), the data's points on top in their true class's colour. With 2 features the plane is
     * theirs; with more, it is the plane through the data's mean spanned by its first two principal
     * components (the axes say how much of the variance each holds), and the regions are the
     * model's predictions on that plane.
     *
     * @param data a classification dataset of the model's width, 2 features or more; not modified
     * @throws IllegalArgumentException if the data is not the model's width or not for classification
     */
    public static XYChart decisionBoundary(Network model, Dataset data) {
        return decisionBoundary(model, data, WIDTH, HEIGHT);
    }

    /** The decision regions at the given size in pixels; see {@link #decisionBoundary(Network, Dataset)}. */
    static XYChart decisionBoundary(Network model, Dataset data, int width, int height) {
        return decisionBoundary(model, data, regionsPlane(model, data), width, height);
    }

    /**
     * The plane the decision regions of {@code model} over {@code data} are drawn on, once the two
     * are checked: for pictures that draw several (a replay's frames) or more over the same plane.
     *
     * @throws IllegalArgumentException if the data is not the model's width or not for classification
     */
    static Projection regionsPlane(Network model, Dataset data) {
        if (!data.isClassification()) {
            throw new IllegalArgumentException("a decision boundary needs class labels, but the data has real-valued "
                    + "targets " + data.targetNames());
        }
        model.check(data, "data");
        return Projection.of(data);
    }

    /** The decision regions on {@code projection}, the {@link #regionsPlane} of a model of this one's width and {@code data}. */
    static XYChart decisionBoundary(Network model, Dataset data, Projection projection, int width, int height) {
        double[][] x = projection.project(data.x());
        int[] labels = data.labels();
        double[][] plane = plane(x);
        double[] lo = plane[0];
        double[] hi = plane[1];
        double dx = (hi[0] - lo[0]) / GRID_CELLS;
        double dy = (hi[1] - lo[1]) / GRID_CELLS;
        double[][] grid = grid(plane, GRID_CELLS);
        double[][] p = model.predict(projection.lift(grid));
        int classes = Math.max(data.outputs(), p[0].length == 1 ? 2 : p[0].length);
        List<String> names = new ArrayList<>(data.targetNames());
        while (names.size() < classes) {
            names.add("class " + names.size());
        }

        XYChart chart = Look.xy(width, height, "Decision regions", projection.titles().get(0),
                projection.titles().get(1));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setXAxisMin(lo[0]);
        chart.getStyler().setXAxisMax(hi[0]);
        chart.getStyler().setYAxisMin(lo[1]);
        chart.getStyler().setYAxisMax(hi[1]);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setXAxisDecimalPattern("0.##");
        chart.getStyler().setYAxisDecimalPattern("0.##");

        // regions: one series per (predicted class, confidence level), drawn as filled cells
        int levels = 3;
        Map<Integer, List<double[]>> cells = new LinkedHashMap<>();
        for (int r = 0; r < grid.length; r++) {
            int k = Predictions.predictedClass(p[r], 0, p[r].length);
            double top = p[r].length == 1 ? Math.max(p[r][0], 1 - p[r][0]) : p[r][k];
            double sure = (top - 1.0 / classes) / (1 - 1.0 / classes);   // 0 at chance, 1 when certain
            int level = Math.max(0, Math.min(levels - 1, (int) (sure * levels)));
            cells.computeIfAbsent(k * levels + level, key -> new ArrayList<>()).add(grid[r]);
        }
        Cell cell = new Cell(chart, dx, dy);
        for (int key = 0; key < classes * levels; key++) {
            List<double[]> points = cells.get(key);
            if (points == null) {
                continue;
            }
            int k = key / levels;
            int level = key % levels;
            XYSeries s = chart.addSeries("region " + names.get(k) + " " + (level + 1) + "/" + levels,
                    points.stream().mapToDouble(q -> q[0]).toArray(), points.stream().mapToDouble(q -> q[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(cell);
            s.setMarkerColor(Look.tint(Look.category(k), 0.16 + 0.16 * level));
            s.setShowInLegend(false);
        }
        // the data, in the colours of the true classes
        for (int k = 0; k < classes; k++) {
            List<double[]> points = new ArrayList<>();
            for (int r = 0; r < x.length; r++) {
                if (labels[r] == k) {
                    points.add(x[r]);
                }
            }
            if (points.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(names.get(k), points.stream().mapToDouble(q -> q[0]).toArray(),
                    points.stream().mapToDouble(q -> q[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(DOT);
            s.setMarkerColor(Look.category(k));
        }
        return chart;
    }

    /** The part of the plane a 2-D picture of these rows shows: {@code {lo, hi}}, their range padded by 8 % on each side. */
    static double[][] plane(double[][] x) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[] row : x) {
            for (int j = 0; j < 2; j++) {
                lo[j] = Math.min(lo[j], row[j]);
                hi[j] = Math.max(hi[j], row[j]);
            }
        }
        for (int j = 0; j < 2; j++) {
            double pad = hi[j] > lo[j] ? 0.08 * (hi[j] - lo[j]) : 0.5;
            lo[j] -= pad;
            hi[j] += pad;
        }
        return new double[][] {lo, hi};
    }

    /**
     * The centres of {@code cells × cells} squares tiling the plane {@code {lo, hi}}, row by row from
     * the bottom ({@code lo[1]}) up, each row from left to right.
     */
    static double[][] grid(double[][] plane, int cells) {
        double[] lo = plane[0];
        double[] hi = plane[1];
        double dx = (hi[0] - lo[0]) / cells;
        double dy = (hi[1] - lo[1]) / cells;
        double[][] grid = new double[cells * cells][];
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                grid[i * cells + j] = new double[] {lo[0] + (j + 0.5) * dx, lo[1] + (i + 0.5) * dy};
            }
        }
        return grid;
    }

    /** The confusion matrix as a heat map of counts: actual classes down (first on top), predicted across. */
    public static HeatMapChart confusionMatrix(ConfusionMatrix matrix) {
        int k = matrix.classes();
        int size = Math.max(420, Math.min(900, 160 + 48 * k));
        HeatMapChart chart = Look.heatMap(size + 60, size, String.format("Confusion matrix — accuracy %.1f %%",
                100 * matrix.accuracy()), "predicted", "actual");
        chart.getStyler().setRangeColors(Look.BLUES);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new Font(Look.FONT, Font.PLAIN, k > 12 ? 9 : 12));
        chart.getStyler().setValueFontColor(Look.INK);
        chart.getStyler().setHeatMapValueDecimalPattern("#,##0");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDrawBorder(true);
        chart.getStyler().setXAxisLabelRotation(k > 8 ? 45 : 0);
        List<String> ys = new ArrayList<>();
        for (int a = k - 1; a >= 0; a--) {
            ys.add(matrix.classNames().get(a));
        }
        List<Number[]> cells = new ArrayList<>();
        int max = 0;
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - a, matrix.count(a, p)});
                max = Math.max(max, matrix.count(a, p));
            }
        }
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(Math.max(1, max));
        chart.addSeries("count", matrix.classNames(), ys, cells);
        return chart;
    }

    /** The confusion matrix of {@code model} on {@code data}; see {@link ConfusionMatrix#of(Network, Dataset)}. */
    public static HeatMapChart confusionMatrix(Network model, Dataset data) {
        return confusionMatrix(ConfusionMatrix.of(model, data));
    }

    // ---- helpers ----

    /**
     * Puts the y axis on a logarithmic scale, once the series are in, labelled to suit the range
     * of their values: at 1, 2, ... 9 × 10^k within two decades, at every power of ten up to
     * {@value #MAX_LOG_DECADES} decades, all in one notation: plain ({@code 0.001, 0.01, 0.1}) when
     * the values lie where {@link Numbers#compact(double)} writes numbers plainly, else with a power
     * of ten ({@code 1E-4, 1E-3, 1E-2}). Beyond {@value #MAX_LOG_DECADES} decades (a diverging run)
     * XChart would print a label for every decade, one on top of the other, so the values are
     * replaced by their log₁₀ on a linear axis instead. The axis is titled
     * {@code quantity (log scale)} or {@code log₁₀ quantity}. Log axes keep XChart's own tick
     * calculator, labelled through a decimal pattern: a label callback would switch XChart to its
     * linear calculator, which never finishes when the callback leaves labels blank.
     */
    private static void logY(XYChart chart, String quantity) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double y : s.getYData()) {
                if (plottable(y, true)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        double decades = Math.log10(max / min);
        if (decades > MAX_LOG_DECADES) {
            for (XYSeries s : chart.getSeriesMap().values()) {
                double[] logs = Arrays.stream(s.getYData()).map(Math::log10).toArray();
                chart.updateXYSeries(s.getName(), s.getXData(), logs, null);
            }
            chart.setYAxisTitle("log₁₀ " + quantity);
        } else {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmicDecadeOnly(decades >= 2);
            chart.getStyler().setYAxisDecimalPattern(Numbers.plain(min) && Numbers.plain(max) ? "0.###" : "0E0");
            chart.setYAxisTitle(quantity + " (log scale)");
        }
    }

    private static boolean plottable(double y, boolean log) {
        return Double.isFinite(y) && (!log || y > 0);
    }

    private static double finiteMin(double[]... arrays) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] a : arrays) {
            for (double v : a) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                }
            }
        }
        return min;
    }

    /** A data point: a filled circle in the series colour with a white rim, readable on any region colour. */
    private static final Marker DOT = new Marker() {
        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            Shape dot = new Ellipse2D.Double(x - size / 2.0, y - size / 2.0, size, size);
            g.fill(dot);
            Color colour = g.getColor();
            g.setStroke(new BasicStroke(1.2f));
            g.setColor(Color.WHITE);
            g.draw(dot);
            g.setColor(colour);
        }
    };

    /** A cell of the prediction grid: a filled rectangle spanning {@code dx × dy} in data units. */
    private static final class Cell extends Marker {
        private final Chart<?, ?> chart;
        private final double dx;
        private final double dy;

        Cell(Chart<?, ?> chart, double dx, double dy) {
            this.chart = chart;
            this.dx = dx;
            this.dy = dy;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            // the axes are laid out by now: convert the cell's span to pixels; +1 closes the seams
            double w = Math.abs(chart.getScreenXFromChart(dx) - chart.getScreenXFromChart(0)) + 1;
            double h = Math.abs(chart.getScreenYFromChart(dy) - chart.getScreenYFromChart(0)) + 1;
            g.fill(new Rectangle2D.Double(x - w / 2, y - h / 2, w, h));
        }
    }
}
