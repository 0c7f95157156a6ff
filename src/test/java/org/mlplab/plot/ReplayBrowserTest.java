package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved replay in a real browser (headless Chromium): the slider shows the frame it points at. */
class ReplayBrowserTest {
    /** What the page shows: how many frames are visible, the visible one's epoch and picture width, the slider's label. */
    private static final String SHOWN = "(function () {"
            + " var shown = Array.from(document.querySelectorAll('.mlplab-frame')).filter(f => f.offsetHeight > 0);"
            + " var img = shown[0].querySelector('img');"
            + " return shown.length + ' shown: epoch ' + shown[0].getAttribute('data-epoch') + ', '"
            + " + img.naturalWidth + ' px, label ' + document.querySelector('.mlplab-replay output').textContent;"
            + " })()";

    @Test
    void movingTheSliderShowsTheChosenEpoch(@TempDir Path dir) throws Exception {
        Replay replay = ReplayTest.recorded(4);
        Path page = replay.save(dir.resolve("replay.html"));
        int width = 3 * Replay.CHART_WIDTH;
        try (HeadlessChromium browser = HeadlessChromium.open(page)) {
            browser.waitFor("document.readyState == 'complete'");
            assertEquals("1 shown: epoch 4, " + width + " px, label epoch 4 of 4", browser.evaluate(SHOWN));
            slide(browser, 2);
            assertEquals("1 shown: epoch 2, " + width + " px, label epoch 2 of 4", browser.evaluate(SHOWN));
            slide(browser, 0);
            assertEquals("1 shown: epoch 0, " + width + " px, label initialisation", browser.evaluate(SHOWN));
        }
    }

    /** Moves the slider to {@code position} as a user's drag does: sets its value and fires 'input'. */
    private static void slide(HeadlessChromium browser, int position) throws InterruptedException {
        browser.evaluate("var slider = document.querySelector('.mlplab-replay input[type=range]');"
                + " slider.value = " + position + "; slider.dispatchEvent(new Event('input')); slider.value");
    }
}
