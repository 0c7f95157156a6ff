package org.mlplab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlplab.internal.MatMul;
import org.mlplab.model.Mlp;
import org.mlplab.plot.Xhtml;
import org.w3c.dom.Document;

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--test|0|--test is the fraction of the rows held out for testing, between 0 and 1 (exclusive), e.g. 0.2; got 0",
        "--test|1.5|--test is the fraction of the rows held out for testing",
        "--activation|leaky_relu:abc|activation 'leaky_relu:abc': the parameter after ':' must be a number, e.g. leaky_relu:0.1",
        "--init|normal:wide|initialisation 'normal:wide': the scale after ':' must be a number, e.g. normal:0.1",
        "--epochs|99999999999|--epochs must be at most 2147483647",
        "--epochs|ten|--epochs needs a whole number, got 'ten'",
        "--seed|1e3|--seed needs a whole number, got '1e3'",
        "--seed|99999999999999999999|--seed must be between",
        "--missing|sometimes|--missing takes error, drop or impute, got 'sometimes'",
        "--scale|log|--scale takes standard, minmax or none, got 'log'",
    })
    void aBadOptionSaysWhatIsWrongAndHowToFixIt(String option, String value, String message) {
        int code = run("train", "--data", wine.toString(), "--target", "cultivar", "--epochs", "1", option, value);
        assertEquals(2, code, out.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void whatIsFoundInTheFileIsSaidWithWhatToDo() throws IOException {
        List<String> lines = Files.readAllLines(wine);
        Path semicolons = Files.write(dir.resolve("semicolons.csv"), lines.stream().map(l -> l.replace(',', ';')).toList());
        assertEquals(2, run("train", "--data", semicolons.toString(), "--target", "cultivar", "--epochs", "1"));
        assertTrue(err.toString().contains("'s header has no ',' but 13 ';': it looks separated by those; add "
                + "--delimiter ';'"), err.toString());
        assertEquals(0, run("train", "--data", semicolons.toString(), "--target", "cultivar", "--epochs", "1",
                "--delimiter", ";"), err.toString());

        Path spreadsheet = dir.resolve("wine.xlsx");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(spreadsheet))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
        }
        err.reset();
        assertEquals(2, run("train", "--data", spreadsheet.toString(), "--target", "cultivar"));
        assertTrue(err.toString().contains("is a zip file (an .xlsx or .ods spreadsheet?), not CSV"), err.toString());


        // class labels stored as numbers: a regression unless --classification, and it says so
        Path numbered = Files.write(dir.resolve("numbered.csv"), lines.stream()
                .map(l -> l.replace("class_", "")).toList());
        err.reset();
        out.reset();
        assertEquals(0, run("train", "--data", numbered.toString(), "--target", "cultivar", "--epochs", "1", "--json"));
        assertTrue(err.toString().contains("note: the target 'cultivar' holds 3 distinct whole numbers [0, 1, 2]: "
                + "training a regression; add --classification to treat them as classes"), err.toString());
        assertTrue(out.toString().contains("\"task\":\"regression\""), out.toString());
        out.reset();
        assertEquals(0, run("train", "--data", numbered.toString(), "--target", "cultivar", "--epochs", "1", "--json",
                "--classification"), err.toString());
        assertTrue(out.toString().contains("\"task\":\"classification\""), out.toString());
    }

    @Test
    void aFileWithTenThousandColumnsIsRead() throws IOException {
        StringBuilder csv = new StringBuilder();
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int r = -1; r < 20; r++) {
            for (int c = 0; c < 10_000; c++) {
                csv.append(r < 0 ? "c" + c : String.valueOf(random.nextInt(100))).append(',');
            }
            csv.append(r < 0 ? "y" : "class_" + r % 2).append('\n');
        }
        Path wide = Files.writeString(dir.resolve("wide.csv"), csv);
        assertEquals(0, run("train", "--data", wide.toString(), "--target", "y", "--hidden", "4", "--epochs", "1"),
                err.toString());
    }

    @Test
    void aSeedBeyondIntegersIsAValidSeed() {
        assertEquals(0, run("train", "--data", wine.toString(), "--target", "cultivar", "--epochs", "1", "--seed",
                "99999999999"), err.toString());
    }

    @Test
    void anEmptyFileAndMissingValuesSayWhatToDo() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertEquals(2, run("train", "--data", empty.toString(), "--target", "cultivar"));
        assertTrue(err.toString().contains(empty + " is empty: give a CSV file with a header row and data rows"),
                err.toString());
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(wine));
        lines.set(5, lines.get(5).replaceFirst("^[^,]*,", ","));   // no alcohol in the fifth row
        Path gap = Files.write(dir.resolve("gap.csv"), lines);
        err.reset();
        assertEquals(2, run("train", "--data", gap.toString(), "--target", "cultivar", "--epochs", "1"));
        assertTrue(err.toString().contains("(on the command line: --missing drop or impute)"), err.toString());
        assertEquals(0, run("train", "--data", gap.toString(), "--target", "cultivar", "--epochs", "1", "--missing",
                "impute"), err.toString());
        assertEquals(0, run("train", "--data", gap.toString(), "--target", "cultivar", "--epochs", "1", "--missing",
                "drop"), err.toString());
    }

    @Test
    void aSavePathThatCannotBeWrittenIsRefusedBeforeTraining() throws IOException {
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        int code = run("train", "--data", wine.toString(), "--target", "cultivar", "--epochs", "5", "--save",
                blocker.resolve("model.json").toString());
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("--save: cannot create the folder of"), err.toString());
        assertFalse(out.toString().contains("epoch 1/5"), "refused before training: " + out);
    }

    @Test
    void aDivergedRunDoesNotWriteOverASavedModel() throws IOException {
        Path model = dir.resolve("model.json");
        assertEquals(0, run("train", "--data", wine.toString(), "--target", "cultivar", "--epochs", "5", "--save",
                model.toString()), err.toString());
        byte[] good = Files.readAllBytes(model);
        err.reset();
        int code = run("train", "--data", wine.toString(), "--target", "cultivar", "--epochs", "50", "--optimizer",
                "sgd", "--lr", "1e9", "--save", model.toString());
        assertEquals(1, code, "the training diverged: " + err);
        assertTrue(err.toString().contains("not saved: the training diverged; " + model + " is left as it was"),
                err.toString());
        assertArrayEquals(good, Files.readAllBytes(model));
    }

    @Test
    void trainWithFloatProductsLearnsAsWell() {
        assertEquals(0, run("train", "--data", wine.toString(), "--target", "cultivar", "--hidden", "16", "--epochs",
                "40", "--lr", "0.01", "--precision", "float", "--json"), err.toString());
        JsonObject o = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertTrue(o.get("test_accuracy").getAsDouble() > 0.9, o.toString());
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
        assertEquals(2, run("train", "--data", wine.toString(), "--target", "cultivar", "--precision", "half"));
        assertTrue(err.toString().contains("unknown precision 'half': use double or float"), err.toString());
        assertEquals(2, run("fly"));
    }

    @Test
    void reportWritesTheCurvesAndAPageThatReferencesOnlyItsOwnFiles() throws IOException {
        Path report = dir.resolve("report");
        assertEquals(0, run("train", "--data", wine.toString(), "--target", "cultivar", "--epochs", "10", "--report",
                report.toString()), err.toString());
        assertTrue(out.toString().contains("report: " + report.resolve("index.html")), out.toString());
        BufferedImage curves = ImageIO.read(report.resolve("curves.png").toFile());
        // Charts.curves: loss and accuracy, 520 × 380 each, side by side under a 36-pixel title
        assertEquals(1040, curves.getWidth());
        assertEquals(416, curves.getHeight());
        Document page = Xhtml.page(report.resolve("index.html"));
        List<String> references = Xhtml.references(page);
        assertTrue(references.contains("curves.png") && references.contains("confusion-matrix.png"), references.toString());
        for (String name : references) {
            Path file = report.resolve(name).normalize();
            assertTrue(file.getParent().equals(report) && Files.isRegularFile(file), name + " is not a file in " + report);
            assertTrue(ImageIO.read(file.toFile()) != null, name + " decodes");
        }
    }

    /** The three mistakes from the command line, with the diagnosis and the advice tried in the report. */
    @Test
    void theDiagnosisNamesTheMistakeAndTheTriedAdviceIsReported() throws IOException {
        assertEquals(0, run("train", "--data", wine.toString(), "--target", "cultivar", "--scale", "none", "--epochs",
                "60", "--json"), err.toString());
        JsonObject unscaled = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonObject("diagnostics");
        assertEquals("unscaled features", unscaled.get("verdict").getAsString());
        assertTrue(unscaled.getAsJsonArray("findings").get(0).getAsJsonObject().get("advice").getAsString()
                .contains("--scale standard"), unscaled.toString());

        out.reset();
        Path report = dir.resolve("slow");
        assertEquals(0, run("train", "--data", wine.toString(), "--target", "cultivar", "--optimizer", "sgd", "--lr",
                "1e-4", "--epochs", "50", "--try-advice", "--report", report.toString(), "--json"), err.toString());
        JsonObject slow = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject cause = slow.getAsJsonObject("diagnostics").getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals("learning rate too low", cause.get("status").getAsString());
        assertEquals("no better than chance", cause.getAsJsonArray("symptoms").get(0).getAsJsonObject().get("status")
                .getAsString(), cause.toString());
        var trials = slow.getAsJsonArray("trials");
        assertEquals(List.of("as given", "learning rate ×10", "input-independent baseline"),
                trials.asList().stream().map(t -> t.getAsJsonObject().get("name").getAsString()).toList());
        assertTrue(trials.get(1).getAsJsonObject().get("accuracy").getAsDouble()
                > trials.get(0).getAsJsonObject().get("accuracy").getAsDouble(), trials.toString());
        assertTrue(Xhtml.references(Xhtml.page(report.resolve("index.html"))).contains("trials.png"));
        assertTrue(ImageIO.read(report.resolve("trials.png").toFile()).getWidth() > 1000);

        out.reset();
        assertEquals(0, run("train", "--data", wine.toString(), "--target", "cultivar", "--test", "0.7", "--hidden",
                "256,256", "--lr", "0.01", "--epochs", "300", "--json"), err.toString());
        JsonObject overfit = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonObject("diagnostics");
        assertEquals("overfitting", overfit.get("verdict").getAsString(), overfit.toString());
        out.reset();
        assertEquals(0, run("train", "--data", wine.toString(), "--target", "cultivar", "--test", "0.7", "--hidden",
                "256,256", "--lr", "0.01", "--epochs", "300", "--patience", "20", "--json"), err.toString());
        JsonObject stopped = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertTrue(stopped.get("stop").getAsString().startsWith("stopped early"), stopped.get("stop").toString());
        assertTrue(stopped.get("train_rows").getAsInt() < 53, "the validation rows come out of the training rows");
    }

    @Test
    void reportEscapesTheFileColumnAndClassNames() throws IOException {
        // a column "a<b", a class <b>&"x' (quoted in the CSV), and a file name with markup in it
        StringBuilder csv = new StringBuilder("a<b,c,kind\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 2 == 0 ? i : -i).append(',').append(i % 7).append(',')
                    .append(i % 2 == 0 ? "\"<b>&\"\"x'\"" : "plain").append('\n');
        }
        Path data = Files.writeString(dir.resolve("odd <&> name.csv"), csv);
        Path report = dir.resolve("report");
        assertEquals(0, run("train", "--data", data.toString(), "--target", "kind", "--epochs", "3", "--report",
                report.toString(), "--json"), err.toString());
        JsonObject o = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(report.resolve("index.html").toString(), o.get("report").getAsString());
        String html = Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8);
        String text = Xhtml.page(report.resolve("index.html")).getDocumentElement().getTextContent();
        for (String name : List.of("a<b", "<b>&\"x'", "odd <&> name.csv")) {
            assertTrue(text.contains(name), name + " is shown as text");
            assertFalse(html.contains(name), name + " is escaped");
        }
        assertTrue(html.contains("&lt;b&gt;&amp;&quot;x&#39;") && html.contains("a&lt;b"), html);
    }

    @Test
    void reportIntoAFileIsRefusedBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("report.txt"), "not a folder");
        assertEquals(2, run("train", "--data", wine.toString(), "--target", "cultivar", "--report", file.toString()));
        assertTrue(err.toString().contains("--report: the report folder " + file + " is a file"), err.toString());
        assertFalse(out.toString().contains("epoch"), "no training: " + out);
        assertEquals("not a folder", Files.readString(file));
    }

    /**
     * The JSON line of a tiny bench run of another shape than the workload's: the shape, the
     * products' GFLOPS and their fraction of the BLAS's peak (null without a native BLAS); nothing
     * about how fast (the machine is shared).
     */
    @Test
    void benchReportsTheShapeItTrainsTheGflopsAndTheFractionOfThePeak() {
        assertEquals(0, run("bench", "--dataset", "iris", "--hidden", "8,4", "--batch", "5", "--epochs", "1",
                "--repeats", "1", "--precision", "float", "--json"), err.toString());
        JsonObject o = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("[8,4]", o.get("hidden").toString());
        assertEquals("4 → 8 → 4 → 3", o.get("model").getAsString());
        assertEquals(5, o.get("batch").getAsInt());
        assertEquals(1, o.get("epochs").getAsInt());
        // 4-8-4-3: Σ w_{l-1}·w_l = 32 + 32 + 12 = 76, 44 of it beyond the first layer: 2 · (76 + 76 + 44) per sample
        double gflops = o.get("gflops").getAsDouble();
        assertEquals(392.0 * o.get("train_rows").getAsInt() / o.get("seconds_per_epoch").getAsDouble() / 1e9, gflops,
                gflops * 1e-12);
        if (MatMul.hasFloat32()) {
            double peak = o.get("gemm_peak_gflops").getAsDouble();
            assertTrue(peak > 0 && Double.isFinite(peak), o.toString());
            assertEquals("float", o.get("gemm_precision").getAsString());
            assertEquals(gflops / peak, o.get("peak_fraction").getAsDouble(), 1e-12 * gflops / peak);
        } else {
            for (String field : List.of("gemm_peak_gflops", "gemm_precision", "peak_fraction")) {
                assertTrue(o.get(field).isJsonNull(), field + " without a native BLAS: " + o);
            }
        }
    }

    @Test
    void benchPrintsTheWorkloadsShapeThePeakAndEachRunsGflops() {
        assertEquals(0, run("bench", "--dataset", "iris", "--epochs", "1", "--repeats", "1"), err.toString());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("iris 4-16-3, batch 16, 1 epoch, float; "
                + (MatMul.hasFloat32() ? "the peak: sgemm of 2048 × 2048 × 2048, before each run" : "no BLAS peak")),
                lines.get(0));
        assertTrue(lines.get(1).matches("iris run 1: .* [0-9.]+ GFLOPS"
                + (MatMul.hasFloat32() ? " \\([0-9.]+ of the peak, [0-9]+ GFLOPS\\)" : "") + ", test accuracy .*"),
                lines.get(1));
    }
}
