package org.mlplab.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mlplab.data.Dataset;
import org.mlplab.diagnostics.Diagnostics;
import org.mlplab.internal.Html;
import org.mlplab.nn.Network;
import org.mlplab.train.ConfusionMatrix;
import org.mlplab.train.History;
import org.mlplab.train.Trainer;
import org.mlplab.train.Trials;

/**
 * A training run as a folder that a browser opens from the file system, with no server: the
 * charts as PNG files beside an {@code index.html} that shows them with the model summary, the
 * diagnosis (verdict, findings with their evidence and advice) and the metrics on the test data.
 * What {@code ./mlplab train ... --report DIR} writes.
 *
 * <pre>{@code
 * Report.write(Path.of("report"), "iris → species", model, history, data.test());
 * }</pre>
 *
 * <p>The page is XHTML-compatible HTML 5 with its style inline and the pictures referenced by
 * relative path, so the folder can be moved or zipped as a whole. Every user-provided name
 * (title, feature and class names) is escaped.
 */
public final class Report {
    /** The page: {@code index.html}. */
    public static final String INDEX = "index.html";
    /** Loss and metric curves: {@code curves.png} (scripts, e.g. Binder's smoke test, rely on this name). */
    public static final String CURVES = "curves.png";
    /** Weight-gradient norm per layer. */
    public static final String GRADIENT_NORMS = "gradient-norms.png";
    /** Update/weight ratio per layer. */
    public static final String UPDATE_RATIOS = "update-ratios.png";
    /** Layer × epoch heat map of the gradient norm. */
    public static final String GRADIENT_HEATMAP = "gradient-heatmap.png";
    /** Activation and gradient histograms per layer (only when histograms were kept). */
    public static final String HISTOGRAMS = "histograms.png";
    /** Confusion matrix on the test data (classification only). */
    public static final String CONFUSION_MATRIX = "confusion-matrix.png";
    /** The tried advice's curves side by side (only with {@link Trials}). */
    public static final String TRIALS = "trials.png";

    private static final String STYLE = """
            body { font-family: sans-serif; color: #333; max-width: 1160px; margin: 24px auto; padding: 0 16px; }
            h1 { font-size: 24px; } h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #ddd; }
            table { border-collapse: collapse; margin: 8px 0; }
            th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
            th { background: #f4f4f4; }
            figure { margin: 12px 0; display: inline-block; vertical-align: top; }
            img { max-width: 100%; height: auto; }
            figcaption { font-size: 13px; color: #666; }
            """;

    private Report() {
    }

    /**
     * Writes the report of a training run into {@code dir} (created if missing; files of the same
     * names are replaced): {@value #CURVES}, {@value #GRADIENT_NORMS}, {@value #UPDATE_RATIOS},
     * {@value #GRADIENT_HEATMAP}, {@value #HISTOGRAMS} when histograms were kept,
     * {@value #CONFUSION_MATRIX} for classification, and {@value #INDEX}. A diverged run is
     * reported like any other.
     *
     * @param dir     the folder to write into; modified
     * @param title   the page's heading, e.g. the data file and target column
     * @param model   the trained model; not modified
     * @param history what {@code model.fit} returned, with diagnostics; not modified
     * @param test    held-out data to evaluate the model on; not modified
     * @return the written {@value #INDEX}
     * @throws IOException              if {@code dir} is a file, cannot be created or is not writable,
     *                                  or a file cannot be written
     * @throws IllegalStateException    if the history was trained with {@code Fit.noDiagnostics()}
     * @throws IllegalArgumentException if {@code test} does not fit the model
     */
    public static Path write(Path dir, String title, Network model, History history, Dataset test) throws IOException {
        return write(dir, title, model, history, test, null);
    }

