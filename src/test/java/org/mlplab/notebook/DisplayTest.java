package org.mlplab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.mlplab.internal.Html;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DisplayTest {
    private final Mlp model = Mlp.input(2).dense(3, Activation.RELU).dense(2, Activation.SOFTMAX).build();

    private static BufferedImage decode(String base64) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    @Test
    void aDisplayableGivesTextAndHtml() {
        Map<String, String> bundle = MimeBundle.of(model);
        assertEquals(model.toString(), bundle.get(MimeBundle.TEXT));
        assertTrue(bundle.get(MimeBundle.HTML).startsWith("<div class=\"mlplab-model\">"));
        assertNull(bundle.get(MimeBundle.PNG), "a model has no picture");
    }

    @Test
    void picturesBecomePngs() throws IOException {
        XYChart chart = new XYChartBuilder().width(300).height(200).title("t").build();
        chart.addSeries("s", new double[] {1, 2, 3}, new double[] {3, 1, 2});
        BufferedImage png = decode(MimeBundle.of(chart).get(MimeBundle.PNG));
        assertEquals(300, png.getWidth());
        assertEquals(200, png.getHeight());
        BufferedImage image = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        assertEquals(7, decode(MimeBundle.of(image).get(MimeBundle.PNG)).getWidth());
        assertNull(MimeBundle.of("a string is not ours"));
    }

    @Test
    void aValueWithAPictureShowsItInItsHtmlToo() throws IOException {
        // front ends show text/html rather than image/png: the picture must be in the HTML
        Displayable pictured = new Displayable() {
            @Override
            public String toHtml() {
                return "<p>below</p>";
            }

            @Override
            public BufferedImage toImage() {
                return new BufferedImage(9, 4, BufferedImage.TYPE_INT_RGB);
            }
        };
        Map<String, String> bundle = MimeBundle.of(pictured);
        String html = bundle.get(MimeBundle.HTML);
        assertTrue(html.contains("<img src=\"data:image/png;base64," + bundle.get(MimeBundle.PNG) + "\"/>"), html);
        assertTrue(html.indexOf("<img") < html.indexOf("<p>below</p>"), "the picture comes first");
        assertEquals(9, decode(bundle.get(MimeBundle.PNG)).getWidth());
        // a grid of charts is only its picture
        var grid = org.mlplab.plot.ChartGrid.of("", 1, new XYChartBuilder().width(50).height(40).build());
        assertTrue(MimeBundle.of(grid).get(MimeBundle.HTML).matches("<div class=\"mlplab\"><img [^>]*/></div>"));
    }

    @Test
    void aComputationGraphShowsAsItsPictureOrAsTextWhenTooLargeToRead() throws IOException {
        var x = org.mlplab.autodiff.Value.of(2, "x");
        var y = x.times(x).named("y");
        y.backward();
        Map<String, String> bundle = MimeBundle.of(y);
        assertEquals("y = 4 (grad 1)", bundle.get(MimeBundle.TEXT));
        assertEquals(org.mlplab.plot.GraphPicture.of(y).getWidth(), decode(bundle.get(MimeBundle.PNG)).getWidth());
        var big = x;
        for (int i = 0; i < org.mlplab.plot.GraphPicture.MAX_VALUES; i++) {
            big = big.plus(x);
        }
        Map<String, String> text = MimeBundle.of(big);
        assertNull(text.get(MimeBundle.PNG));
        assertTrue(text.get(MimeBundle.HTML).startsWith("<pre>"), text.get(MimeBundle.HTML));
    }

    @Test
    void tablesBecomeEscapedHtmlTables() {
        Table table = Table.create("<b>names</b>", StringColumn.create("who & <what>", "<script>", "ok"));
        String html = MimeBundle.of(table).get(MimeBundle.HTML);
        assertTrue(html.contains("&lt;b&gt;names&lt;/b&gt;"), html);
        assertTrue(html.contains("<th>who &amp; &lt;what&gt;</th>"), html);
        assertTrue(html.contains("<td>&lt;script&gt;</td>"), html);
        assertTrue(!html.contains("<script>"), html);
        assertTrue(MimeBundle.of(table).get(MimeBundle.TEXT).contains("ok"));
    }

    @Test
    void htmlEscapesEveryMarkupCharacter() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.escape("<a href=\"x\">&'"));
    }

    @Test
    void theIJavaAdapterFillsTheBaseKernelsDisplayData() {
        Renderer renderer = new Renderer();
        IJavaDisplay.register(renderer);
        DisplayData data = renderer.render(model);
        assertEquals(model.toString(), data.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        assertTrue(String.valueOf(data.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_HTML))
                .contains("mlplab-model"));
        // an image as a cell's value: a picture, not BufferedImage's toString
        var image = renderer.render(new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB));
        assertTrue(image.hasDataForType(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG));
    }

    @Test
    void theJJavaAdapterFillsTheKernelsDisplayDataAndShowsImages() {
        var renderer = new org.dflib.jjava.jupyter.kernel.display.Renderer();
        JJavaExtension.register(renderer);
        var data = renderer.render(model);
        assertEquals(model.toString(), data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        assertTrue(String.valueOf(data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML))
                .contains("mlplab-model"));
        var image = renderer.render(new BufferedImage(6, 4, BufferedImage.TYPE_INT_RGB));
        assertEquals("image 6 × 4", image.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        assertTrue(image.hasDataForType(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG));
    }

    @Test
    void theDefaultImportsComeWithTheJar() {
        String imports = Notebook.imports();
        assertTrue(imports.contains("import org.mlplab.nn.*;"), imports);
        assertTrue(imports.contains("import tech.tablesaw.api.*;"), imports);
    }

    @Test
    void theRapaioAdapterRendersEveryMimeTypeOfTheBundle() {
        var renderers = new RapaioDisplay().getDisplayRenderers();
        var forModel = renderers.stream().filter(r -> r.rendererClass().isInstance(model)).findFirst().orElseThrow();
        var data = forModel.render("text/html", model);
        assertEquals(model.toString(), data.data().get("text/plain"));
        assertTrue(String.valueOf(data.data().get("text/html")).contains("mlplab-model"));
    }

    @Test
    void outsideAKernelNothingBreaks() {
        assertEquals(Notebook.Kernel.NONE, Notebook.kernel());
        assertNull(Notebook.display(model));
        Notebook.update(null, model);
        assertEquals(Notebook.Kernel.NONE, Notebook.install());
    }
}
