package org.mlplab.notebook;

import java.util.List;
import java.util.Map;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.MimeType;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import org.rapaio.jupyter.kernel.global.Global;

/**
 * The rapaio-jupyter-kernel adapter, found by the kernel through {@code ServiceLoader}
 * ({@code META-INF/services}); never loaded in other kernels. It renders our values with their
 * full {@link MimeBundle} and makes {@code text/plain} the kernel's default, so that other
 * objects are shown as escaped text rather than raw HTML.
 */
public final class RapaioDisplay implements DisplayProvider {

    /** Called by the kernel's {@code ServiceLoader}. */
    public RapaioDisplay() {
        Global.options().display().defaultMime(MimeBundle.TEXT);
    }

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return MimeBundle.RENDERED.stream().<DisplayRenderer>map(Renderer::new).toList();
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }

    /** Renders values of one class with every MIME type of their bundle. */
    private record Renderer(Class<?> rendererClass) implements DisplayRenderer {
        @Override
        public boolean canRender(String mime) {
            return true;
        }

        @Override
        public DisplayData render(String mime, Object value) {
            Map<String, String> bundle = MimeBundle.of(value);
            DisplayData data = DisplayData.fromText(bundle.get(MimeBundle.TEXT));
            if (bundle.containsKey(MimeBundle.HTML)) {
                data.putHTML(bundle.get(MimeBundle.HTML));
            }
            if (bundle.containsKey(MimeBundle.PNG)) {
                data.putData(MimeType.PNG, bundle.get(MimeBundle.PNG));
            }
            return data;
        }
    }
}
