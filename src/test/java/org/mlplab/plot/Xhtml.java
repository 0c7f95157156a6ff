package org.mlplab.plot;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Strict XML parsing of our HTML, for tests: an unclosed tag or a bare {@code <} or {@code &} fails. */
public final class Xhtml {
    private Xhtml() {
    }

    /** Parses an HTML fragment (as {@code toHtml()} returns) inside a root element. */
    public static Document fragment(String html) {
        return parse("<root>" + html + "</root>");
    }

    /** Parses a whole page, e.g. a report's {@code index.html}. */
    public static Document page(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Every {@code src} and {@code href} attribute in the document, in order. */
    public static List<String> references(Document document) {
        List<String> out = new ArrayList<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            for (String attribute : List.of("src", "href")) {
                if (e.hasAttribute(attribute)) {
                    out.add(e.getAttribute(attribute));
                }
            }
        }
        return out;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);   // no messages on stderr: the exception says it
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new AssertionError("not well-formed: " + e.getMessage() + "\n" + xml, e);
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
