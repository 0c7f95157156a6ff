package org.mlplab.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mlplab.data.Dataset;
import org.mlplab.diagnostics.Collector;
import org.mlplab.diagnostics.Diagnostics;
import org.mlplab.diagnostics.Histogram;
import org.mlplab.diagnostics.LayerStats;
import org.mlplab.internal.Html;
import org.mlplab.nn.Network;
import org.mlplab.train.Epoch;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.mlplab.train.TrainingListener;

/**
 * A training run to replay with a slider, in one self-contained HTML output that stays in the
 * notebook: per recorded epoch, a classifier's decision regions ({@link Charts#decisionBoundary})
 * and every layer's histograms of activations and back-propagated gradients with its statistics,
 * one frame per epoch. A listener: attach it to a fit, then show it.
 * <pre>{@code
 * var replay = Replay.of(model, moons.train());
 * model.fit(moons.train(), Fit.epochs(200).adam(0.01).listener(replay));
 * replay                                    // cell output: the slider, at the last epoch
 * replay.save(Path.of("replay.html"));      // the same page, for any browser
 * }</pre>
 *
 * <p><b>Frames.</b> The initialisation (epoch 0: the initial weights, and the first batch's
 * activations and gradients) and the end of up to {@value #MAX_FRAMES}{@code - 1} epochs spread
 * evenly over the run, its last epoch included; a run of fewer epochs has every one. The
 * histograms and statistics of a frame are those of the epoch's last batch, recorded as
 * {@link Fit#diagnostics(int, int...)} records them, by a collector of the replay's own (so they
 * do not depend on the run's diagnostics settings). A run that ends early (early stopping, an
 * interrupt, divergence) has the frames of the epochs it completed of those planned; with early
 * stopping the model then gets back its best epoch's weights, which the last frame does not show.
 *
 * <p><b>What it shows where.</b> The HTML has no external reference: inline style, an inline
 * script on the slider, each frame a base64 PNG; it needs no kernel and no widget. Where the
 * output's scripts run (a live notebook, a trusted one, a browser opening the saved file) the
 * slider changes the frame; elsewhere the last frame shows, and a notebook's output also holds
 * it as a PNG ({@link #toImage()}) for viewers that strip HTML.
 *
 * <p><b>Size.</b> A frame is one picture, {@value #CHART_WIDTH} × {@value #CHART_HEIGHT} pixels
 * per chart (3 charts side by side with decision regions, else 2) under a title, and a table of
 * one row per layer. With decision regions and up to 8 layers a frame takes about 60-80 kB of HTML (its
 * PNG in base64), so the {@value #MAX_FRAMES} frames of a run of any length stay under about
 * {@value #MAX_HTML_KB} kB; drawing them takes a fraction of a second each. While it records,
 * a replay holds a copy of the model per frame (only with decision regions) and the histograms of its frames; once drawn, it keeps the pictures.
 *
 * <p>Recording does not change training: the replay reads the model's weights and buffers and
 * computes on copies, so a fit with it ends with the same weights, losses and diagnostics, bit
 * for bit. A replay records the latest fit it is attached to.
 */
public final class Replay implements TrainingListener {
    /** Frames kept at most: the initialisation and up to 29 epochs. */
    public static final int MAX_FRAMES = 30;
    /** The size of one chart of a frame, in pixels. */
    static final int CHART_WIDTH = 300;
    static final int CHART_HEIGHT = 240;
    /** What the HTML of {@value #MAX_FRAMES} frames stays under, in kB (checked by the tests). */
    static final int MAX_HTML_KB = 2_500;

    /** Shows the frame the slider points at and names it beside the slider; {@code this} is the slider. */
    private static final String SHOW_FRAME = "var frames = this.closest('.mlplab-replay').querySelectorAll('.mlplab-frame');"
            + " for (var i = 0; i < frames.length; i++) { frames[i].hidden = i != this.value; }"
            + " this.nextElementSibling.textContent = frames[this.value].getAttribute('data-label');";

