package org.mlplab.notebook;

import java.awt.image.BufferedImage;

/**
 * A value of yours that knows how to show itself in a notebook cell. Kernel-free: the kernel
 * adapters in this package turn it into {@code text/plain} ({@link Object#toString()}),
 * {@code text/html} ({@link #toHtml()}) and {@code image/png} ({@link #toImage()}). The library's
 * own results need not implement it: {@link MimeBundle#of} knows how to show each of them.
 */
public interface Displayable {

    /**
     * An HTML fragment for a notebook cell, shown below the picture when there is one (see
     * {@link MimeBundle#of}); by default the plain text, escaped, in a {@code <pre>}.
     */
    default String toHtml() {
        return MimeBundle.pre(toString());
    }

    /** A picture of this value, or {@code null} when it has none. */
    default BufferedImage toImage() {
        return null;
    }
}
