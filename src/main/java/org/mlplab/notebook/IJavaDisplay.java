package org.mlplab.notebook;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Map;

/**
 * The IJava adapter: registers our values with the base kernel's {@link Renderer}. Loaded only
 * when IJava runs ({@link Notebook#install()}); IJava's class loader gives the library the
 * kernel's own classes, so this compiles against the base kernel as a provided dependency.
 */
final class IJavaDisplay {
    private IJavaDisplay() {
    }

    /** Registers renderers for every class of {@link MimeBundle#RENDERED} with {@code renderer}. */
    static void register(Renderer renderer) {
        for (Class<?> type : MimeBundle.RENDERED) {
            renderer.createRegistration(type)
                    .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG)
                    .supporting(MIMEType.TEXT_PLAIN)
                    .register((value, context) -> fill(context.getOutputContainer(), MimeBundle.of(value)));
        }
    }

    private static void fill(DisplayData output, Map<String, String> bundle) {
        bundle.forEach(output::putData);
    }
}
