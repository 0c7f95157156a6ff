package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlplab.plot.IrisRun.DIAGNOSTICS;
import static org.mlplab.plot.IrisRun.HISTORY;
import static org.mlplab.plot.Pixels.assertDrawn;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mlplab.data.Dataset;
import org.mlplab.diagnostics.Diagnostics;
import org.mlplab.diagnostics.Histogram;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Init;
import org.mlplab.nn.Parameter;
import org.mlplab.optim.Schedule;
import org.mlplab.train.ConfusionMatrix;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.mlplab.train.Stop;
import org.w3c.dom.Document;

/**
 * Every chart factory on a real iris run: rendered headless, the picture has the documented size
 * and shows data (see {@link Pixels}), and the XChart object carries the expected titles and series.
 */
class ChartsTest {
    private static final List<String> LAYERS = List.of("layer 1 (relu)", "layer 2 (softmax)");
    private static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");

    @TempDir
    Path dir;

    private static void assertTitles(Chart<?, ?> chart, String title, String xAxis, String yAxis) {
        assertEquals(title, chart.getTitle());
        assertEquals(xAxis, chart.getXAxisTitle());
        assertEquals(yAxis, chart.getYAxisTitle());
    }

    private static List<String> series(Chart<?, ?> chart) {
        return new ArrayList<>(chart.getSeriesMap().keySet());
    }

    private static final Dataset XOR = Dataset.classification(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
            new int[] {0, 1, 1, 0});

    /** A quiet full-batch run on XOR: 2 → 4 (tanh) → 2 (softmax). */
    private static History xor(Fit fit) {
        Mlp model = Mlp.input(2).dense(4, Activation.TANH).dense(2, Activation.SOFTMAX).seed(1).build();
        return model.fit(XOR, fit.batch(4).quiet());
    }

