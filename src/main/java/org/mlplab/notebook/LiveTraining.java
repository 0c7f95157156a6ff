package org.mlplab.notebook;

import java.awt.image.BufferedImage;
import org.mlplab.nn.Mlp;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.mlplab.train.TextProgress;
import org.mlplab.train.TrainingListener;

/**
 * Live training output ({@link Fit#live()}): in a notebook, one output updated in place — the
 * loss and accuracy curves redrawn at most every {@value #REDRAW_MILLIS} ms, with a progress
 * line — and the final chart left in the cell. Outside a notebook, plain text progress.
 */
public final class LiveTraining implements TrainingListener {
    /** Shortest time between two redraws of the chart. */
    public static final long REDRAW_MILLIS = 1000;

    private final TrainingListener text;
    private String displayId;
    private long start;
    private long lastDraw;
    private final int totalEpochs;

    /** Live output for a run of {@code totalEpochs} epochs. */
    public LiveTraining(int totalEpochs) {
        this.totalEpochs = totalEpochs;
        this.text = Notebook.kernel() == Notebook.Kernel.NONE ? new TextProgress(totalEpochs, System.out) : null;
    }

    @Override
    public void onStart(Mlp model, Fit fit, int batchesPerEpoch) {
        if (text != null) {
            text.onStart(model, fit, batchesPerEpoch);
            return;
        }
        start = System.nanoTime();
        displayId = Notebook.display(new Frame(null, "training " + model.shape() + ": " + fit));
    }

    @Override
    public void onEpoch(Mlp model, History history) {
        if (text != null) {
            text.onEpoch(model, history);
            return;
        }
        long now = System.nanoTime();
        if ((now - lastDraw) / 1_000_000 >= REDRAW_MILLIS) {
            lastDraw = now;
            draw(history, now);
        }
    }

    @Override
    public void onEnd(Mlp model, History history) {
        if (text != null) {
            text.onEnd(model, history);
            return;
        }
        draw(history, System.nanoTime());
    }

    private void draw(History history, long now) {
        String line = history.epochs().isEmpty() ? history.stop() == null ? "" : history.stop().message()
                : TextProgress.line(history, totalEpochs, (now - start) / 1e9)
                        + (history.stop() == null ? "" : " — " + history.stop().message());
        Notebook.update(displayId, new Frame(history.epochs().isEmpty() ? null : history.toImage(), line));
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
