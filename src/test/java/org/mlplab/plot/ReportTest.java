package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlplab.data.Datasets;
import org.mlplab.data.Split;
import org.mlplab.data.TableData;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.train.ConfusionMatrix;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportTest {
    @TempDir
    Path dir;

    /** The PNG files in {@code folder}, by name. */
    private static TreeSet<String> pngs(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
                    .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        }
    }

    @Test
    void writesEveryChartAndAPageThatShowsThem() throws IOException {
        Path folder = dir.resolve("runs/iris");   // created, parents included
        Path index = Report.write(folder, "iris → species", IrisRun.MODEL, IrisRun.HISTORY, IrisRun.DATA.test());
        assertEquals(folder.resolve(Report.INDEX), index);

        Map<String, ChartGrid> expected = Map.of(
                Report.CURVES, Charts.curves(IrisRun.HISTORY),
                Report.GRADIENT_NORMS, ChartGrid.of("", 1, Charts.gradientNorms(IrisRun.DIAGNOSTICS)),
                Report.UPDATE_RATIOS, ChartGrid.of("", 1, Charts.updateRatios(IrisRun.DIAGNOSTICS)),
                Report.GRADIENT_HEATMAP, ChartGrid.of("", 1, Charts.gradientHeatmap(IrisRun.DIAGNOSTICS)),
                Report.HISTOGRAMS, Charts.histograms(IrisRun.DIAGNOSTICS),
                Report.CONFUSION_MATRIX, ChartGrid.of("", 1, Charts.confusionMatrix(IrisRun.MODEL, IrisRun.DATA.test())));
        assertEquals(new TreeSet<>(expected.keySet()), pngs(folder));
        for (var e : expected.entrySet()) {
            BufferedImage png = ImageIO.read(folder.resolve(e.getKey()).toFile());
            Pixels.assertDrawn(png, e.getValue().width(), e.getValue().height(), 0.002, 2);
        }

        Document page = Xhtml.page(index);
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(Xhtml.references(page)),
                "the page shows every chart, by relative path, and nothing else");
        NodeList images = page.getElementsByTagName("img");
        for (int i = 0; i < images.getLength(); i++) {
            Element img = (Element) images.item(i);
            ChartGrid grid = expected.get(img.getAttribute("src"));
            assertEquals(String.valueOf(grid.width()), img.getAttribute("width"), img.getAttribute("src"));
            assertEquals(String.valueOf(grid.height()), img.getAttribute("height"), img.getAttribute("src"));
            assertFalse(img.getAttribute("alt").isEmpty());
        }
        String text = page.getDocumentElement().getTextContent();
        assertTrue(text.contains("Mlp 4 → 16 → 3"), "the model summary");
        assertTrue(text.contains("Diagnosis: " + IrisRun.DIAGNOSTICS.verdict().status().label()), "the verdict");
        for (var finding : IrisRun.DIAGNOSTICS.verdict().findings()) {
            assertTrue(text.contains(finding.evidence()) && text.contains(finding.advice()), finding.toString());
        }
        assertTrue(text.contains(IrisRun.MODEL.evaluate(IrisRun.DATA.test()).toString()), "the test metrics");
        ConfusionMatrix matrix = ConfusionMatrix.of(IrisRun.MODEL, IrisRun.DATA.test());
        assertTrue(text.contains(String.format("accuracy %.1f %%", 100 * matrix.accuracy())));
        assertTrue(text.contains("classes: setosa, versicolor, virginica"), text);
    }

    @Test
    void aDivergedRunIsReportedToo() throws IOException {
        Path index = Report.write(dir, "diverged", IrisRun.DIVERGED_MODEL, IrisRun.DIVERGED, IrisRun.DATA.test());
        String text = Xhtml.page(index).getDocumentElement().getTextContent();
        assertTrue(text.contains("Diagnosis: diverged"), text);
        assertTrue(text.contains(IrisRun.DIVERGED.stop().message()), text);
        Pixels.assertDrawn(ImageIO.read(dir.resolve(Report.CURVES).toFile()), 2 * 520, ChartGrid.TITLE_HEIGHT + 380);
    }

    @Test
    void aRegressionReportHasNoConfusionMatrix() throws IOException {
        Split data = TableData.of(Datasets.diabetes()).target("progression").standardize().split(0.8, 1);
        Mlp model = Mlp.input(data.train().features()).dense(8, Activation.TANH).dense(1, Activation.IDENTITY).build();
        History history = model.fit(data.train(), Fit.epochs(5).batch(32).adam(0.01).quiet());
        Report.write(dir, "diabetes → progression", model, history, data.test());
        assertFalse(pngs(dir).contains(Report.CONFUSION_MATRIX));
        assertTrue(pngs(dir).contains(Report.CURVES));
        String text = Xhtml.page(dir.resolve(Report.INDEX)).getDocumentElement().getTextContent();
        assertTrue(text.contains("R² "), "the test metric of a regression");
        assertTrue(text.contains("targets: progression"), text);
    }

    @Test
    void aFileOrAnUncreatableFolderIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        IOException isFile = assertThrows(IOException.class,
                () -> Report.write(file, "t", IrisRun.MODEL, IrisRun.HISTORY, IrisRun.DATA.test()));
        assertTrue(isFile.getMessage().contains("notes.txt is a file"), isFile.getMessage());
        assertEquals("keep me", Files.readString(file));
        IOException under = assertThrows(IOException.class, () -> Report.prepare(file.resolve("report")));
        assertTrue(under.getMessage().startsWith("cannot create the report folder"), under.getMessage());
    }

    @Test
    void aHistoryWithoutDiagnosticsIsRefusedBeforeAnythingIsWritten() {
        Mlp model = Mlp.input(4).dense(3, Activation.SOFTMAX).build();
        History history = model.fit(IrisRun.DATA.train(), Fit.epochs(2).noDiagnostics().quiet());
        Path folder = dir.resolve("report");
        assertThrows(IllegalStateException.class,
                () -> Report.write(folder, "t", model, history, IrisRun.DATA.test()));
        assertFalse(Files.exists(folder));
        assertThrows(IllegalArgumentException.class, () -> Report.write(folder, "t", IrisRun.PETAL_MODEL,
                IrisRun.HISTORY, IrisRun.DATA.test()), "test data that does not fit the model");
        assertFalse(Files.exists(folder));
    }
}
