package org.mlplab.nn;

/**
 * Weight regularisation: the penalty {@code λ₁ ‖W‖₁ + (λ₂/2) ‖W‖²} on every weight matrix (not the
 * biases), whose gradient {@code λ₁ sign(W) + λ₂ W} each training step adds to the weight gradients.
 * L1 pushes weights to 0 (sparse weights), L2 shrinks them in proportion (weight decay). The loss
 * that training reports is the data's alone.
 *
 * @param l1 {@code λ₁ ≥ 0}
 * @param l2 {@code λ₂ ≥ 0}
 */
public record Penalty(double l1, double l2) {
    /** No penalty. */
    public static final Penalty NONE = new Penalty(0, 0);

    /**
     * @throws IllegalArgumentException for a negative or non-finite λ, naming it
     */
    public Penalty {
        require(l1, "l1");
        require(l2, "l2");
    }

    private static void require(double lambda, String name) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(name + " must be a finite number ≥ 0, got " + lambda);
        }
    }

    /** Whether there is any penalty. */
    public boolean isNone() {
        return l1 == 0 && l2 == 0;
    }

    @Override
    public String toString() {
        return (l1 > 0 ? "l1 " + l1 : "") + (l1 > 0 && l2 > 0 ? ", " : "") + (l2 > 0 ? "l2 " + l2 : "");
    }
}
