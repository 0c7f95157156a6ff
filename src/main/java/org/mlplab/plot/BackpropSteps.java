package org.mlplab.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.mlplab.autodiff.NetworkGraph;
import org.mlplab.data.Dataset;
import org.mlplab.internal.Numbers;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Loss;
import org.mlplab.nn.Network;

/**
 * Backpropagation for one sample, step by step on the network's diagram ({@link Pictures#network}):
 * the forward pass layer by layer (each unit's {@code z} and {@code a}), then the backward pass
 * from the output (each unit's {@code δ} and the layer's weight gradient), each step with its
 * formula and the numbers plugged in for the first unit. The numbers are the engine's own
 * ({@link Network#gradients}), so the frames show what training computes.
 * <pre>{@code
 * var steps = BackpropSteps.of(model, new double[] {0.5, -1}, new double[] {0, 1});
 * steps.frame(3)            // one step
 * steps.strip()             // every step, two a row
 * }</pre>
 */
public final class BackpropSteps {
    private final List<BufferedImage> frames;
    private final List<List<String>> captions;

    private BackpropSteps(List<BufferedImage> frames, List<List<String>> captions) {
        this.frames = List.copyOf(frames);
        this.captions = List.copyOf(captions);
    }

    /**
     * The steps of one forward and backward pass of {@code model} on one sample.
     *
     * @param x      the features, one per input; not modified
     * @param target the targets, one per output (one-hot for a softmax classifier); not modified
     * @throws IllegalArgumentException for a network a worked example does not write out
     *                                  ({@link NetworkGraph#requireWrittenOut})
     */
    public static BackpropSteps of(Network model, double[] x, double[] target) {
        NetworkGraph.requireWrittenOut(model, x, target);
        boolean softmax = model.loss() instanceof Loss.SoftmaxCrossEntropy;
        Map<String, double[][]> gradients = model.gradients(sample(x, target, softmax));
        int layers = model.layers().size();
        double[][] a = new double[layers + 1][];
        double[][] z = new double[layers + 1][];
        double[][] delta = new double[layers + 1][];
        a[0] = x.clone();
        for (int l = 1; l <= layers; l++) {
            z[l] = model.layer(l - 1).z()[0];
            a[l] = model.layer(l - 1).a()[0];
            delta[l] = model.layer(l - 1).delta()[0];
        }
        NetworkDiagram diagram = new NetworkDiagram(model);
        List<BufferedImage> frames = new ArrayList<>();
        List<List<String>> captions = new ArrayList<>();
        List<List<String>> text = new ArrayList<>();
        text.add(format(x, i -> "x " + Numbers.compact(x[i])));
        add(frames, captions, diagram, text, 0, List.of("Forward, step 0: the sample's features", "x = " + vector(x)));
        for (int l = 1; l <= layers; l++) {
            Dense layer = model.layer(l - 1);
            int layerNumber = l;
            double[] zl = z[l];
            text.add(format(a[l], j -> "z " + Numbers.compact(zl[j]) + " → a " + Numbers.compact(a[layerNumber][j])));
            String f = layer.activation().name();
            add(frames, captions, diagram, text, l, List.of(
                    "Forward, layer " + l + ": z" + l + " = " + below(l) + " W" + l + " + b" + l + ",  a" + l + " = " + f
                            + "(z" + l + ")",
                    "z" + l + "[0] = " + plugged(a[l - 1], layer.weights().toArray(), layer.bias().toArray()[0][0])
                            + " = " + Numbers.compact(z[l][0]),
                    "a" + l + " = " + vector(a[l])));
        }
        List<List<String>> backward = new ArrayList<>(text.subList(0, 1));
        for (int l = 1; l <= layers; l++) {
            backward.add(List.of());
        }
        for (int l = layers; l >= 1; l--) {
            int layerNumber = l;
            double[] dl = delta[l];
            backward.set(l, format(dl, j -> "δ " + Numbers.compact(dl[j])));
            double[][] dW = gradients.get("W" + l);
            List<String> caption = new ArrayList<>();
            if (l == layers) {
                caption.add("Backward, output layer " + l + ": δ" + l + " = ∂ℓ/∂z" + l + " = "
                        + (softmax ? "a" + l + " − t" : "(2/K)(a" + l + " − t) ⊙ " + model.output().activation().name() + "'(z" + l + ")"));
                caption.add("t = " + vector(target) + ",  δ" + l + " = " + vector(delta[l]));
            } else {
                double[][] next = model.layer(l).weights().toArray();
                Activation f = model.layer(l - 1).activation();
                caption.add("Backward, layer " + l + ": δ" + l + " = (δ" + (l + 1) + " W" + (l + 1) + "ᵀ) ⊙ " + f.name() + "'(z" + l + ")");
                double slope = ((Activation.ElementWise) f).derivative(z[l][0], a[l][0]);
                caption.add("δ" + l + "[0] = (" + IntStream.range(0, delta[l + 1].length)
                        .mapToObj(k -> factor(delta[layerNumber + 1][k]) + "·" + factor(next[0][k]))
                        .collect(Collectors.joining(" + ")) + ") · " + factor(slope) + " = " + Numbers.compact(delta[l][0]));
            }
            caption.add("dW" + l + " = " + below(l) + "ᵀ δ" + l + ":  dW" + l + "[0][0] = " + factor(a[l - 1][0]) + " · "
                    + factor(delta[l][0]) + " = " + Numbers.compact(dW[0][0]) + ",  db" + l + " = δ" + l);
            add(frames, captions, diagram, backward, l, caption);
        }
        return new BackpropSteps(frames, captions);
    }

