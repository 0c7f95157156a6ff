package org.mlplab.notebook;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bridge to whichever Jupyter kernel runs this code, found by class name at run time so the
 * same jar works in JJava, IJava, rapaio-jupyter-kernel and outside Jupyter.
 *
 * <p>JJava and rapaio find our adapters themselves ({@code ServiceLoader} services:
 * {@link JJavaExtension}, {@link RapaioDisplay}); in IJava the kernelspec's start-up script calls
 * {@link #install()}.
 */
public final class Notebook {
    /** The kernels we know. */
    public enum Kernel {
        /** JJava, IJava's maintained successor. */
        JJAVA("org.dflib.jjava.jupyter.kernel.BaseNotebookStatics"),
        /** SpencerPark's IJava. */
        IJAVA("io.github.spencerpark.ijava.runtime.Display"),
        /** rapaio-jupyter-kernel. */
        RAPAIO("org.rapaio.jupyter.kernel.global.Global"),
        /** Not in a notebook. */
        NONE(null);

        private final String displayClass;

        Kernel(String displayClass) {
            this.displayClass = displayClass;
        }
    }

    private static final Kernel KERNEL = detect();
    private static boolean installed;

    private Notebook() {
    }

    /** The kernel this code runs in. */
    public static Kernel kernel() {
        return KERNEL;
    }

    /**
     * The imports a notebook needs (the library's packages, Tablesaw's API, the activations), as
     * the kernels' start-up scripts and {@link JJavaExtension} evaluate them.
     */
    public static String imports() {
        try (InputStream in = Notebook.class.getResourceAsStream("startup.jsh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the library jar lacks org/mlplab/notebook/startup.jsh", e);
        }
    }

    /**
     * Registers our renderers and the stop button's handler with IJava (its start-up script calls
     * this); idempotent, and nothing to do in the other kernels, which find their adapters
     * themselves, or outside a notebook.
     *
     * @return which kernel was found
     */
    public static synchronized Kernel install() {
        if (KERNEL == Kernel.IJAVA && !installed) {
            BaseKernel kernel = ijava();
            IJavaDisplay.register(kernel.getRenderer());
            StopButton.install(kernel::interrupt);
        }
        installed = true;
        return KERNEL;
    }

    /** The running IJava kernel, or {@code null}; IJava's class loader gives us the kernel's own classes. */
    private static BaseKernel ijava() {
        try {
            return (BaseKernel) Class.forName("io.github.spencerpark.ijava.IJava", true, loader())
                    .getMethod("getKernelInstance").invoke(null);
        } catch (ReflectiveOperationException | LinkageError absent) {
            return null;
        }
    }

    /**
     * Shows {@code value} as a new output of the running cell.
     *
     * @return the display's id, for {@link #update}; {@code null} outside a notebook
     */
    public static String display(Object value) {
        if (KERNEL == Kernel.NONE) {
            return null;
        }
        install();
        return (String) call("display", new Class<?>[] {Object.class}, value);
    }

    /** Replaces the content of the display {@code id} with {@code value}; nothing outside a notebook. */
    public static void update(String id, Object value) {
        if (KERNEL != Kernel.NONE && id != null) {
            call("updateDisplay", new Class<?>[] {String.class, Object.class}, id, value);
        }
    }

    /**
     * Shows {@code frames} one after the other in one output of the running cell, {@code millis}
     * apart, and leaves the last: e.g. {@code Notebook.play(BackpropSteps.of(model, x, t).frames(), 1500)}.
     * The stop button ends it at the frame shown. Outside a notebook it shows nothing.
     */
    public static void play(List<?> frames, long millis) {
        if (frames.isEmpty() || millis < 0) {
            throw new IllegalArgumentException("play needs frames and a pause of 0 ms or more; got " + frames.size()
                    + " frames and " + millis + " ms");
        }
        String id = display(frames.get(0));
        for (int k = 1; k < frames.size(); k++) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();   // stopped: the frame shown stays
                return;
            }
            update(id, frames.get(k));
        }
    }

    private static Object call(String name, Class<?>[] types, Object... args) {
        try {
            Method method = Class.forName(KERNEL.displayClass, true, loader()).getMethod(name, types);
            return method.invoke(null, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the " + KERNEL + " kernel refused " + name + ": " + e, e);
        }
    }

    /**
     * JJava or IJava when its kernel instance exists; rapaio when its classes are loaded and the
     * process has the environment its kernelspec sets ({@code RJK_CLASSPATH}); otherwise none — the
     * kernel jars on a plain classpath (as in our tests) are not a running kernel.
     */
    private static Kernel detect() {
        try {
            if (Class.forName("org.dflib.jjava.jupyter.kernel.BaseKernel", true, loader())
                    .getMethod("notebookKernel").invoke(null) != null) {
                return Kernel.JJAVA;
            }
        } catch (ReflectiveOperationException | LinkageError absent) {
            // not JJava
        }
        if (ijava() != null) {
            return Kernel.IJAVA;
        }
        try {
            Class.forName(Kernel.RAPAIO.displayClass, false, loader());
            return System.getenv("RJK_CLASSPATH") != null ? Kernel.RAPAIO : Kernel.NONE;
        } catch (ClassNotFoundException | LinkageError absent) {
            return Kernel.NONE;
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Notebook.class.getClassLoader();
    }
}
