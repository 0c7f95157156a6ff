package org.mlplab.notebook;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import org.mlplab.autodiff.Value;
import org.mlplab.diagnostics.Diagnostics;
import org.mlplab.diagnostics.GradientCheck;
import org.mlplab.internal.Html;
import org.mlplab.nn.Network;
import org.mlplab.plot.ChartGrid;
import org.mlplab.plot.Charts;
import org.mlplab.plot.GraphPicture;
import org.mlplab.plot.Pictures;
import org.mlplab.plot.Replay;
import org.mlplab.train.ConfusionMatrix;
import org.mlplab.train.History;
import org.mlplab.train.OverfitCheck;
import org.mlplab.train.Trials;
import tech.tablesaw.api.Table;

/**
 * What a value shows in a notebook cell, independent of any kernel: a map from MIME type to
 * content ({@code text/plain}, {@code text/html}, {@code image/png} as base64). The kernel
 * adapters copy it into their own display objects.
 */
public final class MimeBundle {
    /** Plain text. */
    public static final String TEXT = "text/plain";
    /** An HTML fragment. */
    public static final String HTML = "text/html";
    /** A PNG image, base64-encoded. */
    public static final String PNG = "image/png";

    /** The classes whose values {@link #of} renders: what each kernel adapter registers. */
    static final List<Class<?>> RENDERED = List.of(Displayable.class, Network.class, History.class, Diagnostics.class,
            ConfusionMatrix.class, Trials.class, GradientCheck.class, OverfitCheck.class, ChartGrid.class, Chart.class, Table.class,
            BufferedImage.class, Value.class, Replay.class);

    /** Rows of a table shown in a cell. */
    static final int MAX_ROWS = 20;

    private MimeBundle() {
    }

    /**
     * The bundle for a value of ours: the library's results (a model's summary table; a history,
     * its diagnostics and a confusion matrix with their pictures from {@link Charts}; gradient and
     * overfitting checks), a {@link Displayable} of the user's, an XChart chart or a
     * {@link ChartGrid} (rendered like every chart of the library), a computation graph's {@link Value} (its
     * {@link GraphPicture}) or a {@link BufferedImage} (PNG and
     * a line of text), a Tablesaw {@link Table} (text and an HTML table of its first rows), a
     * {@link Replay} (its slider over the frames, which shows the last frame, and that frame as the
     * PNG). A value with a picture also has it at the top of its HTML: front ends prefer the HTML.
     *
     * @return the MIME types and their content, or {@code null} for any other value
     */
    public static Map<String, String> of(Object value) {
        if (value instanceof Network model) {
            return bundle(model.toString(), model.toHtml(), null);
        } else if (value instanceof History history) {
            return bundle(history.toString(), history.toHtml(), Pictures.toImage(Charts.curves(history)));
        } else if (value instanceof Diagnostics diagnostics) {
            return bundle(diagnostics.toString(), diagnostics.toHtml(), Pictures.toImage(Charts.diagnostics(diagnostics)));
        } else if (value instanceof ConfusionMatrix matrix) {
            return bundle(matrix.toString(), matrix.toHtml(), Pictures.toImage(Charts.confusionMatrix(matrix)));
        } else if (value instanceof Trials trials) {
            return bundle(trials.toString(), trials.toHtml(), Pictures.toImage(Charts.trials(trials)));
        } else if (value instanceof GradientCheck check) {
            return bundle(check.toString(), check.toHtml(), null);
        } else if (value instanceof OverfitCheck check) {
            return bundle(check.toString(), pre(check.toString()), null);
        } else if (value instanceof Replay replay) {
            // its HTML shows the last frame already; the PNG is for viewers that strip HTML
            Map<String, String> bundle = bundle(replay.toString(), replay.toHtml(), null);
            BufferedImage last = replay.toImage();
            if (last != null) {
                bundle.put(PNG, png(last));
            }
            return bundle;
        } else if (value instanceof ChartGrid grid) {
            return bundle(grid.toString(), "", Pictures.toImage(grid));
        } else if (value instanceof Value graph) {   // drawn when small enough to read
            BufferedImage picture = graph.graph().size() <= GraphPicture.MAX_VALUES ? GraphPicture.of(graph) : null;
            return bundle(graph.toString(), picture == null ? pre(graph.toString()) : "", picture);
        } else if (value instanceof Displayable d) {
            return bundle(d.toString(), d.toHtml(), d.toImage());
        }
        Map<String, String> bundle = new LinkedHashMap<>();
        if (value instanceof Chart<?, ?> chart) {
            bundle.put(TEXT, chart.getClass().getSimpleName() + ": " + chart.getTitle());
            bundle.put(PNG, png(Pictures.toImage(chart)));
        } else if (value instanceof Table table) {
            bundle.put(TEXT, table.print(MAX_ROWS));
            bundle.put(HTML, html(table));
        } else if (value instanceof BufferedImage image) {
            bundle.put(TEXT, "image " + image.getWidth() + " × " + image.getHeight());
            bundle.put(PNG, png(image));
        } else {
            return null;
        }
        return bundle;
    }

    /** Text, HTML and, when there is a picture, a PNG that also heads the HTML. */
    private static Map<String, String> bundle(String text, String html, BufferedImage image) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put(TEXT, text);
        if (image == null) {
            bundle.put(HTML, html);
        } else {
            // notebook front ends show text/html rather than image/png when a value has both:
            // the picture goes into the HTML too, above the rest
            String png = png(image);
            bundle.put(HTML, "<div class=\"mlplab\"><img src=\"data:image/png;base64," + png + "\"/>" + html + "</div>");
            bundle.put(PNG, png);
        }
        return bundle;
    }

    /** Plain text as HTML: escaped, in a {@code <pre>}. */
    static String pre(String text) {
        return "<pre>" + Html.escape(text) + "</pre>";
    }

    /** A Tablesaw table as an HTML table: its first {@value #MAX_ROWS} rows, every cell escaped. */
    static String html(Table table) {
        StringBuilder s = new StringBuilder("<div class=\"mlplab-table\"><p><b>")
                .append(Html.escape(table.name() == null ? "" : table.name())).append("</b> ")
                .append(table.rowCount()).append(" rows × ").append(table.columnCount()).append(" columns</p><table><tr>");
        for (String name : table.columnNames()) {
            s.append("<th>").append(Html.escape(name)).append("</th>");
        }
        s.append("</tr>");
        for (int r = 0; r < Math.min(MAX_ROWS, table.rowCount()); r++) {
            s.append("<tr>");
            for (int c = 0; c < table.columnCount(); c++) {
                s.append("<td>").append(Html.escape(table.getString(r, c))).append("</td>");
            }
            s.append("</tr>");
        }
        s.append("</table>");
        if (table.rowCount() > MAX_ROWS) {
            s.append("<p>… ").append(table.rowCount() - MAX_ROWS).append(" more rows</p>");
        }
        return s.append("</div>").toString();
    }

    /** The image as base64-encoded PNG. */
    public static String png(BufferedImage image) {
        return Base64.getEncoder().encodeToString(Pictures.toPng(image));
    }
}
