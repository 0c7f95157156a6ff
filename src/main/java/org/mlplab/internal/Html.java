package org.mlplab.internal;

/** HTML helpers shared by every {@code toHtml()} in the library. */
public final class Html {
    private Html() {
    }

    /** Escapes {@code & < > " '} so that user-provided text (column, class names) is shown, not parsed. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
