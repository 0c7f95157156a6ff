package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks that a rendered chart shows data. Background, grid, frame and text are white or grey;
 * every series colour of the library (Tableau 10, viridis, blues) is not. So "ink" — pixels whose
 * channels differ by more than {@value #CHROMA} — is what the series drew: an empty chart has none.
 */
final class Pixels {
    static final int CHROMA = 40;

    private Pixels() {
    }

    /**
     * Asserts the image's size and that its plot area (the image less a 10 % margin all round)
     * holds at least {@code minInk} of ink, in at least {@code minColours} distinct colours
     * (4 bits per channel), spread over at least 3 of its 4 vertical quarters (so a legend alone,
     * in one corner, does not pass).
     */
    static void assertDrawn(BufferedImage image, int width, int height, double minInk, int minColours) {
        assertEquals(width, image.getWidth(), "image width");
        assertEquals(height, image.getHeight(), "image height");
        int x0 = width / 10;
        int x1 = width - width / 10;
        int y0 = height / 10;
        int y1 = height - height / 10;
        int ink = 0;
        Set<Integer> colours = new HashSet<>();
        boolean[] quarters = new boolean[4];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                if (isInk(rgb)) {
                    ink++;
                    colours.add(rgb & 0xF0F0F0);
                    quarters[Math.min(3, 4 * (x - x0) / (x1 - x0))] = true;
                }
            }
        }
        double fraction = ink / (double) ((x1 - x0) * (y1 - y0));
        assertTrue(fraction >= minInk, String.format("only %.4f of the plot area is ink, expected ≥ %.4f", fraction,
                minInk));
        assertTrue(colours.size() >= minColours, colours.size() + " distinct ink colours, expected ≥ " + minColours);
        int covered = 0;
        for (boolean q : quarters) {
            covered += q ? 1 : 0;
        }
        assertTrue(covered >= 3, "ink in only " + covered + " of the plot area's 4 vertical quarters");
    }

    /** The line-chart defaults: ≥ 0.4 % ink in ≥ 4 colours. */
    static void assertDrawn(BufferedImage image, int width, int height) {
        assertDrawn(image, width, height, 0.004, 4);
    }

    static boolean isInk(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > CHROMA;
    }
}