    private static final String NO_MODEL = "the model is null: give the model that the fit trains";

    private final Network model;
    private final Dataset data;   // null: no decision regions
    private final Projection plane;   // where the regions are drawn, worked out once; null without
    private final List<Frame> frames = new ArrayList<>();
    private Set<Integer> planned = Set.of();
    private int epochs;
    private int batchesPerEpoch;
    private String metric = "";
    private Network initial;
    private Collector collector;
    private List<Drawn> pictures = List.of();   // each frame's picture, drawn on first use

    /**
     * One recorded moment.
     *
     * @param epoch    0 for the initialisation, else the epoch that just ended
     * @param weights  a copy of the model then, or {@code null} without decision regions
     * @param measured the epoch's loss and metric, or {@code null} for the initialisation
     */
    private record Frame(int epoch, Network weights, Epoch measured) {
    }

    /** A frame's picture as base64 PNG, and its size in pixels. */
    private record Drawn(String png, int width, int height) {
    }

    private Replay(Network model, Dataset data, Projection plane) {
        this.model = model;
        this.data = data;
        this.plane = plane;
    }

    /**
     * A replay of {@code model}'s next fit with its decision regions over {@code data}.
     *
     * @param model a classifier
     * @param data  a classification dataset of the model's width, e.g. the training data; not modified
     * @throws IllegalArgumentException if the data is not the model's width or not for classification
     */
    public static Replay of(Network model, Dataset data) {
        Objects.requireNonNull(model, NO_MODEL);
        Objects.requireNonNull(data, "the data is null: give the Dataset to draw the decision regions over");
        return new Replay(model, data, Charts.regionsPlane(model, data));   // refuses them now, not after training
    }

    /** A replay of {@code model}'s next fit with the layers' histograms and statistics only (any number of inputs). */
    public static Replay of(Network model) {
        return new Replay(Objects.requireNonNull(model, NO_MODEL), null, null);
    }

    /**
     * The epochs that a run of {@code epochs} is drawn at: every epoch when there are few, else
     * {@value #MAX_FRAMES}{@code - 1} spread evenly, the last included (the initialisation comes on top).
     */
    static Set<Integer> plan(int epochs) {
        int n = Math.min(epochs, MAX_FRAMES - 1);
        Set<Integer> plan = new TreeSet<>();
        for (int i = 1; i <= n; i++) {
            plan.add((int) Math.round(i * (double) epochs / n));
        }
        return plan;
    }

    /** The epochs of the recorded frames, in order: 0 for the initialisation, then each recorded epoch. */
    public List<Integer> epochs() {
        return frames.stream().map(Frame::epoch).toList();
    }

    @Override
    public void onStart(Network model, Fit fit, int batchesPerEpoch) {
        if (model != this.model) {
            throw new IllegalArgumentException("this replay records another model (" + this.model.shape()
                    + "): make one for this model with Replay.of(model, data)");
        }
        frames.clear();
        pictures = List.of();
        epochs = fit.epochs();
        planned = plan(epochs);
        this.batchesPerEpoch = batchesPerEpoch;
        collector = new Collector(1, planned);   // records whenever called: at the frames' batches only
        collector.start(model, batchesPerEpoch, fit.optimizer(), null);
        initial = weights(model);
    }

    @Override
    public void onBatch(Network model, int epoch, int batch, long step, double loss) {
        if (step == 1) {   // the initialisation's histograms and statistics
            collector.afterStep(model, epoch, batch, step, loss);
            frames.add(new Frame(0, initial, null));
            initial = null;
        } else if (batch == batchesPerEpoch && planned.contains(epoch)) {   // the last batch of a frame's epoch
            collector.afterStep(model, epoch, batch, step, loss);
        }
    }

    @Override
    public void onEpoch(Network model, History history) {
        Epoch last = history.last();
        metric = history.metric();
        if (planned.contains(last.epoch())) {
            frames.add(new Frame(last.epoch(), weights(model), last));
        }
    }

