package org.mlplab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlplab.optim.Optimizer;

/** A parameter that trains in float against one that trains in double, and its double views. */
class ParameterTest {
    private static final int ROWS = 30;
    private static final int COLS = 20;
    private static final Optimizer ADAM = Optimizer.adam(0.01);

    private final SplittableRandom random = new SplittableRandom(3);
    private final double[] start = random.doubles(ROWS * COLS, -1, 1).toArray();

    private Parameter weights() {
        Parameter p = new Parameter("W1", ROWS, COLS, true);
        p.setValues(start);
        return p;
    }

    /** Sets the gradient (a float one in float, as the products do) to the same numbers in both. */
    private static void setGradient(Parameter p, double[] g) {
        if (p.inFloat()) {
            float[] f = p.floatGradient();
            for (int i = 0; i < g.length; i++) {
                f[i] = (float) g[i];
            }
        } else {
            System.arraycopy(g, 0, p.gradient().data, 0, g.length);
        }
    }

    @Test
    void inFloatTheDoubleViewsFollowTheFloatNumbers() {
        Parameter single = weights();
        Parameter reference = weights();
        single.startFloat();
        assertTrue(single.inFloat());
        assertFalse(reference.inFloat());
        for (int i = 0; i < start.length; i++) {
            assertEquals((float) start[i], single.floatValue()[i], "the float values are the doubles rounded");
        }
        assertArrayEquals(start, single.value().data, "entering float leaves the double view as it was");

        for (long step = 1; step <= 20; step++) {
            double[] g = random.doubles(start.length, -0.1, 0.1).map(x -> (float) x).toArray();
            setGradient(single, g);
            setGradient(reference, g);
            assertArrayEquals(g, single.gradient().data, "the double gradient follows the float one");
            single.update(ADAM, 0.01, step);
            reference.update(ADAM, 0.01, step);
        }
        double[] trained = single.value().data;
        float[] floats = single.floatValue();
        boolean moved = false;
        for (int i = 0; i < start.length; i++) {
            assertEquals(floats[i], trained[i], "the double view is the float values widened");
            assertEquals(reference.value().data[i], trained[i], 1e-6, "20 float steps follow 20 double steps");
            moved |= trained[i] != (float) start[i];
        }
        assertTrue(moved, "the updates reached the double view");
        assertEquals(reference.norm(), single.norm(), 1e-6 * reference.norm());
        assertEquals(reference.gradientNorm(), single.gradientNorm(), 1e-6 * reference.gradientNorm());
        assertEquals(reference.lastUpdateNorm(), single.lastUpdateNorm(), 1e-4 * reference.lastUpdateNorm());
    }

    @Test
    void undoRestoresTheFloatValuesExactly() {
        Parameter p = weights();
        p.startFloat();
        setGradient(p, random.doubles(start.length, -1, 1).toArray());
        p.update(ADAM, 0.01, 1);
        double[] before = p.copyValues();
        setGradient(p, random.doubles(start.length, -1, 1).toArray());
        p.update(ADAM, 0.01, 2);
        assertNotEquals(before[0], p.value().data[0]);
        p.undoUpdate();
        assertArrayEquals(before, p.value().data);
    }

    @Test
    void valuesSetWhileInFloatAreTrainedFromAndShownRounded() {
        Parameter p = weights();
        p.startFloat();
        double[] set = random.doubles(start.length, -1, 1).toArray();
        p.setValues(set);
        for (int i = 0; i < set.length; i++) {
            assertEquals((float) set[i], p.floatValue()[i], "training goes on from the values set");
            assertEquals((float) set[i], p.value().data[i], "the double view shows them as float holds them");
        }
    }

    @Test
    void endingFloatKeepsTheTrainedValuesAndANewRunStartsAfresh() {
        Parameter p = weights();
        p.startFloat();
        setGradient(p, random.doubles(start.length, -1, 1).toArray());
        p.update(ADAM, 0.01, 1);
        float[] trained = p.floatValue().clone();
        p.endFloat();
        p.startTraining();
        assertFalse(p.inFloat());
        for (int i = 0; i < trained.length; i++) {
            assertEquals(trained[i], p.value().data[i]);
        }
        // the optimiser state starts afresh: Adam's first step is again ±lr for every entry
        double[] g = random.doubles(start.length, -1, 1).toArray();
        setGradient(p, g);
        double[] before = p.copyValues();
        p.update(ADAM, 0.01, 1);
        for (int i = 0; i < g.length; i++) {
            assertEquals(-0.01 * Math.signum(g[i]), p.value().data[i] - before[i], 1e-6);
        }
    }

    @Test
    void theLastUpdateIsTheNewValuesLessTheOldOnesUntilValuesAreSetOrTheUpdateUndone() {
        Parameter p = weights();
        assertTrue(p.lastUpdate().isEmpty(), "no update yet");
        setGradient(p, random.doubles(start.length, -1, 1).toArray());
        p.update(ADAM, 0.01, 1);
        assertUpdate(p, start);
        double[] before = p.copyValues();
        setGradient(p, random.doubles(start.length, -1, 1).toArray());
        p.update(ADAM, 0.01, 2);
        assertUpdate(p, before);
        p.undoUpdate();
        assertTrue(p.lastUpdate().isEmpty(), "the update was taken back");
        p.update(ADAM, 0.01, 2);
        p.setValues(start);
        assertTrue(p.lastUpdate().isEmpty(), "values set by hand are no update");
    }

    @Test
    void inFloatTheLastUpdateIsTheFloatOneAndARunKeepsThatOfTheRunBeforeUntilItSteps() {
        Parameter p = weights();
        setGradient(p, random.doubles(start.length, -1, 1).toArray());
        p.update(ADAM, 0.01, 1);
        double[][] inDouble = p.lastUpdate().orElseThrow();
        double norm = p.lastUpdateNorm();
        p.startFloat();
        assertArrayEquals(inDouble[3], p.lastUpdate().orElseThrow()[3], 1e-6, "not stepped in float yet");
        assertEquals(norm, p.lastUpdateNorm(), 1e-5 * norm);
        double[] before = java.util.Arrays.stream(p.copyValues()).map(w -> (float) w).toArray();   // as float holds them
        setGradient(p, random.doubles(start.length, -1, 1).toArray());
        p.update(ADAM, 0.01, 2);
        assertUpdate(p, before);
        p.endFloat();
        assertUpdate(p, before);
    }

    /** Asserts that the last update of {@code p} is its values less {@code before}, and not 0. */
    private static void assertUpdate(Parameter p, double[] before) {
        double[][] update = p.lastUpdate().orElseThrow();
        assertEquals(ROWS, update.length);
        for (int r = 0; r < ROWS; r++) {
            assertEquals(COLS, update[r].length);
            for (int c = 0; c < COLS; c++) {
                assertEquals(p.get(r * COLS + c) - before[r * COLS + c], update[r][c]);
                assertNotEquals(0, update[r][c]);
            }
        }
    }
}
