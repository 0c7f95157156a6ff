package org.mlplab.notebook;

import java.awt.image.BufferedImage;
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
 * progress instead.
 */
public final class LiveTraining implements TrainingListener {

    /** What {@link Trainer} finds with the service loader: live output when running in a notebook. */
    public static final class Provider implements LiveDisplay {
        @Override
        public TrainingListener start(int totalEpochs) {
            return Notebook.kernel() == Notebook.Kernel.NONE ? null : new LiveTraining(totalEpochs);
        }
    }

    /** Shortest time between two redraws of the chart. */
    public static final long REDRAW_MILLIS = 1000;

    private String displayId;
    private long start;
    private long lastDraw;
    private final int totalEpochs;

    /** Live output for a run of {@code totalEpochs} epochs. */
    LiveTraining(int totalEpochs) {
        this.totalEpochs = totalEpochs;
    }

    @Override
    public void onStart(Network model, Fit fit, int batchesPerEpoch) {
        start = System.nanoTime();
        displayId = Notebook.display(new Frame(null, "training " + model.shape() + ": " + fit));
    }

    @Override
    public void onEpoch(Network model, History history) {
        long now = System.nanoTime();
        if ((now - lastDraw) / 1_000_000 >= REDRAW_MILLIS) {
            lastDraw = now;
            draw(history, now);
        }
    }

    @Override
    public void onEnd(Network model, History history) {
        draw(history, System.nanoTime());
    }

    private void draw(History history, long now) {
        String line = history.epochs().isEmpty() ? history.stop() == null ? "" : history.stop().message()
                : TextProgress.line(history, totalEpochs, (now - start) / 1e9)
                        + (history.stop() == null ? "" : " — " + history.stop().message());
        Notebook.update(displayId, new Frame(history.epochs().isEmpty() ? null : Pictures.toImage(Charts.curves(history)), line));
    }

    /** What the live output shows: the curves and a progress line. */
    private record Frame(BufferedImage chart, String progress) implements Displayable {
        @Override
        public String toString() {
            return progress;
        }

        @Override
        public String toHtml() {
            // a paragraph, not a <pre>: JupyterLab breaks a <pre> anywhere, mid-word, where a paragraph
            // wraps between words
            return (chart == null ? "" : "<img src=\"data:image/png;base64," + MimeBundle.png(chart) + "\"/>")
                    + "<p>" + Html.escape(progress) + "</p>";
        }
    }
}
