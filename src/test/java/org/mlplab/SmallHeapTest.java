package org.mlplab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlplab.nn.Activation.RELU;
import static org.mlplab.nn.Activation.SOFTMAX;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mlplab.data.Idx;
import org.mlplab.data.Split;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Init;
import org.mlplab.train.Fit;

/**
 * The whole of Fashion-MNIST trains and is predicted in a 256 MiB heap: half of what a JVM gets in
 * a 2 GB Binder pod, leaving the other half to the notebook kernel and what earlier cells hold.
 * {@link #main} runs in a child JVM started with {@code -Xmx256m}.
 */
class SmallHeapTest {

    @Test
    void fullFashionMnistTrainsAndPredictsIn256MiB() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isDirectory(Path.of(Idx.DEBIAN_FASHION_MNIST)),
                "Debian's dataset-fashion-mnist is not installed");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx256m", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), SmallHeapTest.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child JVM did not end");
        assertEquals(0, child.exitValue(), output);
        List<String> lines = output.lines().toList();
        double accuracy = Double.parseDouble(lines.get(lines.size() - 1));
        assertTrue(accuracy > 0.8, "test accuracy after one epoch: " + accuracy);
    }

    /** Trains one epoch on all 60,000 training images, predicts them all, and prints the test accuracy. */
    public static void main(String[] args) throws IOException {
        Split data = Idx.fashionMnist(0);
        Mlp model = Mlp.input(784).dense(256, RELU).dense(128, RELU).dense(10, SOFTMAX).init(Init.HE).seed(1).build();
        model.fit(data.train(), Fit.epochs(1).batch(128).adam(0.001).validation(data.test()).quiet());
        int[] predicted = model.predictClasses(data.train());
        if (predicted.length != 60_000) {
            throw new AssertionError(predicted.length + " predictions");
        }
        System.out.println(model.evaluate(data.test()).value());
    }
}