    /** A copy of the model's weights for the decision regions (never the model itself: its buffers are the run's). */
    private Network weights(Network model) {
        return data == null ? null : model.copy();
    }

    /**
     * The replay as an HTML fragment for a notebook cell: a slider over the frames, at the last
     * one, and each frame's picture and per-layer statistics. Self-contained (see the class
     * comment); a strict XML parser accepts it.
     */
    public String toHtml() {
        if (frames.isEmpty()) {
            return "<div class=\"mlplab-replay\"><p>" + Html.escape(toString()) + "</p></div>";
        }
        List<Drawn> drawn = pictures();
        Diagnostics diagnostics = collector.snapshot();
        int last = frames.size() - 1;
        StringBuilder s = new StringBuilder("<div class=\"mlplab-replay\">")
                .append("<p><b>Training replay</b>: ").append(frames.size()).append(" frames of ").append(epochs)
                .append(" epochs. Drag the slider (or use the arrow keys) to see another epoch.</p>")
                .append("<p><input type=\"range\" min=\"0\" max=\"").append(last).append("\" step=\"1\" value=\"")
                .append(last).append("\" aria-label=\"frame\" style=\"width: 360px; vertical-align: middle\" oninput=\"")
                .append(Html.escape(SHOW_FRAME)).append("\"/> <output>").append(Html.escape(label(frames.get(last))))
                .append("</output></p>\n");
        for (int i = 0; i <= last; i++) {
            Frame frame = frames.get(i);
            s.append("<div class=\"mlplab-frame\" data-epoch=\"").append(frame.epoch()).append("\" data-label=\"")
                    .append(Html.escape(label(frame))).append('"').append(i == last ? "" : " hidden=\"hidden\"")
                    .append("><img src=\"data:image/png;base64,").append(drawn.get(i).png()).append("\" alt=\"")
                    .append(Html.escape(title(frame, diagnostics))).append("\" width=\"").append(drawn.get(i).width())
                    .append("\" height=\"").append(drawn.get(i).height()).append("\" style=\"max-width: 100%; height: auto\"/>")
                    .append("<p>").append(Html.escape(statisticsCaption(frame))).append("</p>")
                    .append(diagnostics.toHtml(statistics(frame, diagnostics))).append("</div>\n");
        }
        return s.append("</div>").toString();
    }

    /** The last frame's picture (what a notebook shows where scripts do not run), or {@code null} before any frame. */
    public BufferedImage toImage() {
        return frames.isEmpty() ? null : Pictures.toImage(picture(frames.size() - 1, collector.snapshot()));
    }

