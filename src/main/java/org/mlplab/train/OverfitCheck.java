package org.mlplab.train;

import org.mlplab.data.Dataset;
import org.mlplab.nn.Network;
import org.mlplab.optim.Optimizer;

/**
 * Karpathy's sanity check: a model that works can drive the loss on one small batch close to
 * zero. If it cannot, something is broken (labels, loss, architecture, learning rate) before any
 * question of generalisation. The check trains a copy; the model itself is not changed.
 *
 * @param rows        the batch size used
 * @param steps       the number of full-batch Adam steps taken
 * @param initialLoss the loss before training
 * @param finalLoss   the loss after the last step
 * @param passed      whether the final loss fell below 1 % of the initial loss (or below 0.001)
 */
public record OverfitCheck(int rows, int steps, double initialLoss, double finalLoss, boolean passed) {

    /** Runs the check on 16 rows of {@code data} with Adam (0.01) for up to 1000 steps; see {@link #run(Network, Dataset, int, int)}. */
    public static OverfitCheck run(Network model, Dataset data) {
        return run(model, data, 16, 1000);
    }

    /**
     * Runs the check on {@code rows} rows spread evenly over {@code data} (rows {@code 0, n/rows,
     * 2n/rows, ...}), so that data sorted by class still gives a batch of several classes (the
     * first rows alone could be one class, which any model fits at once).
     *
     * @param model Not modified: a copy is trained
     * @param data  Not modified
     */
    public static OverfitCheck run(Network model, Dataset data, int rows, int maxSteps) {
        model.check(data, "data");
        Dataset batch = data.rows(data.spreadRows(rows));
        Network copy = model.copy();
        double initial = Trainer.evaluate(copy, batch).loss();
        double target = Math.max(0.01 * initial, 1e-3);
        int chunk = 50;
        double loss = initial;
        int steps = 0;
        while (steps < maxSteps && loss >= target) {
            History h = Trainer.fit(copy, batch, Fit.epochs(Math.min(chunk, maxSteps - steps)).batch(batch.size())
                    .optimizer(Optimizer.adam(0.01)).noDiagnostics().quiet());
            steps += h.epochs().size();
            loss = h.last().loss();
        }
        double last = Trainer.evaluate(copy, batch).loss();
        return new OverfitCheck(batch.size(), steps, initial, last, last < target);
    }

    @Override
    public String toString() {
        return passed
                ? String.format("Overfit check passed: the loss on %d rows fell from %.4g to %.4g in %d steps.", rows,
                        initialLoss, finalLoss, steps)
                : String.format("Overfit check FAILED: after %d steps the loss on %d rows is still %.4g (from %.4g). "
                        + "A working model drives it near 0: check the labels, the output layer and loss, and the "
                        + "learning rate.", steps, rows, finalLoss, initialLoss);
    }
}
