package org.mlplab.bench;

import java.util.Arrays;

/**
 * What a bench run trains: a dataset, the widths of its ReLU hidden layers, the mini-batch size and
 * the number of epochs. {@link #of(String)} gives the workloads of {@code tools/peers.py};
 * the command line's {@code --hidden}, {@code --batch} and {@code --epochs} replace any of their values.
 *
 * @param dataset {@code iris}, {@code digits} or {@code fashion}
 * @param hidden  the hidden layers' widths, input side first (a copy is kept)
 * @param batch   samples per mini-batch
 * @param epochs  passes over the training rows
 */
public record Workload(String dataset, int[] hidden, int batch, int epochs) {
    /**
     * @throws IllegalArgumentException for a width, batch or epoch count below 1, naming the
     *         command line's option
     */
    public Workload {
        hidden = hidden.clone();
        if (Arrays.stream(hidden).anyMatch(width -> width < 1)) {
            throw new IllegalArgumentException("--hidden needs layer widths of at least 1, like 256,128, got "
                    + Arrays.toString(hidden));
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
    }

    /**
     * The workload of {@code tools/peers.py} for a dataset: iris 4-16-3 (batch 16, 200 epochs), digits
     * 64-32-10 (batch 32, 50 epochs), Fashion-MNIST 784-256-128-10 (batch 128, 5 epochs).
     *
     * @throws IllegalArgumentException for another name
     */
    public static Workload of(String dataset) {
        return switch (dataset) {
            case "iris" -> new Workload(dataset, new int[] {16}, 16, 200);
            case "digits" -> new Workload(dataset, new int[] {32}, 32, 50);
            case "fashion" -> new Workload(dataset, new int[] {256, 128}, 128, 5);
            default -> throw new IllegalArgumentException("unknown dataset '" + dataset + "': use iris, digits or fashion");
        };
    }

    /** The hidden layers' widths, input side first (a copy). */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }
}