    /**
     * The report of {@link #write(Path, String, Network, History, Dataset)} with the diagnosis's
     * advice tried ({@link Trials}): their table and {@value #TRIALS} after the diagnostics.
     *
     * @param trials the tried advice, or {@code null} for none
     */
    public static Path write(Path dir, String title, Network model, History history, Dataset test, Trials trials)
            throws IOException {
        Diagnostics diagnostics = history.diagnostics();
        model.check(test, "test data");
        prepare(dir);
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<title>").append(Html.escape(title)).append(" — MLP Lab report</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>").append(Html.escape(title)).append("</h1>\n");

        page.append("<h2>Model</h2>\n").append(model.toHtml()).append('\n')
                .append("<p>Features: ").append(names(test.featureNames())).append("; ")
                .append(test.isClassification() ? "classes: " : "targets: ").append(names(test.targetNames()))
                .append(".</p>\n");

        page.append("<h2>Training</h2>\n")
                .append(figure(dir, CURVES, Charts.curves(history), "Loss and metric per epoch, training and validation"))
                .append(history.toHtml()).append('\n');

        page.append("<h2>Diagnostics</h2>\n").append(diagnostics.toHtml()).append('\n')
                .append(figure(dir, GRADIENT_NORMS, single(Charts.gradientNorms(diagnostics)),
                        "Weight-gradient norm per layer over training steps"))
                .append(figure(dir, UPDATE_RATIOS, single(Charts.updateRatios(diagnostics)),
                        "Update/weight ratio per layer; healthy: about 1e-3"))
                .append(figure(dir, GRADIENT_HEATMAP, single(Charts.gradientHeatmap(diagnostics)),
                        "Gradient norm per layer and epoch"));
        if (!diagnostics.histogramMoments().isEmpty()) {
            page.append(figure(dir, HISTOGRAMS, Charts.histograms(diagnostics),
                    "Activations (top) and back-propagated gradients (bottom) per layer"));
        }

        if (trials != null) {
            page.append("<h2>The advice, tried</h2>\n").append(trials.toHtml()).append('\n')
                    .append(figure(dir, TRIALS, Charts.trials(trials), "Each run's curves: the same initial weights "
                            + "and batch order, so each difference is the change's alone"));
        }

        page.append("<h2>Test data</h2>\n<p>").append(Html.escape(Trainer.evaluate(model, test).toString())).append("</p>\n");
        if (test.isClassification()) {
            ConfusionMatrix matrix = ConfusionMatrix.of(model, test);
            page.append(matrix.toHtml()).append('\n')
                    .append(figure(dir, CONFUSION_MATRIX, single(Charts.confusionMatrix(matrix)),
                            "Confusion matrix: actual classes down, predicted across"));
        }
        page.append("</body></html>\n");
        Path index = dir.resolve(INDEX);
        Files.writeString(index, page, StandardCharsets.UTF_8);
        return index;
    }

    /**
     * Makes {@code dir} ready to hold a report: creates it (and its parents) if missing and checks
     * that it is a writable folder. {@link #write} calls it; call it yourself to fail before a long
     * training run rather than after.
     *
     * @param dir the folder; created if missing
     * @return {@code dir}
     * @throws IOException with a sentence naming {@code dir} if it is a file, cannot be created or is not writable
     */
    public static Path prepare(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("the report folder " + dir + " is a file: give a folder (it is created if missing)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the report folder " + dir + " ("
                    + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getMessage()) + ")", e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("the report folder " + dir + " is not writable");
        }
        return dir;
    }

    /** Saves {@code grid} as {@code dir/file} and returns the figure that shows it. */
    private static String figure(Path dir, String file, ChartGrid grid, String caption) throws IOException {
        Pictures.savePng(grid, dir.resolve(file));
        return "<figure><img src=\"" + Html.escape(file) + "\" alt=\"" + Html.escape(caption) + "\" width=\""
                + grid.width() + "\" height=\"" + grid.height() + "\"/><figcaption>" + Html.escape(caption)
                + "</figcaption></figure>\n";
    }

    private static ChartGrid single(Chart<?, ?> chart) {
        return ChartGrid.of("", 1, chart);
    }

    private static String names(List<String> names) {
        return Html.escape(String.join(", ", names));
    }
}