    /** The sample as the engine's one-row dataset: a class label for softmax (its target must be one-hot). */
    private static Dataset sample(double[] x, double[] target, boolean softmax) {
        if (!softmax) {
            return Dataset.regression(new double[][] {x}, new double[][] {target});
        }
        int label = IntStream.range(0, target.length).filter(k -> target[k] == 1).findFirst().orElse(-1);
        if (label < 0 || Arrays.stream(target).sum() != 1) {
            throw new IllegalArgumentException("a softmax classifier's target is one-hot (a 1 for the class, 0 elsewhere), got "
                    + vector(target));
        }
        List<String> classes = IntStream.range(0, target.length).mapToObj(k -> "class " + k).toList();
        return Dataset.classification(new double[][] {x}, new int[] {label}).withClassNames(classes);
    }

    private static void add(List<BufferedImage> frames, List<List<String>> captions, NetworkDiagram diagram,
                            List<List<String>> text, int highlight, List<String> caption) {
        frames.add(diagram.image(new NetworkDiagram.Marks(List.copyOf(text), highlight, caption)));
        captions.add(caption);
    }

    /** A text per unit. */
    private static List<String> format(double[] values, IntFunction<String> text) {
        return IntStream.range(0, values.length).mapToObj(text).toList();
    }

    /** {@code a[0]·W[0][0] + a[1]·W[1][0] + ... + b}, the numbers of the first unit's pre-activation. */
    private static String plugged(double[] a, double[][] w, double b) {
        return IntStream.range(0, a.length).mapToObj(i -> factor(a[i]) + "·" + factor(w[i][0]))
                .collect(Collectors.joining(" + ")) + " + " + factor(b);
    }

    /** What layer {@code l} reads: {@code x} for the first, else {@code a(l-1)}. */
    private static String below(int l) {
        return l == 1 ? "x" : "a" + (l - 1);
    }

    /** A factor in a product: a negative number in parentheses. */
    private static String factor(double v) {
        return v < 0 ? "(" + Numbers.compact(v) + ")" : Numbers.compact(v);
    }

    private static String vector(double[] v) {
        return Arrays.stream(v).mapToObj(Numbers::compact).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The number of steps: the inputs, one per layer forward, one per layer backward. */
    public int size() {
        return frames.size();
    }

    /** Step {@code k} (from 0) as a picture. */
    public BufferedImage frame(int k) {
        if (k < 0 || k >= frames.size()) {
            throw new IllegalArgumentException("step " + k + " does not exist: there are " + frames.size() + " (0 to "
                    + (frames.size() - 1) + ")");
        }
        return frames.get(k);
    }

    /** Every step, in order. */
    public List<BufferedImage> frames() {
        return frames;
    }

    /** The formula lines of step {@code k}, as printed under its picture. */
    public List<String> caption(int k) {
        frame(k);
        return captions.get(k);
    }

    /** Every step in one picture, two a row, in reading order. */
    public BufferedImage strip() {
        int cellWidth = frames.stream().mapToInt(BufferedImage::getWidth).max().orElseThrow();
        int cellHeight = frames.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow();
        int rows = (frames.size() + 1) / 2;
        BufferedImage strip = new BufferedImage(2 * cellWidth, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = strip.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, strip.getWidth(), strip.getHeight());
            for (int k = 0; k < frames.size(); k++) {
                g.drawImage(frames.get(k), (k % 2) * cellWidth, (k / 2) * cellHeight, null);
            }
            g.setColor(Look.FRAME);
            for (int k = 0; k < frames.size(); k++) {   // a thin frame around each step
                g.drawRect((k % 2) * cellWidth, (k / 2) * cellHeight, cellWidth - 1, cellHeight - 1);
            }
        } finally {
            g.dispose();
        }
        return strip;
    }

    @Override
    public String toString() {
        return IntStream.range(0, frames.size()).mapToObj(k -> String.join("\n", captions.get(k)))
                .collect(Collectors.joining("\n\n"));
    }
}
