package org.mlplab.autodiff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.mlplab.internal.Numbers;
import org.mlplab.nn.Activation;

/**
 * A scalar in a computation graph, for learning reverse-mode automatic differentiation (the idea
 * of Karpathy's micrograd): each value remembers the values it was computed from and the local
 * derivative of itself with respect to each of them; {@link #backward()} then applies the chain
 * rule from this value back to every leaf, right to left through the graph.
 * <pre>{@code
 * Value x = Value.of(2, "x"), w = Value.of(-3, "w"), b = Value.of(6.88, "b");
 * Value o = x.times(w).plus(b).named("z").tanh().named("o");
 * o.backward();      // x.grad() = ∂o/∂x = w · (1 - o²)
 * }</pre>
 * The backward pass visits the nodes in reverse topological order: a node's gradient is complete
 * (every path from the output summed) before it is passed on, {@code input.grad += local · grad}.
 * Values are not thread-safe; a graph is for one worked example, not for training.
 */
public final class Value {
    private final double data;
    private final String operation;
    private final List<Value> inputs;
    private final double[] local;
    private String label;
    private double grad;
    private int backwardStep;

    private Value(double data, String operation, List<Value> inputs, double[] local) {
        if (!Double.isFinite(data)) {
            throw new ArithmeticException(operation + " of " + inputs + " is " + data + ": the graph needs finite values");
        }
        this.data = data;
        this.operation = operation;
        this.inputs = List.copyOf(inputs);
        this.local = local;
        this.label = "";
    }

    /** A leaf: an input, a weight or a constant. */
    public static Value of(double data, String label) {
        if (!Double.isFinite(data)) {
            throw new IllegalArgumentException("the value " + label + " is " + data + ": give a finite number");
        }
        return new Value(data, "", List.of(), new double[0]).named(label);
    }

    /** The sum of {@code terms}: {@code ∂/∂term = 1} for each. */
    public static Value sum(List<Value> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a sum needs at least one term");
        }
        double total = 0;
        for (Value t : terms) {
            total += t.data;
        }
        double[] ones = new double[terms.size()];
        java.util.Arrays.fill(ones, 1);
        return new Value(total, "+", terms, ones);
    }

    /** {@code this + other}. */
    public Value plus(Value other) {
        return sum(List.of(this, Objects.requireNonNull(other, "other")));
    }

    /** {@code this - other}: local derivatives 1 and -1. */
    public Value minus(Value other) {
        return new Value(data - other.data, "-", List.of(this, other), new double[] {1, -1});
    }

    /** {@code this · other}: {@code ∂/∂this = other}, {@code ∂/∂other = this}. */
    public Value times(Value other) {
        return new Value(data * other.data, "×", List.of(this, other), new double[] {other.data, data});
    }

    /** {@code c · this} for a constant {@code c}. */
    public Value times(double c) {
        return new Value(c * data, "×" + Numbers.compact(c), List.of(this), new double[] {c});
    }

    /** {@code e^this}, whose derivative is itself. */
    public Value exp() {
        double e = Math.exp(data);
        return new Value(e, "exp", List.of(this), new double[] {e});
    }

    /** {@code ln this}: derivative {@code 1 / this}. */
    public Value log() {
        return new Value(Math.log(data), "log", List.of(this), new double[] {1 / data});
    }

    /** {@code tanh this}: derivative {@code 1 - tanh²}. */
    public Value tanh() {
        return apply(Activation.TANH);
    }

    /** The library's element-wise activation {@code f} (e.g. {@link Activation#RELU}): its function and derivative. */
    public Value apply(Activation f) {
        if (!(f instanceof Activation.ElementWise unit)) {
            throw new IllegalArgumentException("the activation " + f + " works on whole rows, not on one value: "
                    + "build it from exp, sum and log");
        }
        double a = unit.apply(data);
        return new Value(a, f.name(), List.of(this), new double[] {unit.derivative(data, a)});
    }

    /** Gives this value a name to be shown by (e.g. {@code z1[0]}); returns it. */
    public Value named(String name) {
        this.label = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Reverse-mode differentiation from this value: every value of its graph gets
     * {@code grad = ∂this/∂value} (this one 1). Gradients from an earlier call are cleared first.
     */
    public void backward() {
        List<Value> order = graph();
        for (Value v : order) {
            v.grad = 0;
            v.backwardStep = 0;
        }
        grad = 1;
        int step = 0;
        for (int i = order.size() - 1; i >= 0; i--) {   // outputs before the values they were computed from
            Value v = order.get(i);
            v.backwardStep = ++step;
            for (int k = 0; k < v.inputs.size(); k++) {
                v.inputs.get(k).grad += v.local[k] * v.grad;
            }
        }
    }

    /** Every value this one was computed from, and itself, in topological order: a value after all its inputs. */
    public List<Value> graph() {
        List<Value> order = new ArrayList<>();
        Set<Value> seen = new HashSet<>();
        // iterative depth-first search: a deep graph does not overflow the stack
        List<Value> stack = new ArrayList<>(List.of(this));
        List<Integer> next = new ArrayList<>(List.of(0));
        seen.add(this);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Value v = stack.get(top);
            int k = next.get(top);
            if (k < v.inputs.size()) {
                next.set(top, k + 1);
                Value input = v.inputs.get(k);
                if (seen.add(input)) {
                    stack.add(input);
                    next.add(0);
                }
            } else {
                order.add(v);
                stack.remove(top);
                next.remove(top);
            }
        }
        return order;
    }

    /** The value computed in the forward pass. */
    public double data() {
        return data;
    }

    /** {@code ∂output/∂this} after the output's {@link #backward()}; 0 before. */
    public double grad() {
        return grad;
    }

    /** The name given with {@link #of} or {@link #named}; empty if none. */
    public String label() {
        return label;
    }

    /** The operation that made this value ({@code +}, {@code ×}, {@code tanh}, ...); empty for a leaf. */
    public String operation() {
        return operation;
    }

    /** The values this one was computed from. */
    public List<Value> inputs() {
        return inputs;
    }

    /** The local derivative {@code ∂this/∂inputs().get(k)}, evaluated at the forward pass's values. */
    public double localDerivative(int k) {
        return local[k];
    }

    /** When the last backward pass reached this value: 1 for the output, then 2, 3, ...; 0 before any. */
    public int backwardStep() {
        return backwardStep;
    }

    @Override
    public String toString() {
        return (label.isEmpty() ? operation : label) + " = " + Numbers.compact(data) + " (grad " + Numbers.compact(grad) + ")";
    }
}
