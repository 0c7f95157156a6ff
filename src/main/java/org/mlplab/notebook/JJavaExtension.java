package org.mlplab.notebook;

import java.util.Map;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * The JJava adapter, found by the kernel through {@code ServiceLoader}
 * ({@code META-INF/services/org.dflib.jjava.jupyter.Extension}) when the library is on its
 * classpath at start-up or added by {@code %jars} / {@code %maven}; never loaded in other kernels.
 * It registers our renderers, imports the library ({@link Notebook#imports()}) and lets the stop
 * button end a running fit cleanly ({@link StopButton}).
 */
public final class JJavaExtension implements Extension {

    /** Called by the kernel's {@code ServiceLoader}. */
    public JJavaExtension() {
    }

    @Override
    public void install(BaseKernel kernel) {
        register(kernel.getRenderer());
        kernel.evalRaw(Notebook.imports());
        StopButton.install(kernel::interrupt);
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
