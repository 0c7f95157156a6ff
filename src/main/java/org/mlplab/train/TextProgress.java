package org.mlplab.train;

import org.mlplab.nn.Network;

/** Prints a progress line about once a second, and always for the first and the last epoch. */
public final class TextProgress implements TrainingListener {
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private final int totalEpochs;
    private final java.io.PrintStream out;
    private long start;
    private long lastPrint;

    /** Progress for a run of {@code totalEpochs} epochs, printed to {@code out}. */
    public TextProgress(int totalEpochs, java.io.PrintStream out) {
        this.totalEpochs = totalEpochs;
        this.out = out;
    }

    @Override
    public void onStart(Network model, Fit fit, int batchesPerEpoch) {
        start = System.nanoTime();
        lastPrint = start;
    }

    @Override
    public void onEpoch(Network model, History history) {
        long now = System.nanoTime();
        Epoch e = history.last();
        if (e.epoch() == 1 || e.epoch() == totalEpochs || now - lastPrint >= INTERVAL_NANOS) {
            lastPrint = now;
            out.println(line(history, totalEpochs, (now - start) / 1e9));
            out.flush();
        }
    }

    @Override
    public void onEnd(Network model, History history) {
        if (history.stop().reason() != Stop.Reason.COMPLETED) {
            out.println(history.stop().message());
        }
    }

    /** The progress line: {@code epoch 12/200  loss 0.2345  accuracy 91.2 %  val loss ...  3.2 s, ~20 s left}. */
    public static String line(History history, int totalEpochs, double elapsedSeconds) {
        Epoch e = history.last();
        StringBuilder s = new StringBuilder(String.format("epoch %d/%d  loss %.4g  %s", e.epoch(), totalEpochs,
                e.loss(), Evaluation.formatMetric(history.metric(), e.metric())));
        if (e.hasValidation()) {
            s.append(String.format("  val loss %.4g  val %s", e.validationLoss(),
                    Evaluation.formatMetric(history.metric(), e.validationMetric())));
        }
        double left = elapsedSeconds / e.epoch() * (totalEpochs - e.epoch());
        s.append(String.format("  %.1f s", elapsedSeconds));
        if (e.epoch() < totalEpochs) {
            s.append(String.format(", ~%.0f s left", Math.ceil(left)));
        }
        return s.toString();
    }
}
