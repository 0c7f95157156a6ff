package org.mlplab.autodiff;

import java.util.ArrayList;
import java.util.List;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Loss;
import org.mlplab.nn.Network;

/**
 * A small network's loss on one sample as a computation graph of scalars: the matrix products of
 * the engine written out unit by unit, so that every weight, pre-activation and activation is a
 * node with its value and, after {@link Value#backward()}, its gradient — the same numbers as the
 * engine's back-propagation ({@link Network#gradients}) on that sample.
 * <pre>{@code
 * Value loss = NetworkGraph.loss(model, new double[] {0.5, -1}, new double[] {1, 0});
 * loss.backward();   // every W1[i][j] node's grad() is ∂ℓ/∂W1[i][j]
 * }</pre>
 * Nodes are named as in the engine, indices from 0: {@code x[i]}, {@code W1[i][j]}, {@code b1[j]},
 * {@code z1[j]}, {@code a1[j]}, ..., and {@code ℓ}.
 */
public final class NetworkGraph {
    private NetworkGraph() {
    }

    /**
     * The loss of {@code model} on one sample, as a graph.
     *
     * @param x      the sample's features, one per input; not modified
     * @param target the targets, one per output (one-hot for a softmax classifier); not modified
     * @throws IllegalArgumentException for widths that do not match the model, a layer with batch
     *                                  normalisation or a residual connection, or a loss the graph does not write out
     */
    public static Value loss(Network model, double[] x, double[] target) {
        requireWrittenOut(model, x, target);
        List<Value> a = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            a.add(Value.of(x[i], "x[" + i + "]"));
        }
        List<Value> z = a;
        for (int l = 0; l < model.layers().size(); l++) {
            Dense layer = model.layer(l);
            z = preActivations(layer, l + 1, a);
            boolean last = l == model.layers().size() - 1;
            if (!last || !(model.loss() instanceof Loss.SoftmaxCrossEntropy)) {
                a = new ArrayList<>();
                for (int j = 0; j < z.size(); j++) {
                    a.add(z.get(j).apply(layer.activation()).named("a" + (l + 1) + "[" + j + "]"));
                }
            }
        }
        if (model.loss() instanceof Loss.SoftmaxCrossEntropy) {
            return softmaxCrossEntropy(z, target);
        }
        return meanSquaredError(a, target);
    }

    /**
     * That a worked example of one sample can write {@code model} out, layer by layer: {@code x}
     * and {@code target} of its widths, plain dense layers, and softmax with cross-entropy or the
     * mean squared error. The pictures that step through one sample take the same networks.
     *
     * @throws IllegalArgumentException saying which of these fails
     */
    public static void requireWrittenOut(Network model, double[] x, double[] target) {
        if (x.length != model.inputs() || target.length != model.outputs()) {
            throw new IllegalArgumentException("the model takes " + model.inputs() + " inputs and gives " + model.outputs()
                    + " outputs; got " + x.length + " features and " + target.length + " targets");
        }
        for (int l = 0; l < model.layers().size(); l++) {
            if (model.layer(l).batchNorm() || model.layer(l).residual()) {
                throw new IllegalArgumentException("layer " + (l + 1) + " has batch normalisation or a residual connection: "
                        + "a worked example writes out plain dense layers only");
            }
        }
        if (!(model.loss() instanceof Loss.SoftmaxCrossEntropy || model.loss() instanceof Loss.MeanSquaredError)) {
            throw new IllegalArgumentException("a worked example writes out softmax with cross-entropy and the mean "
                    + "squared error, not " + model.loss());
        }
    }

    /** {@code z_j = Σ_i a_i W[i][j] + b_j} for each unit {@code j} of the layer. */
    private static List<Value> preActivations(Dense layer, int number, List<Value> a) {
        double[][] w = layer.weights().toArray();
        double[] b = layer.bias().toArray()[0];
        List<Value> z = new ArrayList<>();
        for (int j = 0; j < layer.units(); j++) {
            List<Value> terms = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                terms.add(a.get(i).times(Value.of(w[i][j], "W" + number + "[" + i + "][" + j + "]")));
            }
            terms.add(Value.of(b[j], "b" + number + "[" + j + "]"));
            z.add(Value.sum(terms).named("z" + number + "[" + j + "]"));
        }
        return z;
    }

    /** {@code ℓ = log Σ_k e^{z_k} - Σ_k t_k z_k}: the softmax and its cross-entropy in one, as the engine computes it. */
    private static Value softmaxCrossEntropy(List<Value> z, double[] target) {
        List<Value> exps = new ArrayList<>();
        List<Value> picked = new ArrayList<>();
        for (int k = 0; k < z.size(); k++) {
            exps.add(z.get(k).exp());
            if (target[k] == 1) {   // one-hot: the class's own z
                picked.add(z.get(k));
            } else if (target[k] != 0) {
                picked.add(z.get(k).times(target[k]));
            }
        }
        Value logSum = Value.sum(exps).log().named("log Σ e^z");
        if (picked.isEmpty()) {
            return logSum.named("ℓ");
        }
        return logSum.minus(picked.size() == 1 ? picked.get(0) : Value.sum(picked)).named("ℓ");
    }

    /** {@code ℓ = (1/K) Σ_k (a_k - t_k)²}. */
    private static Value meanSquaredError(List<Value> a, double[] target) {
        List<Value> squares = new ArrayList<>();
        for (int k = 0; k < a.size(); k++) {
            Value error = a.get(k).minus(Value.of(target[k], "t[" + k + "]"));
            squares.add(error.times(error));
        }
        return Value.sum(squares).times(1.0 / a.size()).named("ℓ");
    }
}
