package org.mlplab.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.mlplab.optim.Optimizer;

/**
 * The learning curves as the verdict reads them: overfitting, a learning rate too high or too
 * low, accuracy no better than chance.
 */
final class Curves {

    /** One epoch: training loss and metric, validation loss and metric (NaN without validation), learning rate. */
    record Point(int epoch, double loss, double metric, double validationLoss, double validationMetric,
                 double learningRate) {
    }

    private Curves() {
    }

    /**
     * @param restored     the epoch whose weights early stopping restored (0 if none): no overfitting
     *                     is then found, the model holding its best weights
     * @param initialLoss  the loss of the first batch, before any update
     * @param expectedLoss the loss of uniform guesses ({@code ln classes}), NaN for regression
     * @param updateRatio  the mean update/weight ratio of the last epoch (NaN if unknown)
     * @param optimizer    the run's optimiser, for the line of advice (may be null)
     */
    static List<Finding> findings(List<Point> points, int restored, Thresholds t, DataFacts data, double initialLoss,
                                  double expectedLoss, double updateRatio, Optimizer optimizer) {
        List<Finding> findings = new ArrayList<>();
        int n = points.size();
        if (n < 2) {
            return findings;
        }
        Point first = points.get(0);
        Point last = points.get(n - 1);
        Point lowest = first;
        int rises = 0;
        for (int i = 1; i < n; i++) {
            Point p = points.get(i);
            lowest = p.loss() < lowest.loss() ? p : lowest;
            rises += p.loss() > points.get(i - 1).loss() ? 1 : 0;
        }
        Point highest = points.stream().max(java.util.Comparator.comparingDouble(Point::loss)).orElseThrow();
        double lr = last.learningRate();
        // ends well above its lowest, by a share of where it started that matters (not 1e-3 against 1e-4)
        boolean climbing = last.loss() > t.lossClimb() * lowest.loss()
                && last.loss() - lowest.loss() > 0.1 * first.loss();
        boolean jumped = highest.loss() > t.lossClimb() * initialLoss;
        if (climbing || jumped) {
            String how = climbing ? String.format("The training loss went up in %d of %d epochs and ends at %s, %s "
                            + "times its lowest (%s in epoch %d)", rises, n - 1, Diagnostics.sci(last.loss()),
                    Diagnostics.sci(last.loss() / lowest.loss()), Diagnostics.sci(lowest.loss()), lowest.epoch())
                    : String.format("The training loss rose from %s at the first step to %s in epoch %d",
                    Diagnostics.sci(initialLoss), Diagnostics.sci(highest.loss()), highest.epoch());
            findings.add(new Finding(Finding.Status.LEARNING_RATE_HIGH, List.of(), how + ": the steps overshoot.",
                    "Lower the learning rate tenfold: " + withRate(optimizer, lr / 10) + "."));
        }
        double progress = (first.loss() - last.loss()) / first.loss();
        if (!climbing && !jumped && n >= 5 && progress < t.slowProgress() && !(updateRatio >= 1e-3)) {
            String updates = Double.isNaN(updateRatio) ? "" : String.format(", and the updates are %s of the weights "
                    + "(healthy: about 1e-3)", Diagnostics.sci(updateRatio));
            findings.add(new Finding(Finding.Status.LEARNING_RATE_LOW, List.of(), String.format(
                    "The training loss fell only %.0f %% in %d epochs (%s to %s)%s: the steps are too small.",
                    100 * progress, n, Diagnostics.sci(first.loss()), Diagnostics.sci(last.loss()), updates),
                    "Raise the learning rate tenfold: " + withRate(optimizer, lr * 10) + "."));
        }
        if (restored == 0) {
            overfitting(points, t).ifPresent(findings::add);
        }
        chance(last, t, data, expectedLoss).ifPresent(findings::add);
        return findings;
    }

    /** The line that trains with this learning rate: {@code Fit.….adam(0.001) (command line: --lr 0.001)}. */
    static String withRate(Optimizer optimizer, double lr) {
        String rate = Diagnostics.sci(lr);
        String call = optimizer instanceof Optimizer.Sgd ? ".sgd(" + rate + ")"
                : optimizer instanceof Optimizer.Momentum m && m.momentum() == 0.9 ? ".momentum(" + rate + ")"
                : optimizer instanceof Optimizer.Adam ? ".adam(" + rate + ")"
                : ".optimizer(...) with learning rate " + rate;
        return "Fit.…" + call + " (command line: --lr " + rate + ")";
    }

    /** Validation loss up from its minimum while the training loss went on falling. */
    private static java.util.Optional<Finding> overfitting(List<Point> points, Thresholds t) {
        int n = points.size();
        Point best = null;
        for (Point p : points) {
            if (!Double.isNaN(p.validationLoss()) && (best == null || p.validationLoss() < best.validationLoss())) {
                best = p;
            }
        }
        Point last = points.get(n - 1);
        if (best == null || n < 5 || last.epoch() - best.epoch() < 3
                || last.validationLoss() < (1 + t.overfitRise()) * best.validationLoss() || last.loss() >= best.loss()) {
            return java.util.Optional.empty();
        }
        int patience = Math.max(5, Math.min(20, n / 10));
        return java.util.Optional.of(new Finding(Finding.Status.OVERFITTING, List.of(), String.format(
                "The validation loss was lowest in epoch %d (%s) and is %s in epoch %d (%+.0f %%), while the "
                        + "training loss fell from %s to %s: the model learns the training rows by heart from epoch "
                        + "%d on.", best.epoch(), Diagnostics.sci(best.validationLoss()),
                Diagnostics.sci(last.validationLoss()), last.epoch(),
                100 * (last.validationLoss() / best.validationLoss() - 1), Diagnostics.sci(best.loss()),
                Diagnostics.sci(last.loss()), best.epoch() + 1),
                String.format("Stop early: Fit.….validation(data).earlyStopping(%d) would keep epoch %d's weights "
                        + "(command line: --patience %d); or regularise with .l2(1e-3), use a smaller network, "
                        + "or more data.", patience, best.epoch(), patience)));
    }

    /** Accuracy no better than always answering the most common class. */
    private static java.util.Optional<Finding> chance(Point last, Thresholds t, DataFacts data, double expectedLoss) {
        if (data == null || Double.isNaN(data.majority())) {
            return java.util.Optional.empty();
        }
        boolean validated = !Double.isNaN(last.validationMetric());
        double accuracy = validated ? last.validationMetric() : last.metric();
        if (!(accuracy <= data.majority() + t.chanceMargin())) {
            return java.util.Optional.empty();
        }
        String stalled = Math.abs(last.loss() - expectedLoss) < 0.02 * expectedLoss
                ? String.format("; the training loss %s is ln %d, that of a uniform guess", Diagnostics.sci(last.loss()),
                Math.round(Math.exp(expectedLoss))) : "";
        double loss = validated ? last.validationLoss() : last.loss();
        String prior = Double.isNaN(data.priorLoss()) ? "" : String.format("; its loss %s against %s, that of "
                + "predicting the training class frequencies whatever the input (the best a model that ignores its "
                + "inputs can do)", Diagnostics.sci(loss), Diagnostics.sci(data.priorLoss()));
        return java.util.Optional.of(new Finding(Finding.Status.CHANCE, List.of(), String.format(
                "%s accuracy %.2f is no better than always answering the most common class (%.2f)%s%s.",
                validated ? "Validation" : "Training", accuracy, data.majority(), prior, stalled),
                "If no finding above explains it: train longer or with a higher learning rate, and check that the "
                        + "features carry the label."));
    }
}
