package org.mlplab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Back-propagation in training mode (batch statistics, dropout) against central differences of
 * the training-mode loss, with dropout's masks held fixed: each pass draws them from the same seed.
 */
final class FixedMaskGradients {
    /** One parameter: {@code ‖claimed - numeric‖ / ‖(claimed, numeric)‖} over its checked entries, and that norm. */
    record Error(String parameter, double relative, double scale) {
    }

    private FixedMaskGradients() {
    }

    /** Every parameter of {@code net} on {@code batch}, every {@code stride}-th entry. */
    static List<Error> of(Network net, Batch batch, int stride) {
        net.forward(batch, Precision.DOUBLE, new SplittableRandom(1));
        net.backward(batch.x, batch.t);
        double h = 1e-6;
        List<Error> errors = new ArrayList<>();
        for (Parameter p : net.parameters()) {
            double[][] analytic = p.gradientArray();
            double diff = 0;
            double scale = 0;
            for (int i = 0; i < p.size(); i += stride) {
                double original = p.get(i);
                p.set(i, original + h);
                double plus = net.forward(batch, Precision.DOUBLE, new SplittableRandom(1));   // the same masks
                p.set(i, original - h);
                double minus = net.forward(batch, Precision.DOUBLE, new SplittableRandom(1));
                p.set(i, original);
                double numeric = (plus - minus) / (2 * h);
                double claimed = analytic[i / p.cols()][i % p.cols()];
                diff += (claimed - numeric) * (claimed - numeric);
                scale += claimed * claimed + numeric * numeric;
            }
            errors.add(new Error(p.name(), Math.sqrt(diff / scale), Math.sqrt(scale)));
        }
        return errors;
    }
}