    /**
     * Asserts that the tick labels are round numbers, 2 to {@code most} of them: the multiples of
     * one step of 1, 2 or 5 × 10^k, evenly spaced.
     */
    private static void assertRoundTicks(List<String> labels, int most) {
        double[] v = TickLabels.values(labels);
        assertTrue(v.length >= 2 && v.length <= most, v.length + " labels, expected 2 to " + most + ": " + labels);
        double step = v[1] - v[0];
        double mantissa = step / Math.pow(10, Math.floor(Math.log10(step)));
        long m = Math.round(mantissa);
        assertTrue(Math.abs(mantissa - m) < 1e-6 && (m == 1 || m == 2 || m == 5), "a step of " + step + ": " + labels);
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[0] + i * step, v[i], 1e-6 * step, "evenly spaced: " + labels);
            assertEquals(Math.rint(v[i] / step), v[i] / step, 1e-6, "multiples of " + step + ": " + labels);
        }
    }

    /** Asserts that the labels other than 0 are all plain ({@code 0.01}) or all with a power of ten ({@code 1E-2}). */
    private static void assertOneNotation(List<String> labels) {
        List<String> numbers = labels.stream().filter(s -> !s.equals("0")).toList();
        long scientific = numbers.stream().filter(s -> s.toLowerCase().contains("e")).count();
        assertTrue(scientific == 0 || scientific == numbers.size(), "one notation: " + labels);
    }

    @Test
    void aLongRunIsDrawnFromEveryKthEpochAndItsLast() {
        History history = xor(Fit.epochs(2 * Charts.MAX_CURVE_POINTS).noDiagnostics());
        double[] epochs = Charts.loss(history).getSeriesMap().get("training").getXData();
        assertEquals(Charts.MAX_CURVE_POINTS + 1, epochs.length, "every other epoch, and the last");
        assertEquals(1, epochs[0]);
        assertEquals(3, epochs[1]);
        assertEquals(2 * Charts.MAX_CURVE_POINTS, epochs[epochs.length - 1]);
    }

    @Test
    void epochAndStepAxesAreLabelledAtRoundNumbersUpright() {
        History run = xor(Fit.epochs(100).adam(0.01).schedule(Schedule.exponential(0.97)).diagnostics(1));
        ChartGrid curves = Charts.curves(run);
        List<XYChart> charts = List.of(Charts.loss(run), Charts.metric(run), Charts.learningRate(run),
                (XYChart) curves.charts().get(0), (XYChart) curves.charts().get(1),
                Charts.gradientNorms(run.diagnostics()), Charts.updateRatios(run.diagnostics()),
                Charts.loss(xor(Fit.epochs(3))));
        for (XYChart chart : charts) {
            List<String> labels = TickLabels.x(chart);
            assertEquals(0, chart.getStyler().getXAxisLabelRotation(), chart.getTitle() + ": upright labels");
            assertTrue(labels.stream().allMatch(s -> s.matches("\\d+")), chart.getTitle() + ": whole epochs " + labels);
            assertRoundTicks(labels, 10);
        }
    }

    @Test
    void loss() {
        XYChart chart = Charts.loss(HISTORY);
        assertTitles(chart, "Loss", "epoch", "loss");
        assertEquals(List.of("training", "validation"), series(chart));
        assertEquals(IrisRun.EPOCHS, chart.getSeriesMap().get("training").getXData().length);
        assertDrawn(Pictures.toImage(chart), Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void metric() {
        XYChart chart = Charts.metric(HISTORY);
        assertTitles(chart, "Accuracy", "epoch", "accuracy");
        assertEquals(List.of("training", "validation"), series(chart));
        assertDrawn(Pictures.toImage(chart), Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void curves() {
        ChartGrid grid = Charts.curves(HISTORY);
        assertTrue(grid.title().startsWith(IrisRun.EPOCHS + " epochs"), grid.title());
        assertEquals(List.of("Loss", "Accuracy"), grid.charts().stream().map(Chart::getTitle).toList());
        // two 520 × 380 charts side by side under the title band
        assertDrawn(Pictures.toImage(grid), 2 * 520, ChartGrid.TITLE_HEIGHT + 380);
    }

    @Test
    void learningRateOnALogAxisWhenItSpansDecades() {
        XYChart chart = Charts.learningRate(HISTORY);
        assertTitles(chart, "Learning rate", "epoch", "learning rate (log scale)");
        assertEquals(List.of("learning rate"), series(chart));
        assertTrue(chart.getStyler().isYAxisLogarithmic(), "0.01 halved every epoch spans 9 decades");
        assertDrawn(Pictures.toImage(chart), Charts.WIDTH, Charts.HEIGHT, 0.002, 2);   // a single thin line
    }

    @Test
    void gradientNorms() {
        XYChart chart = Charts.gradientNorms(DIAGNOSTICS);
        assertTitles(chart, "Weight-gradient norm per layer", "step", "‖∂L/∂W‖ (log scale)");
        assertEquals(LAYERS, series(chart));
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertDrawn(Pictures.toImage(chart), Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void updateRatiosWithTheHealthyBand() {
        XYChart chart = Charts.updateRatios(DIAGNOSTICS);
        assertTitles(chart, "Update / weight ratio per layer", "step", "‖ΔW‖ / ‖W‖ (log scale)");
        List<String> expected = new ArrayList<>(List.of("accepted 1e-05 to 1e-01", "1e-3"));
        expected.addAll(LAYERS);
        assertEquals(expected, series(chart));
        assertDrawn(Pictures.toImage(chart), Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void gradientHeatmap() {
        HeatMapChart chart = Charts.gradientHeatmap(DIAGNOSTICS);
        assertTitles(chart, "log₁₀ ‖∂L/∂W‖ per layer and epoch", "epoch", "layer");
        assertEquals(List.of("log₁₀ ‖∂L/∂W‖"), series(chart));
        assertEquals(List.of("layer 2 (softmax)", "layer 1 (relu)"), chart.getHeatMapSeries().getYData(),
                "layer 1 on top");
        assertEquals(IrisRun.EPOCHS, chart.getHeatMapSeries().getXData().size());
        assertDrawn(Pictures.toImage(chart), Charts.WIDTH, Charts.HEIGHT, 0.3, 20);
    }

    @Test
    void histogramGridAtEachMoment() {
        List<String> moments = DIAGNOSTICS.histogramMoments();
        assertEquals(List.of("initialisation", "epoch 10", "epoch " + IrisRun.EPOCHS), moments);
        ChartGrid grid = Charts.histograms(DIAGNOSTICS);
        assertEquals(3, grid.columns());
        assertEquals(2, grid.rows());
        List<String> titles = new ArrayList<>();
        for (String kind : List.of("Activations", "Gradients δ")) {
            moments.forEach(m -> titles.add(kind + " — " + m));
        }
        assertEquals(titles, grid.charts().stream().map(Chart::getTitle).toList());
        grid.charts().forEach(c -> assertEquals(LAYERS, series(c)));
        // 3 moments: cells of 400 × 340
        assertDrawn(Pictures.toImage(grid), 3 * 400, ChartGrid.TITLE_HEIGHT + 2 * 340);
    }

    @Test
    void oneHistogram() {
        XYChart chart = Charts.histogram(DIAGNOSTICS, Histogram.Kind.GRADIENT, "initialisation");
        assertTitles(chart, "Gradients δ — initialisation", "δ = ∂ℓ/∂z", "fraction of values");
        assertEquals(LAYERS, series(chart));
        assertDrawn(Pictures.toImage(chart), Charts.WIDTH, Charts.HEIGHT);
        assertThrows(IllegalArgumentException.class,
                () -> Charts.histogram(DIAGNOSTICS, Histogram.Kind.ACTIVATION, "epoch 7"));
    }

    @Test
    void histogramsAreLabelledAtRoundNumbersWithinTheirRange() {
        for (Chart<?, ?> chart : Charts.histograms(DIAGNOSTICS).charts()) {
            assertRoundTicksOverTheData(chart);
        }
    }

    /** Asserts that a histogram's x axis has 3 to 10 round labels in one notation, inside the frame around its lines. */
    private static void assertRoundTicksOverTheData(Chart<?, ?> chart) {
        List<String> labels = TickLabels.x(chart);
        assertTrue(labels.size() >= 3, chart.getTitle() + ": " + labels);
        assertRoundTicks(labels, 10);
        assertOneNotation(labels);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (XYSeries s : ((XYChart) chart).getSeriesMap().values()) {
            low = Math.min(low, s.getXMin());
            high = Math.max(high, s.getXMax());
        }
        // inside the frame: half a bin and XChart's margin (4 % of the width) from the data
        double margin = 0.06 * (high - low);
        for (double v : TickLabels.values(labels)) {
            assertTrue(v > low - margin && v < high + margin,
                    chart.getTitle() + ": " + v + " outside " + low + " to " + high);
        }
    }

    @Test
    void valuesEqualUpToRoundingAreOneBarOnAReadableAxis() {
        // an untrained regressor with weights of ±1e-16, or of 0, on targets 0: every activation
        // and every δ is 0 to within 1e-15
        Dataset zeros = Dataset.regression(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, new double[] {0, 0, 0, 0});
        for (Init init : List.of(Init.uniform(1e-16), Init.ZEROS)) {
            Mlp model = Mlp.input(2).dense(4, Activation.TANH).dense(1, Activation.IDENTITY).init(init).seed(1).build();
            Diagnostics diagnostics = Diagnostics.beforeTraining(model, zeros);
            diagnostics.histograms().forEach(h -> assertTrue(h.high() - h.low() < 1e-15, h.toString()));
            for (Chart<?, ?> chart : Charts.histograms(diagnostics).charts()) {
                List<String> labels = TickLabels.x(chart);
                assertRoundTicks(labels, 10);
                assertTrue(labels.contains("0"), init + ", " + chart.getTitle() + ": the values' place, " + labels);
                for (XYSeries s : ((XYChart) chart).getSeriesMap().values()) {
                    assertEquals(1.0, s.getYMax(), 1e-12, init + ", " + chart.getTitle() + ", " + s.getName()
                            + ": all values in one bar");
                }
            }
        }
    }

    @Test
    void weightsAndTheirLastUpdateSideBySideALayerARow() {
        ChartGrid grid = Charts.weights(IrisRun.MODEL);
        assertEquals("Weights and their last update, per layer", grid.title());
        assertEquals(2, grid.columns());
        assertEquals(2, grid.rows());
        List<Chart<?, ?>> charts = grid.charts();
        assertEquals("layer 1 (relu): W1, 4 × 16", charts.get(0).getTitle());
        assertEquals("layer 2 (softmax): W2, 16 × 3", charts.get(2).getTitle());
        for (int l = 0; l < 2; l++) {
            Parameter w = IrisRun.MODEL.layer(l).weights();
            XYSeries values = ((XYChart) charts.get(2 * l)).getSeriesMap().values().iterator().next();
            assertEquals("weight w", charts.get(2 * l).getXAxisTitle());
            assertEquals(Arrays.stream(w.copyValues()).min().orElseThrow(), values.getXMin(), 1e-12, "W from its least");
            assertEquals(Arrays.stream(w.copyValues()).max().orElseThrow(), values.getXMax(), 1e-12, "to its largest");

            // the last learning rate is 0.01 / 2^29: updates of about 1e-11, drawn in units of a power of ten
            XYChart update = (XYChart) charts.get(2 * l + 1);
            double ratio = w.lastUpdateNorm() / w.norm();
            assertTrue(ratio > 1e-13 && ratio < 1e-9, "ratio " + ratio);
            assertTrue(update.getTitle().startsWith("layer " + (l + 1) + ": last update ΔW" + (l + 1)
                    + ", ‖ΔW‖ / ‖W‖ = "), update.getTitle());
            assertEquals(ratio, Double.parseDouble(update.getTitle().replaceAll(".* = ", "")), 0.01 * ratio);
            Matcher unit = Pattern.compile("update Δw \\(× (1e-\\d+)\\)").matcher(update.getXAxisTitle());
            assertTrue(unit.matches(), update.getXAxisTitle());
            double[] delta = Arrays.stream(w.lastUpdate().orElseThrow()).flatMapToDouble(Arrays::stream).toArray();
            XYSeries deltas = update.getSeriesMap().values().iterator().next();
            double scale = Double.parseDouble(unit.group(1));
            assertEquals(Arrays.stream(delta).min().orElseThrow(), deltas.getXMin() * scale, 1e-9 * scale, "ΔW from its least");
            assertEquals(Arrays.stream(delta).max().orElseThrow(), deltas.getXMax() * scale, 1e-9 * scale, "to its largest");
        }
        for (Chart<?, ?> chart : charts) {
            assertEquals("fraction of weights", chart.getYAxisTitle());
            assertRoundTicksOverTheData(chart);
        }
        assertDrawn(Pictures.toImage(grid), 2 * 520, ChartGrid.TITLE_HEIGHT + 2 * 320);
    }

    @Test
    void weightsWithoutALastUpdateAloneTwoByTwo() {
        Mlp untrained = Mlp.input(4).dense(8, Activation.TANH).dense(6, Activation.TANH).dense(3, Activation.SOFTMAX)
                .seed(5).build();
        Mlp reset = Mlp.input(2).dense(4, Activation.TANH).dense(2, Activation.SOFTMAX).seed(1).build();
        reset.fit(XOR, Fit.epochs(2).batch(4).quiet());
        reset.layer(0).weights().set(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}});   // set, not updated
        for (Mlp model : List.of(untrained, reset)) {
            ChartGrid grid = Charts.weights(model);
            assertEquals("Weights per layer (no update since they were set)", grid.title());
            assertEquals(model.layers().size(), grid.charts().size());
            grid.charts().forEach(chart -> assertEquals("weight w", chart.getXAxisTitle()));
            assertEquals(2, grid.columns());
        }
        assertDrawn(Pictures.toImage(Charts.weights(untrained)), 2 * 520, ChartGrid.TITLE_HEIGHT + 2 * 320);
    }

    @Test
    void weightsThatStayZeroAreOneBarAtZeroWithoutARatio() {
        // zero weights and tanh: every hidden activation is 0, so no weight gradient; the biases train
        Mlp model = Mlp.input(2).dense(4, Activation.TANH).dense(2, Activation.SOFTMAX).init(Init.ZEROS).seed(1).build();
        model.fit(XOR, Fit.epochs(3).batch(4).sgd(0.1).quiet());
        List<Chart<?, ?>> charts = Charts.weights(model).charts();
        assertEquals("layer 1: last update ΔW1, ‖W‖ = 0", charts.get(1).getTitle());
        for (Chart<?, ?> chart : charts) {
            List<String> labels = TickLabels.x(chart);
            assertRoundTicks(labels, 10);
            assertTrue(labels.contains("0"), chart.getTitle() + ": " + labels);
            assertEquals(1.0, ((XYChart) chart).getSeriesMap().values().iterator().next().getYMax(), 1e-12,
                    chart.getTitle() + ": all in one bar");
        }
    }

    @Test
    void diagnosticsSideBySideUnderTheVerdict() {
        ChartGrid grid = Charts.diagnostics(DIAGNOSTICS);
        assertEquals("Diagnosis: " + DIAGNOSTICS.verdict().status().label(), grid.title());
        assertEquals(List.of("Weight-gradient norm per layer", "Update / weight ratio per layer"),
                grid.charts().stream().map(Chart::getTitle).toList());
        assertDrawn(Pictures.toImage(grid), 2 * 560, ChartGrid.TITLE_HEIGHT + 400);
    }

    @Test
    void decisionBoundaryOfTwoIrisColumns() {
        XYChart chart = Charts.decisionBoundary(IrisRun.PETAL_MODEL, IrisRun.PETALS.test());
        assertTitles(chart, "Decision regions", "petal_length", "petal_width");
        List<String> legend = chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend())
                .map(s -> s.getName()).toList();
        assertEquals(CLASSES, legend, "the data's points, one series per class");
        assertTrue(series(chart).stream().anyMatch(s -> s.startsWith("region virginica")), series(chart).toString());
        BufferedImage image = Pictures.toImage(chart);
        assertDrawn(image, Charts.WIDTH, Charts.HEIGHT, 0.3, 6);
        assertThrows(IllegalArgumentException.class, () -> Charts.decisionBoundary(IrisRun.PETAL_MODEL, IrisRun.DATA.test()));
    }

    @Test
    void decisionBoundaryOfFourIrisColumnsOnTheirPrincipalPlane() {
        XYChart chart = Charts.decisionBoundary(IrisRun.MODEL, IrisRun.DATA.test());
        assertTrue(chart.getXAxisTitle().matches("PC1 \\(\\d+(\\.\\d+)? % of the variance\\)"), chart.getXAxisTitle());
        assertTrue(chart.getYAxisTitle().startsWith("PC2 ("), chart.getYAxisTitle());
        assertTrue(series(chart).stream().filter(s -> s.startsWith("region ")).map(s -> s.split(" ")[1]).distinct().count() >= 2,
                "the plane crosses at least two classes' regions: " + series(chart));
        assertDrawn(Pictures.toImage(chart), Charts.WIDTH, Charts.HEIGHT, 0.3, 6);
    }

    @Test
    void confusionMatrixWithClassNames() {
        ConfusionMatrix matrix = ConfusionMatrix.of(IrisRun.MODEL, IrisRun.DATA.test());
        HeatMapChart chart = Charts.confusionMatrix(matrix);
        assertEquals(String.format("Confusion matrix — accuracy %.1f %%", 100 * matrix.accuracy()), chart.getTitle());
        assertEquals("predicted", chart.getXAxisTitle());
        assertEquals("actual", chart.getYAxisTitle());
        assertEquals(CLASSES, chart.getHeatMapSeries().getXData());
        assertEquals(List.of("virginica", "versicolor", "setosa"), chart.getHeatMapSeries().getYData(),
                "the first class on top");
        int counted = 0;
        for (Number[] cell : chart.getHeatMapSeries().getHeatData()) {
            counted += cell[2].intValue();
        }
        assertEquals(IrisRun.DATA.test().size(), counted);
        // 3 classes: the 420-pixel minimum, plus 60 for the y labels
        assertDrawn(Pictures.toImage(chart), 480, 420, 0.1, 3);
        assertEquals(chart.getTitle(), Charts.confusionMatrix(IrisRun.MODEL, IrisRun.DATA.test()).getTitle());
    }

    @Test
    void pngAndSvgFilesAreWrittenAndReadable() throws IOException {
        XYChart chart = Charts.loss(HISTORY);
        Path png = Pictures.savePng(chart, dir.resolve("charts/loss.png"));
        BufferedImage read = ImageIO.read(png.toFile());
        assertDrawn(read, Charts.WIDTH, Charts.HEIGHT);

        ChartGrid grid = Charts.curves(HISTORY);
        Path svg = Pictures.saveSvg(grid, dir.resolve("curves.svg"));
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        // an XML declaration and the SVG 1.1 doctype, then the <svg> element
        assertTrue(text.startsWith("<?xml"), text.substring(0, Math.min(200, text.length())));
        Document document = Xhtml.page(svg);
        assertEquals("svg", document.getDocumentElement().getTagName());
        assertEquals(grid.width() + "px", document.getDocumentElement().getAttribute("width"));
        assertEquals(grid.height() + "px", document.getDocumentElement().getAttribute("height"));
        assertTrue(text.contains("validation"), "the legend is drawn as text");

        Path single = Pictures.saveSvg(Charts.gradientHeatmap(DIAGNOSTICS), dir.resolve("heat.svg"));
        assertEquals("svg", Xhtml.page(single).getDocumentElement().getTagName());
        assertTrue(Pictures.toPng(chart).length > 1000);
    }

    @Test
    void aDivergedRunStillRenders() {
        History diverged = IrisRun.DIVERGED;
        assertEquals(Stop.Reason.DIVERGED, diverged.stop().reason());
        assertTrue(Arrays.stream(diverged.validationLoss()).anyMatch(Double::isNaN),
                "the last epoch's validation loss is NaN: " + Arrays.toString(diverged.validationLoss()));
        assertTrue(diverged.diagnostics().stats().stream().anyMatch(s -> Double.isNaN(s.updateRatio())),
                "some update ratios are NaN");

        assertDrawn(Pictures.toImage(Charts.curves(diverged)), 2 * 520, ChartGrid.TITLE_HEIGHT + 380);
        assertTrue(Charts.curves(diverged).title().contains("NaN"), Charts.curves(diverged).title());
        assertDrawn(Pictures.toImage(Charts.diagnostics(diverged.diagnostics())), 2 * 560, ChartGrid.TITLE_HEIGHT + 400);
        assertDrawn(Pictures.toImage(Charts.gradientHeatmap(diverged.diagnostics())), Charts.WIDTH, Charts.HEIGHT, 0.3, 4);
    }

    @Test
    void logAxesSpanningManyDecadesRenderInBoundedTime() {
        // gradient norms over ~150 decades (a diverging run), the learning rate over 9 decades
        XYChart norms = Charts.gradientNorms(IrisRun.DIVERGED.diagnostics());
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (var s : norms.getSeriesMap().values()) {
            min = Math.min(min, s.getYMin());
            max = Math.max(max, s.getYMax());
        }
        assertTrue(max - min > 50, "the norms span " + (max - min) + " decades");
        // too many decades to label one by one: log10 of the values on a linear axis
        assertFalse(norms.getStyler().isYAxisLogarithmic());
        assertEquals("log₁₀ ‖∂L/∂W‖", norms.getYAxisTitle());
        XYChart restyled = Charts.loss(IrisRun.DIVERGED);
        restyled.getStyler().setYAxisLogarithmic(true);   // what a user might do with a loss of 1e303
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertDrawn(Pictures.toImage(norms), Charts.WIDTH, Charts.HEIGHT);
            assertDrawn(Pictures.toImage(Charts.learningRate(HISTORY)), Charts.WIDTH, Charts.HEIGHT, 0.002, 2);
            assertDrawn(Pictures.toImage(Charts.updateRatios(IrisRun.DIVERGED.diagnostics())), Charts.WIDTH, Charts.HEIGHT);
            Pictures.toImage(restyled);
        });
    }

    @Test
    void everyTickOfAnAxisIsLabelledInOneNotation() {
        // the learning rate and the update ratios span 9 decades across 0.001, the gradient norms one
        List<XYChart> logs = List.of(Charts.learningRate(HISTORY), Charts.updateRatios(DIAGNOSTICS),
                Charts.gradientNorms(DIAGNOSTICS));
        for (XYChart chart : logs) {
            assertTrue(chart.getStyler().isYAxisLogarithmic(), chart.getTitle());
            List<String> labels = TickLabels.y(chart);
            assertTrue(labels.size() >= 3, chart.getTitle() + ": " + labels);
            assertOneNotation(labels);
        }
        // a constant rate of 5e-4 on a linear axis from 0 to 0.001
        XYChart constant = Charts.learningRate(xor(Fit.epochs(3).adam(5e-4)));
        assertFalse(constant.getStyler().isYAxisLogarithmic());
        List<String> rates = TickLabels.y(constant);
        assertTrue(rates.size() >= 3, rates.toString());
        assertOneNotation(rates);
    }

    @Test
    void aLogAxisWithinTwoDecadesIsLabelledBetweenPowersOfTen() {
        // three full-batch steps: the gradient norms stay within a factor of 100
        var model = org.mlplab.model.Mlp.input(4).dense(16, org.mlplab.nn.Activation.RELU)
                .dense(3, org.mlplab.nn.Activation.SOFTMAX).seed(1).build();
        var history = model.fit(IrisRun.DATA.train(), org.mlplab.train.Fit.epochs(3).batch(120).adam(0.001)
                .diagnostics(1).quiet());
        XYChart norms = Charts.gradientNorms(history.diagnostics());
        assertTrue(norms.getStyler().isYAxisLogarithmic());
        assertFalse(norms.getStyler().isYAxisLogarithmicDecadeOnly(), "a decade-only axis would have no label");
        assertEquals("‖∂L/∂W‖ (log scale)", norms.getYAxisTitle());
        assertDrawn(Pictures.toImage(norms), Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void thePixelCheckRejectsAChartThatShowsNoData() {
        XYChart empty = Charts.loss(HISTORY);
        for (String name : series(empty)) {
            empty.removeSeries(name);
        }
        assertThrows(AssertionError.class, () -> assertDrawn(Pictures.toImage(empty), Charts.WIDTH, Charts.HEIGHT));
        XYChart offScale = Charts.loss(HISTORY);   // the lines fall outside the axes: only the legend has colour
        offScale.getStyler().setYAxisMin(100.0);
        offScale.getStyler().setYAxisMax(200.0);
        assertThrows(AssertionError.class, () -> assertDrawn(Pictures.toImage(offScale), Charts.WIDTH, Charts.HEIGHT));
    }
}
