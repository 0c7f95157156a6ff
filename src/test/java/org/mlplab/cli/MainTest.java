package org.mlplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlplab.nn.Mlp;

class MainTest {
    @TempDir
    Path dir;
    private Path wine;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void copyWine() throws IOException {
        wine = dir.resolve("wine.csv");
        try (InputStream in = Mlp.class.getResourceAsStream("/org/mlplab/data/wine.csv")) {
            Files.copy(in, wine);
        }
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8));
    }

    @Test
    void trainPrintsOneJsonObjectWithTestMetricsHistoryAndVerdict() {
        int code = run("train", "--data", wine.toString(), "--target", "cultivar", "--hidden", "16", "--epochs", "40",
                "--lr", "0.01", "--json");
        assertEquals(0, code, err.toString());
        JsonObject o = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertTrue(o.get("test_accuracy").getAsDouble() > 0.9, o.toString());
        assertEquals(40, o.getAsJsonArray("history").size());
        assertEquals("classification", o.get("task").getAsString());
        assertEquals("13 → 16 → 3", o.get("model").getAsString());
        JsonObject diagnostics = o.getAsJsonObject("diagnostics");
        assertEquals("healthy", diagnostics.get("verdict").getAsString());
        assertTrue(diagnostics.getAsJsonArray("findings").get(0).getAsJsonObject().has("evidence"));
        assertTrue(err.toString().contains("epoch 40/40"), "progress goes to stderr with --json");
    }

    @Test
    void trainSavesAModelThatPredictsTheTable() throws IOException {
        Path model = dir.resolve("model.json");
        assertEquals(0, run("train", "--data", wine.toString(), "--target", "cultivar", "--epochs", "5", "--save",
                model.toString()));
        assertTrue(out.toString().contains("Diagnosis:"), out.toString());
        Mlp loaded = Mlp.load(model);
        assertEquals("cultivar", loaded.encoding().orElseThrow().target());
    }

    @Test
    void badInputExitsWithTwoAndSaysWhy() {
        assertEquals(2, run("train", "--data", wine.toString(), "--target", "colour"));
        assertTrue(err.toString().contains("unknown target column 'colour'") && err.toString().contains("alcohol"),
                err.toString());
        assertEquals(2, run("train", "--data", dir.resolve("none.csv").toString(), "--target", "x"));
        assertTrue(err.toString().contains("no such file"), err.toString());
        assertEquals(2, run("train", "--data", wine.toString(), "--target", "cultivar", "--hidden", "a,b"));
        assertEquals(2, run("train", "--data", wine.toString(), "--target", "cultivar", "--speed", "9"));
        assertTrue(err.toString().contains("unknown option --speed"), err.toString());
        assertEquals(2, run("fly"));
    }
}
