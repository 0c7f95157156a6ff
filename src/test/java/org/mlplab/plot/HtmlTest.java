package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlplab.diagnostics.GradientCheck;
import org.mlplab.notebook.MimeBundle;
import org.mlplab.train.ConfusionMatrix;
import org.w3c.dom.Document;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every {@code toHtml()} is well-formed XHTML (a strict XML parser accepts it) and shows
 * user-provided names as text, escaped. The report's page is checked in {@link ReportTest} and
 * through the command line.
 */
class HtmlTest {
    static final String CLASS = "<b>&\"x'";
    static final String COLUMN = "a<b";

    private static int count(Document document, String tag) {
        return document.getElementsByTagName(tag).getLength();
    }

    @Test
    void theModelSummaryIsWellFormed() {
        Document html = Xhtml.fragment(IrisRun.MODEL.toHtml());
        assertEquals(1 + 2, count(html, "tr"), "a header and one row per layer");
        assertTrue(html.getDocumentElement().getTextContent().contains("4 → 16 → 3"));
    }

    @Test
    void theHistoryIsWellFormed() {
        Document html = Xhtml.fragment(IrisRun.HISTORY.toHtml());
        assertEquals(1 + 10, count(html, "tr"), "a header and 10 of the 30 epochs");
        Xhtml.fragment(IrisRun.DIVERGED.toHtml());
    }

    @Test
    void theDiagnosisIsWellFormed() {
        Document html = Xhtml.fragment(IrisRun.DIAGNOSTICS.toHtml());
        assertEquals(IrisRun.DIAGNOSTICS.verdict().findings().size(), count(html, "li"), "one item per finding");
        Document diverged = Xhtml.fragment(IrisRun.DIVERGED.diagnostics().toHtml());
        assertTrue(diverged.getDocumentElement().getTextContent().contains("Diagnosis: diverged"));
    }

    @Test
    void theGradientCheckIsWellFormed() {
        Document html = Xhtml.fragment(GradientCheck.of(IrisRun.MODEL, IrisRun.DATA.test().rows(0, 8)).toHtml());
        assertEquals(1 + 4, count(html, "tr"), "a header and W, b of each of the 2 layers");
    }

    @Test
    void theConfusionMatrixEscapesClassNames() {
        ConfusionMatrix matrix = ConfusionMatrix.of(new int[] {0, 0, 1}, new int[] {0, 1, 1}, List.of(CLASS, "plain"));
        String html = matrix.toHtml();
        Document document = Xhtml.fragment(html);
        assertEquals(3, count(document, "b"), "bold: the title and the 2 diagonal counts, never the class name");
        assertTrue(document.getDocumentElement().getTextContent().contains(CLASS), "shown as text");
        assertTrue(html.contains("&lt;b&gt;&amp;&quot;x&#39;"), html);
        assertFalse(html.contains(CLASS), html);
    }

    @Test
    void tablesEscapeColumnNamesAndCells() {
        Table table = Table.create("t", DoubleColumn.create(COLUMN, 1.5, 2.5), StringColumn.create("class", CLASS, "ok"));
        String html = MimeBundle.of(table).get(MimeBundle.HTML);
        Document document = Xhtml.fragment(html);
        assertEquals(1 + 2, count(document, "tr"));
        String text = document.getDocumentElement().getTextContent();
        assertTrue(text.contains(COLUMN) && text.contains(CLASS), text);
        assertFalse(html.contains(COLUMN) || html.contains(CLASS), html);
    }

    @Test
    void theStrictParserRejectsHtmlThatIsNotXhtml() {
        assertThrows(AssertionError.class, () -> Xhtml.fragment("<p>a<br>b</p>"));
        assertThrows(AssertionError.class, () -> Xhtml.fragment("<p>" + CLASS + "</p>"));
    }
}