    /**
     * Writes the replay as a standalone HTML page (parent folders are created, a file of that name
     * is replaced) that any browser opens from the file system.
     *
     * @return {@code file}
     * @throws IllegalStateException if nothing was recorded yet
     */
    public Path save(Path file) throws IOException {
        Objects.requireNonNull(file, "the file is null: give a Path, e.g. Path.of(\"replay.html\")");
        if (frames.isEmpty()) {
            throw new IllegalStateException("nothing to save: " + toString());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
                + "<title>Training replay — MLP Lab</title></head><body style=\"font-family: sans-serif\">\n"
                + toHtml() + "\n</body></html>\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Each frame's picture, drawn once for the frames recorded so far. */
    private List<Drawn> pictures() {
        if (pictures.size() != frames.size()) {
            Diagnostics diagnostics = collector.snapshot();
            List<Drawn> drawn = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                ChartGrid picture = picture(i, diagnostics);
                drawn.add(new Drawn(Base64.getEncoder().encodeToString(Pictures.toPng(picture)), picture.width(),
                        picture.height()));
            }
            pictures = List.copyOf(drawn);
        }
        return pictures;
    }

    /**
     * Frame {@code i}'s charts under its title: the decision regions (with data), the activations
     * and the gradients.
     */
    private ChartGrid picture(int i, Diagnostics diagnostics) {
        Frame frame = frames.get(i);
        List<Chart<?, ?>> charts = new ArrayList<>();
        if (frame.weights() != null) {
            charts.add(Charts.decisionBoundary(frame.weights(), data, plane, CHART_WIDTH, CHART_HEIGHT));
        }
        for (Histogram.Kind kind : Histogram.Kind.values()) {
            XYChart chart = Charts.histogram(diagnostics, kind, moment(frame), CHART_WIDTH, CHART_HEIGHT);
            shareHeight(chart, diagnostics, kind);
            charts.add(chart);
        }
        return ChartGrid.of(title(frame, diagnostics), charts.size(), charts);
    }

    /**
     * The height of every frame's histograms of {@code kind}, on {@code chart}: the fractions
     * compare across frames. The x axis follows each frame's values (gradients shrink by decades).
     */
    private void shareHeight(XYChart chart, Diagnostics diagnostics, Histogram.Kind kind) {
        Set<String> moments = frames.stream().map(Replay::moment).collect(Collectors.toSet());
        double top = diagnostics.histograms().stream()
                .filter(h -> h.kind() == kind && moments.contains(h.moment()) && h.total() > 0)
                .flatMapToDouble(h -> Arrays.stream(h.counts()).mapToDouble(c -> c / (double) h.total()))
                .max().orElseThrow();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(Math.min(1.0, top * 1.05));
    }

    /** The moment the diagnostics name the frame's histograms by. */
    private static String moment(Frame frame) {
        return frame.epoch() == 0 ? "initialisation" : "epoch " + frame.epoch();
    }

    /** {@code epoch 40 of 200}, or {@code initialisation}: beside the slider. */
    private String label(Frame frame) {
        return frame.epoch() == 0 ? "initialisation" : "epoch " + frame.epoch() + " of " + epochs;
    }

    /** The label with the loss and metric: above the frame's charts. */
    private String title(Frame frame, Diagnostics diagnostics) {
        Epoch e = frame.measured();
        if (e == null) {
            return String.format("Initialisation · loss %.4g on the first batch", diagnostics.initialLoss());
        }
        return String.format("Epoch %d of %d · loss %.4g · %s %.4f%s", e.epoch(), epochs, e.loss(), metric, e.metric(),
                e.hasValidation() ? String.format(" · validation loss %.4g, %s %.4f", e.validationLoss(), metric,
                        e.validationMetric()) : "");
    }

    private static String statisticsCaption(Frame frame) {
        return frame.epoch() == 0 ? "Per layer, on the first batch (its update/weight ratio is that of the first update):"
                : "Per layer, on the last batch of epoch " + frame.epoch() + ":";
    }

    /** The statistics recorded with the frame's histograms: step 1, or the epoch's last recorded step. */
    private static List<LayerStats> statistics(Frame frame, Diagnostics diagnostics) {
        List<LayerStats> stats = diagnostics.stats();
        long step = frame.epoch() == 0 ? 1 : stats.stream().filter(s -> s.epoch() == frame.epoch())
                .mapToLong(LayerStats::step).max().orElseThrow();
        return stats.stream().filter(s -> s.step() == step).toList();
    }

    @Override
    public String toString() {
        if (frames.isEmpty()) {
            return "Replay: nothing recorded yet; train with .listener(replay) in the Fit";
        }
        List<Integer> shown = epochs();
        return "Replay: " + frames.size() + " frames of a " + epochs + "-epoch run (epochs "
                + (shown.size() <= 6 ? shown.stream().map(String::valueOf).collect(Collectors.joining(", "))
                : shown.get(0) + ", " + shown.get(1) + ", " + shown.get(2) + ", …, " + shown.get(shown.size() - 1))
                + "): " + (data == null ? "" : "decision regions, ") + "activation and gradient histograms per layer";
    }
}
