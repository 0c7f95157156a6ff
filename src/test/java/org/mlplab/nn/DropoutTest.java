package org.mlplab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlplab.RealData;
import org.mlplab.data.Dataset;
import org.mlplab.data.Split;
import org.mlplab.model.Mlp;
import org.mlplab.train.Fit;

class DropoutTest {
    private static final Dataset DIGITS = RealData.digits();

    private static Mlp model(double dropout) {
        return Mlp.input(64).dense(32, Activation.TANH).dropout(dropout).dense(16, Activation.RELU).dropout(dropout)
                .dense(10, Activation.SOFTMAX).init(Init.HE).seed(3).build();
    }

    /** With the masks held fixed, back-propagation through the dropped units matches finite differences. */
    @Test
    void theBackwardPassThroughAFixedMaskMatchesFiniteDifferences() {
        Network net = model(0.5);
        for (FixedMaskGradients.Error e : FixedMaskGradients.of(net, Batch.of(net, DIGITS.rows(0, 16)), 7)) {
            assertTrue(e.relative() < 1e-7, e.parameter() + ": relative error " + e.relative());
        }
    }

    @Test
    void aboutPOfTheUnitsAreDroppedAndTheRestScaledSoTheMeanStays() {
        Network net = model(0.3);
        Batch batch = Batch.of(net, DIGITS.rows(0, 512));
        net.forward(batch, Precision.DOUBLE, new SplittableRandom(2));
        Dense hidden = net.layer(0);
        double[] a = hidden.aBuffer().data;
        double[] out = hidden.output().data;
        int zeros = 0;
        double sumA = 0;
        double sumOut = 0;
        for (int i = 0; i < a.length; i++) {
            zeros += out[i] == 0 && a[i] != 0 ? 1 : 0;
            assertTrue(out[i] == 0 || Math.abs(out[i] - a[i] / 0.7) < 1e-15, "kept units are scaled by 1/(1-p)");
            sumA += Math.abs(a[i]);
            sumOut += Math.abs(out[i]);
        }
        assertEquals(0.3, zeros / (double) a.length, 0.01);
        assertEquals(1, sumOut / sumA, 0.02, "E[ã] = a");
    }

    @Test
    void inferenceDropsNothingAndTrainingRepeatsBitForBit() {
        Mlp first = model(0.5);
        Mlp second = model(0.5);
        Mlp plain = model(0);
        Fit fit = Fit.epochs(5).adam(0.01).quiet();
        first.fit(DIGITS, fit);
        second.fit(DIGITS, fit);
        plain.fit(DIGITS, fit);
        assertArrayEquals(first.layer(0).weights().copyValues(), second.layer(0).weights().copyValues());
        assertFalse(java.util.Arrays.equals(first.layer(0).weights().copyValues(), plain.layer(0).weights().copyValues()));
        // predictions use every unit: the same as a twin without dropout holding the same weights
        Mlp twin = model(0);
        for (int i = 0; i < twin.parameters().size(); i++) {
            twin.parameters().get(i).setValues(first.parameters().get(i).copyValues());
        }
        assertArrayEquals(twin.predict(DIGITS.rows(0, 50)), first.predict(DIGITS.rows(0, 50)));
        assertArrayEquals(first.predict(DIGITS.rows(0, 50)), first.predict(DIGITS.rows(0, 50)));
    }

    @Test
    void itLearnsOnDigitsInBothPrecisions() {
        Split split = org.mlplab.data.TableData.of(org.mlplab.data.Datasets.digits()).target("digit").standardize()
                .split(0.8, 42);
        for (Precision precision : Precision.values()) {
            Mlp net = model(0.2);
            net.fit(split.train(), Fit.epochs(30).adam(0.003).precision(precision).quiet());
            assertTrue(net.evaluate(split.test()).value() > 0.93, precision + ": " + net.evaluate(split.test()));
        }
    }

    @Test
    void theRateIsSavedShownAndChecked(@TempDir Path dir) throws Exception {
        Mlp net = model(0.25);
        assertTrue(net.toString().contains("tanh, dropout 0.25"), net.toString());
        Path file = dir.resolve("model.json");
        net.save(file);
        Mlp loaded = Mlp.load(file);
        assertEquals(0.25, loaded.layer(0).dropout());
        assertEquals(0, loaded.layer(2).dropout());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Mlp.input(4).dense(3, Activation.SOFTMAX).dropout(0.5).build());
        assertTrue(e.getMessage().startsWith("dropout on the output layer"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mlp.input(4).dropout(0.5));
        assertThrows(IllegalArgumentException.class, () -> Mlp.input(4).dense(3, Activation.RELU).dropout(1));
    }
}
