package org.mlplab.notebook;

import java.lang.reflect.Method;

/**
 * The bridge to whichever Jupyter kernel runs this code, found by class name at run time so the
 * same jar works in IJava, in rapaio-jupyter-kernel and outside Jupyter.
 *
 * <p>In rapaio our renderers are found by the kernel itself (a {@code ServiceLoader} service);
 * in IJava the kernelspec's start-up script calls {@link #install()}.
 */
public final class Notebook {
    /** The kernels we know. */
    public enum Kernel {
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
     * Registers our renderers with the running kernel (idempotent; nothing to do in rapaio or
     * outside a notebook).
     *
     * @return which kernel was found
     */
    public static synchronized Kernel install() {
        if (KERNEL == Kernel.IJAVA && !installed) {
            try {
                Object kernel = Class.forName("io.github.spencerpark.ijava.IJava", true, loader())
                        .getMethod("getKernelInstance").invoke(null);
                Object renderer = kernel.getClass().getMethod("getRenderer").invoke(kernel);
                IJavaDisplay.register((io.github.spencerpark.jupyter.kernel.display.Renderer) renderer);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot register with the IJava kernel: " + e, e);
            }
        }
        installed = true;
        return KERNEL;
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

    private static Object call(String name, Class<?>[] types, Object... args) {
        try {
            Method method = Class.forName(KERNEL.displayClass, true, loader()).getMethod(name, types);
            return method.invoke(null, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the " + KERNEL + " kernel refused " + name + ": " + e, e);
        }
    }

    /**
     * IJava when its kernel instance exists; rapaio when its classes are loaded and the process has
     * the environment its kernelspec sets ({@code RJK_CLASSPATH}); otherwise none — the kernel jars
     * on a plain classpath (as in our tests) are not a running kernel.
     */
    private static Kernel detect() {
        try {
            Object ijava = Class.forName("io.github.spencerpark.ijava.IJava", true, loader())
                    .getMethod("getKernelInstance").invoke(null);
            if (ijava != null) {
                return Kernel.IJAVA;
            }
        } catch (ReflectiveOperationException | LinkageError absent) {
            // not IJava
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
