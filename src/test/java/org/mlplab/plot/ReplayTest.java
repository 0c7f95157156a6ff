package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlplab.data.Dataset;
import org.mlplab.data.Split;
import org.mlplab.data.TableData;
import org.mlplab.data.ToyData;
import org.mlplab.diagnostics.Diagnostics;
import org.mlplab.diagnostics.LayerStats;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Parameter;
import org.mlplab.notebook.MimeBundle;
import org.mlplab.train.Fit;
import org.mlplab.train.History;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReplayTest {
    static final Dataset MOONS = TableData.of(ToyData.moons(200, 0.1, 3)).target("class").all();
    private static final int EPOCHS = 6;
    /** A replay of a 6-epoch run: the initialisation and every epoch. */
    private static final Replay SHORT = recorded(EPOCHS);

    /** A 2 → 8 → 8 → 2 tanh classifier of the moons. */
    static Mlp model() {
        return Mlp.input(2).dense(8, Activation.TANH).dense(8, Activation.TANH).dense(2, Activation.SOFTMAX).seed(1)
                .build();
    }

    /** A replay of {@link #model()} trained for {@code epochs} on {@link #MOONS}. */
    static Replay recorded(int epochs) {
        Mlp model = model();
        Replay replay = Replay.of(model, MOONS);
        model.fit(MOONS, Fit.epochs(epochs).batch(16).adam(0.01).quiet().listener(replay));
        return replay;
    }

    @Test
    void thereIsOneFramePerRecordedEpochAndTheSliderSpansThem() {
        assertEquals(IntStream.rangeClosed(0, EPOCHS).boxed().toList(), SHORT.epochs(), "the initialisation and every epoch");
        Document html = Xhtml.fragment(SHORT.toHtml());
        List<Element> frames = frames(html);
        assertEquals(SHORT.epochs(), frames.stream().map(f -> Integer.parseInt(f.getAttribute("data-epoch"))).toList());
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(i < EPOCHS, frames.get(i).hasAttribute("hidden"), "only the last frame shows at first: " + i);
        }
        Element slider = (Element) html.getElementsByTagName("input").item(0);
        assertEquals("range", slider.getAttribute("type"));
        assertEquals("0", slider.getAttribute("min"));
        assertEquals(String.valueOf(EPOCHS), slider.getAttribute("max"), "one position per frame");
        assertEquals(String.valueOf(EPOCHS), slider.getAttribute("value"));
        assertEquals("epoch 6 of 6", html.getElementsByTagName("output").item(0).getTextContent());
        assertEquals("initialisation", frames.get(0).getAttribute("data-label"));
        assertEquals("epoch 3 of 6", frames.get(3).getAttribute("data-label"));
    }

    @Test
    void eachFrameIsARealPngOfTheStatedSizeAndTheNotebookGetsTheLastAsItsPicture() throws IOException {
        List<Element> images = new ArrayList<>();
        for (Element frame : frames(Xhtml.fragment(SHORT.toHtml()))) {
            images.add((Element) frame.getElementsByTagName("img").item(0));
        }
        int width = 3 * Replay.CHART_WIDTH;
        int height = ChartGrid.TITLE_HEIGHT + Replay.CHART_HEIGHT;
        BufferedImage last = null;
        for (Element img : images) {
            assertEquals(String.valueOf(width), img.getAttribute("width"));
            assertEquals(String.valueOf(height), img.getAttribute("height"));
            last = decode(img.getAttribute("src").substring("data:image/png;base64,".length()));
            Pixels.assertDrawn(last, width, height);
        }
        Map<String, String> bundle = MimeBundle.of(SHORT);
        assertEquals(SHORT.toString(), bundle.get(MimeBundle.TEXT));
        assertEquals(SHORT.toHtml(), bundle.get(MimeBundle.HTML), "the slider, with the last frame showing");
        assertSamePixels(last, decode(bundle.get(MimeBundle.PNG)));
        assertSamePixels(last, SHORT.toImage());
    }

    @Test
    void nothingComesFromElsewhere() {
        String html = SHORT.toHtml();
        Document document = Xhtml.fragment(html);
        for (String reference : Xhtml.references(document)) {
            assertTrue(reference.startsWith("data:image/png;base64,"), reference);
        }
        for (String tag : List.of("script", "link", "iframe", "object", "embed")) {
            assertEquals(0, document.getElementsByTagName(tag).getLength(), tag);
        }
        String outsideImages = html.replaceAll("data:image/png;base64,[A-Za-z0-9+/=]+", "");
        for (String external : List.of("http:", "https:", "//", "url(", "@import")) {
            assertFalse(outsideImages.contains(external), external);
        }
    }

    @Test
    void aLongRunIsSampledAndItsPageStaysWithinTheStatedSize(@TempDir Path dir) throws IOException {
        Replay replay = recorded(200);
        List<Integer> epochs = replay.epochs();
        assertEquals(Replay.MAX_FRAMES, epochs.size());
        assertEquals(0, epochs.get(0));
        assertEquals(200, epochs.get(epochs.size() - 1), "the last epoch");
        for (int i = 1; i < epochs.size(); i++) {
            int gap = epochs.get(i) - epochs.get(i - 1);
            assertTrue(gap >= 6 && gap <= 7, "evenly spread: " + epochs);
        }
        Path page = replay.save(dir.resolve("replays/moons.html"));
        long kB = Files.size(page) / 1000;
        assertTrue(kB < Replay.MAX_HTML_KB, kB + " kB");
        Document html = Xhtml.page(page);
        assertEquals(Replay.MAX_FRAMES, frames(html).size());
        assertEquals(1, html.getElementsByTagName("title").getLength());
    }

    /** The frames' statistics are those the run's own diagnostics record at the same batches. */
    @Test
    void eachFramesStatisticsAreTheRunsOwn() {
        Mlp model = model();
        Replay replay = Replay.of(model, MOONS);
        History history = model.fit(MOONS, Fit.epochs(4).batch(16).adam(0.01).quiet().listener(replay));
        String html = replay.toHtml();
        Diagnostics run = history.diagnostics();
        for (int epoch = 0; epoch <= 4; epoch++) {
            int e = epoch;
            long step = epoch == 0 ? 1 : run.stats().stream().filter(s -> s.epoch() == e).mapToLong(LayerStats::step)
                    .max().orElseThrow();
            List<LayerStats> rows = run.stats().stream().filter(s -> s.step() == step).toList();
            assertEquals(3, rows.size());
            assertTrue(html.contains(run.toHtml(rows)), "frame " + epoch);
        }
    }

    @Test
    void recordingChangesNothingInTraining() {
        Split data = TableData.of(ToyData.moons(300, 0.2, 5)).target("class").split(0.8, 7);
        Fit fit = Fit.epochs(9).batch(16).adam(0.01).validation(data.test()).diagnostics(3, 4).quiet();
        Mlp plain = remedied();
        History expected = plain.fit(data.train(), fit);
        Mlp recorded = remedied();
        Replay replay = Replay.of(recorded, data.train());
        History actual = recorded.fit(data.train(), fit.listener(replay));

        assertEquals(10, replay.epochs().size());
        List<Parameter> before = plain.parameters();
        List<Parameter> after = recorded.parameters();
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i).copyValues(), after.get(i).copyValues(), before.get(i).name());
        }
        assertArrayEquals(plain.layer(0).runningMean().orElseThrow(), recorded.layer(0).runningMean().orElseThrow());
        assertArrayEquals(expected.loss(), actual.loss());
        assertArrayEquals(expected.validationLoss(), actual.validationLoss());
        assertEquals(expected.diagnostics().stats(), actual.diagnostics().stats());
        assertEquals(expected.diagnostics().histograms(), actual.diagnostics().histograms());
    }

    /** 2 → 16 (ReLU, batch normalisation, dropout) → 8 (tanh) → 2: every piece with state of its own. */
    private static Mlp remedied() {
        return Mlp.input(2).dense(16, Activation.RELU).batchNorm().dropout(0.1).dense(8, Activation.TANH)
                .dense(2, Activation.SOFTMAX).seed(3).build();
    }

    @Test
    void widerDataIsReplayedOnItsPrincipalPlaneAndWithoutDataItReplaysTheLayersAlone() throws IOException {
        Dataset iris = TableData.of(org.mlplab.data.Datasets.iris()).target("species").standardize().all();
        Mlp model = Mlp.input(4).dense(8, Activation.RELU).dense(3, Activation.SOFTMAX).seed(2).build();
        Replay withRegions = Replay.of(model, iris);
        model.fit(iris, Fit.epochs(2).quiet().listener(withRegions));
        Pixels.assertDrawn(withRegions.toImage(), 3 * Replay.CHART_WIDTH, ChartGrid.TITLE_HEIGHT + Replay.CHART_HEIGHT);
        Dataset measured = TableData.of(org.mlplab.data.Datasets.diabetes()).target("progression").standardize().all();
        Mlp regressor = Mlp.input(10).dense(4, Activation.RELU).dense(1, Activation.IDENTITY).build();
        var e = assertThrows(IllegalArgumentException.class, () -> Replay.of(regressor, measured));
        assertTrue(e.getMessage().contains("needs class labels"), e.getMessage());
        Replay replay = Replay.of(model);
        model.fit(iris, Fit.epochs(2).quiet().listener(replay));
        assertEquals(List.of(0, 1, 2), replay.epochs());
        Pixels.assertDrawn(replay.toImage(), 2 * Replay.CHART_WIDTH, ChartGrid.TITLE_HEIGHT + Replay.CHART_HEIGHT);
        assertFalse(replay.toString().contains("decision regions"), replay.toString());
    }

    @Test
    void aReplayRecordsItsOwnModelsLatestFit() {
        Mlp model = model();
        Replay replay = Replay.of(model, MOONS);
        Mlp other = model();
        double[] weights = other.layer(0).weights().copyValues();
        var e = assertThrows(IllegalArgumentException.class,
                () -> other.fit(MOONS, Fit.epochs(2).quiet().listener(replay)));
        assertTrue(e.getMessage().contains("another model"), e.getMessage());
        assertArrayEquals(weights, other.layer(0).weights().copyValues(), "refused before any step");

        model.fit(MOONS, Fit.epochs(4).quiet().listener(replay));
        model.fit(MOONS, Fit.epochs(2).quiet().listener(replay));
        assertEquals(List.of(0, 1, 2), replay.epochs(), "the second fit's frames only");
        assertTrue(replay.toString().startsWith("Replay: 3 frames of a 2-epoch run (epochs 0, 1, 2)"), replay.toString());
    }

    @Test
    void beforeAnyFitItSaysHowToRecord(@TempDir Path dir) {
        Replay replay = Replay.of(model(), MOONS);
        assertTrue(replay.toString().contains("nothing recorded yet"), replay.toString());
        assertNull(replay.toImage());
        Map<String, String> bundle = MimeBundle.of(replay);
        assertNull(bundle.get(MimeBundle.PNG));
        Xhtml.fragment(bundle.get(MimeBundle.HTML));
        var e = assertThrows(IllegalStateException.class, () -> replay.save(dir.resolve("replay.html")));
        assertTrue(e.getMessage().contains("nothing recorded yet"), e.getMessage());
    }

    @Test
    void nullsSayWhatToGive() {
        Mlp model = model();
        for (var c : List.<Map.Entry<String, org.junit.jupiter.api.function.Executable>>of(
                Map.entry("the model is null", () -> Replay.of(null)),
                Map.entry("the model is null", () -> Replay.of(null, MOONS)),
                Map.entry("the data is null", () -> Replay.of(model, null)),
                Map.entry("the file is null", () -> SHORT.save(null)))) {
            var e = assertThrows(NullPointerException.class, c.getValue());
            assertTrue(e.getMessage().startsWith(c.getKey() + ": give "), e.getMessage());
        }
    }

    /** The frames of a replay's HTML, in order. */
    static List<Element> frames(Document html) {
        List<Element> frames = new ArrayList<>();
        NodeList divs = html.getElementsByTagName("div");
        for (int i = 0; i < divs.getLength(); i++) {
            Element div = (Element) divs.item(i);
            if (div.getAttribute("class").equals("mlplab-frame")) {
                frames.add(div);
            }
        }
        return frames;
    }

    private static BufferedImage decode(String base64) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        assertNotNull(image, "not a PNG");
        return image;
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        assertArrayEquals(expected.getRGB(0, 0, expected.getWidth(), expected.getHeight(), null, 0, expected.getWidth()),
                actual.getRGB(0, 0, actual.getWidth(), actual.getHeight(), null, 0, actual.getWidth()));
    }
}
