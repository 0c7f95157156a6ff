package org.mlplab.notebook;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.mlplab.internal.Html;
import org.mlplab.nn.Network;
import org.mlplab.plot.Charts;
import org.mlplab.plot.Pictures;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.mlplab.train.LiveDisplay;
import org.mlplab.train.TextProgress;
import org.mlplab.train.Trainer;
import org.mlplab.train.TrainingListener;

/**
 * Live training output ({@link Fit#live()}): in a notebook, one output updated in place — the
 * loss and accuracy curves redrawn at most every {@value #REDRAW_MILLIS} ms, with a progress
 * line — and the final chart left in the cell. Outside a notebook, {@link Trainer} prints text
 * progress instead. {@link #showing} redraws any other picture of the model the same way.
 */
public final class LiveTraining implements TrainingListener {

    /** What {@link Trainer} finds with the service loader: live output when running in a notebook. */
    public static final class Provider implements LiveDisplay {
        @Override
        public TrainingListener start() {
            return Notebook.kernel() == Notebook.Kernel.NONE ? null : new LiveTraining((model, history) ->
                    history.epochs().isEmpty() ? null : Pictures.toImage(Charts.curves(history)));
        }
    }

    /** Shortest time between two redraws of the chart. */
    public static final long REDRAW_MILLIS = 1000;

    private final BiFunction<Network, History, BufferedImage> picture;
    private String displayId;
    private long start;
    private long lastDraw;
    private int totalEpochs;

    /** Live output of {@code picture} (which may be {@code null} for none yet). */
    private LiveTraining(BiFunction<Network, History, BufferedImage> picture) {
        this.picture = picture;
    }

    /**
     * A listener that shows {@code picture} of the model live as it trains, in one output updated
     * in place with a progress line, e.g. the decision regions and hidden units:
     * <pre>{@code
     * model.fit(train, Fit.epochs(300).adam(0.01).listener(LiveTraining.showing(m -> Playground.of(m, train))));
     * }</pre>
     * Outside a notebook it shows nothing.
     */
    public static TrainingListener showing(Function<Network, BufferedImage> picture) {
        Objects.requireNonNull(picture, "picture");
        return new LiveTraining((model, history) -> picture.apply(model));
    }

    @Override
    public void onStart(Network model, Fit fit, int batchesPerEpoch) {
        start = System.nanoTime();
        totalEpochs = fit.epochs();
        displayId = Notebook.display(new Frame(null, "training " + model.shape() + ": " + fit));
    }

    @Override
    public void onEpoch(Network model, History history) {
        long now = System.nanoTime();
        if ((now - lastDraw) / 1_000_000 >= REDRAW_MILLIS) {
            lastDraw = now;
            draw(model, history, now);
        }
    }

    @Override
    public void onEnd(Network model, History history) {
        draw(model, history, System.nanoTime());
    }

    private void draw(Network model, History history, long now) {
        String line = history.epochs().isEmpty() ? history.stop() == null ? "" : history.stop().message()
                : TextProgress.line(history, totalEpochs, (now - start) / 1e9)
                        + (history.stop() == null ? "" : " — " + history.stop().message());
        Notebook.update(displayId, new Frame(picture.apply(model, history), line));
    }

    /** What the live output shows: the picture and a progress line. */
    private record Frame(BufferedImage chart, String progress) implements Displayable {
        @Override
        public String toString() {
            return progress;
        }

        @Override
        public String toHtml() {
            // a paragraph, not a <pre>: JupyterLab breaks a <pre> anywhere, mid-word, where a paragraph
            // wraps between words (the picture goes above it, and into image/png for viewers without HTML)
            return "<p>" + Html.escape(progress) + "</p>";
        }

        @Override
        public BufferedImage toImage() {
            return chart;
        }
    }
}
