package org.mlplab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlplab.RealData;
import org.mlplab.model.Mlp;

/**
 * PyTorch (Debian's {@code python3-torch}, which {@code .ci/run} installs) as a second
 * implementation: the gradient of every parameter through batch normalisation, residual layers (one projected)
 * and a dropout mask, the loss and the running statistics, against {@code tools/torch_reference.py}.
 * Without PyTorch the tests are skipped and say why.
 */
class TorchReferenceTest {
    private static final Path SCRIPT = Path.of("tools/torch_reference.py");
    private static final String PYTHON = "/usr/bin/python3";

    @BeforeAll
    static void requireTorch() throws Exception {
        Process probe = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
        boolean ran = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        Assumptions.assumeTrue(ran, "PyTorch is not installed (Debian: apt-get install python3-torch): "
                + "the comparison with a second implementation did not run");
    }

    @Test
    void everyGradientTheLossAndTheRunningStatisticsMatchPyTorch() throws Exception {
        compare(Mlp.input(64).dense(16, Activation.TANH).batchNorm().residual().dense(16, Activation.SIGMOID).batchNorm().residual()
                .dense(16, Activation.RELU).residual().dropout(0.3).dense(10, Activation.SOFTMAX).seed(5).build(), true);
    }

    @Test
    void aRegressionWithBatchNormMatchesPyTorch() throws Exception {
        compare(Mlp.input(10).dense(8, Activation.RELU).batchNorm().dense(8, Activation.TANH).residual()
                .dense(1, Activation.IDENTITY).seed(9).build(), false);
    }

    private static void compare(Network net, boolean classification) throws Exception {
        var data = classification ? RealData.digits().rows(0, 24) : RealData.diabetes().rows(0, 24);
        Batch batch = Batch.of(net, data);
        double loss = net.forward(batch, Precision.DOUBLE, new SplittableRandom(1));   // training mode
        net.backward(batch.x, batch.t);

        JsonObject spec = new JsonObject();
        spec.add("x", tree(Dense.rows(batch.x.data, batch.x.numRows, batch.x.numCols)));
        spec.add("t", tree(Dense.rows(batch.t.data, batch.t.numRows, batch.t.numCols)));
        spec.addProperty("loss", classification ? "cross_entropy" : "mse");
        JsonArray layers = new JsonArray();
        for (Dense d : net.layers()) {
            JsonObject layer = new JsonObject();
            layer.add("W", tree(d.weights().toArray()));
            layer.add("b", tree(d.bias().toArray()[0]));
            layer.addProperty("activation", d.activation().name());
            if (d.batchNorm()) {
                JsonObject norm = new JsonObject();
                norm.add("gamma", tree(d.scale().orElseThrow().toArray()[0]));
                norm.add("beta", tree(d.shift().orElseThrow().toArray()[0]));
                layer.add("batchNorm", norm);
            }
            layer.addProperty("residual", d.residual());
            d.projection().ifPresent(p -> layer.add("projection", tree(p.toArray())));
            if (d.mask() != null) {
                layer.add("mask", tree(d.mask()));
            }
            layers.add(layer);
        }
        spec.add("layers", layers);
        JsonObject torch = run(spec);

        assertEquals(torch.get("loss").getAsDouble(), loss, 1e-12 * Math.abs(loss), "the loss");
        for (Parameter p : net.parameters()) {
            double[][] expected = new Gson().fromJson(reshape(torch.get(p.name()), p.rows()), double[][].class);
            double[][] actual = p.gradientArray();
            for (int r = 0; r < actual.length; r++) {
                assertArrayEquals(expected[r], actual[r], 1e-12, p.name() + " row " + r);
            }
        }
        JsonObject running = torch.getAsJsonObject("running");
        for (int l = 0; l < net.layers().size(); l++) {
            Dense d = net.layer(l);
            if (d.batchNorm()) {
                assertArrayEquals(new Gson().fromJson(running.get("mean" + (l + 1)), double[].class),
                        d.runningMean().orElseThrow(), 1e-12, "running mean of layer " + (l + 1));
                assertArrayEquals(new Gson().fromJson(running.get("variance" + (l + 1)), double[].class),
                        d.runningVariance().orElseThrow(), 1e-12, "running variance of layer " + (l + 1));
            }
        }
    }

    /** A bias comes back from PyTorch as a vector: as one row. */
    private static com.google.gson.JsonElement reshape(com.google.gson.JsonElement gradient, int rows) {
        if (rows == 1 && gradient.getAsJsonArray().get(0).isJsonPrimitive()) {
            JsonArray one = new JsonArray();
            one.add(gradient);
            return one;
        }
        return gradient;
    }

    private static com.google.gson.JsonElement tree(Object array) {
        return new Gson().toJsonTree(array);
    }

    private static JsonObject run(JsonObject spec) throws IOException, InterruptedException {
        Process python = new ProcessBuilder(PYTHON, SCRIPT.toString()).start();
        python.getOutputStream().write(spec.toString().getBytes(StandardCharsets.UTF_8));
        python.getOutputStream().close();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!python.waitFor(120, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new AssertionError(SCRIPT + " failed: " + err);
        }
        return JsonParser.parseString(out).getAsJsonObject();
    }
}
