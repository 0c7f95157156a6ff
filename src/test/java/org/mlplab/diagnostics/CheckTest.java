package org.mlplab.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The grading checks: one line on stdout when right, a message that says what is wrong otherwise, nothing on stderr. */
class CheckTest {
    private static String captured(Runnable check) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
            check.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", errors.toString(StandardCharsets.UTF_8), "nothing on stderr");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void aRightDerivativePassesAndAWrongOneSaysHowAndWhere() {
        String out = captured(() -> Check.derivative("sigmoidPrime", CheckTest::sigmoid,
                z -> sigmoid(z) * (1 - sigmoid(z))));
        assertTrue(out.startsWith("sigmoidPrime: correct"), out);
        var e = assertThrows(AssertionError.class, () -> captured(() -> Check.derivative("sigmoidPrime",
                CheckTest::sigmoid, z -> Math.abs(z) < 0.2 ? 2 * sigmoid(z) * (1 - sigmoid(z)) : sigmoid(z) * (1 - sigmoid(z)))));
        assertTrue(e.getMessage().startsWith("sigmoidPrime is off by a factor 2 near z = 0 (at z = "), e.getMessage());
        assertTrue(e.getMessage().matches(".*at z = [-\\d.]+: it gives 0\\.49\\d*, finite differences 0\\.24\\d*\\).*"),
                e.getMessage());
        e = assertThrows(AssertionError.class, () -> Check.derivative("tanhPrime", Math::tanh, null));
        assertEquals("tanhPrime is null: return your answer", e.getMessage());
    }

    @Test
    void aTransposedMatrixIsNamedSo() {
        var e = assertThrows(AssertionError.class, () -> Check.shape("dW", new double[3][4], 4, 3));
        assertEquals("dW has shape 3×4, expected 4×3 (rows × columns): is it transposed?", e.getMessage());
        e = assertThrows(AssertionError.class, () -> Check.shape("dW", new double[2][4], 4, 3));
        assertEquals("dW has shape 2×4, expected 4×3 (rows × columns)", e.getMessage());
        assertEquals("dW: shape 4×3, correct\n", captured(() -> Check.shape("dW", new double[4][3], 4, 3)).replace("\r", ""));
    }

    @Test
    void theEntryFurthestOffIsNamedWithTheFactor() {
        double[][] expected = {{0.1, 0.2}, {0.155, 0.4}};
        double[][] doubled = {{0.1, 0.2}, {0.31, 0.4}};
        var e = assertThrows(AssertionError.class, () -> Check.close("dW2", doubled, expected, 1e-12));
        assertEquals("dW2[1][0] is 0.310000 where it should be 0.155000 (off by a factor 2; 1 of 4 entries are off "
                + "by more than 1e-12)", e.getMessage());
        double[][] negated = {{-0.1, 0.2}, {0.155, 0.4}};
        e = assertThrows(AssertionError.class, () -> Check.close("dW2", negated, expected, 1e-12));
        assertTrue(e.getMessage().contains("(of the wrong sign; 1 of 4"), e.getMessage());
        assertEquals("dW2: correct\n", captured(() -> Check.close("dW2", expected, expected, 1e-12)).replace("\r", ""));
    }
}
