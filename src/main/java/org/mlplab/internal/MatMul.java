package org.mlplab.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;

/**
 * The one seam through which every hot matrix product of training and inference passes (in
 * {@code double}, and in {@code float} for training in {@code float}), and the sums of squares of
 * long arrays (the gradient norm of every step).
 *
 * <p>Two backends: the system BLAS (OpenBLAS, through a JNI binding) and pure Java (always
 * there; the fallback). With OpenBLAS every product goes to it by default: in the JMH benchmarks
 * ({@code MatMulBench}) OpenBLAS beats the Java kernel at every shape, from 16×16×4 to the
 * largest, the JNI call included. The backend is chosen once, when this
 * class is loaded:
 * <ul>
 *   <li>{@code -Dmlplab.blas=auto} (the default): OpenBLAS if the system has it (Debian/Ubuntu:
 *       {@code libopenblas0}), else pure Java. A system BLAS that is not OpenBLAS (the slow
 *       reference BLAS) is not used, since pure Java is faster.</li>
 *   <li>{@code -Dmlplab.blas=native}: whatever {@code libblas.so.3} the system has; pure Java
 *       if there is none.</li>
 *   <li>{@code -Dmlplab.blas=java}: pure Java only.</li>
 *   <li>{@code -Dmlplab.blas.threshold=N}: products of fewer than {@code N} multiply-adds
 *       ({@code m·n·k}) stay in Java (default {@value #DEFAULT_THRESHOLD}: all go to the BLAS).</li>
 * </ul>
 * {@link #backend()} says which one is active. A missing native library is never an error.
 *
 * <p>Results are deterministic: for a given shape the same code path runs, in the same order of
 * additions, so the same inputs give the same bits from run to run (with the same number of
 * BLAS threads; OpenBLAS uses one per core unless {@code OPENBLAS_NUM_THREADS} says otherwise).
 * The launcher and the kernelspecs set {@code OPENBLAS_THREAD_TIMEOUT=20} ({@code tools/env.sh}):
 * with OpenBLAS's default, its idle threads spin for so long that whole JVMs trained
 * Fashion-MNIST at half speed.
 *
 * <p>All matrices are row-major; outputs are reshaped here (EJML's output-argument style).
 * Inputs are not modified. The output must not be one of the inputs.
 */
public final class MatMul {
    /**
     * Products below this many multiply-adds run in Java even when a BLAS is there: none by
     * default, since OpenBLAS through JNI is faster at every size measured (JMH: {@code MatMulBench}).
     */
    public static final long DEFAULT_THRESHOLD = 0;

    /** Sums of squares of at least this many entries go to the BLAS: below, a JNI call costs more than the sum. */
    static final int SQUARES_IN_BLAS = 4096;

    private static final Gemm JAVA = new JavaGemm();
    private static final NetlibGemm NATIVE;
    private static final String BACKEND;
    private static final String DESCRIPTION;
    private static final long THRESHOLD = Long.getLong("mlplab.blas.threshold", DEFAULT_THRESHOLD);

    static {
        String wanted = System.getProperty("mlplab.blas", "auto").trim().toLowerCase();
        NetlibGemm chosen = null;
        String backend = "java";
        String description;
        if (wanted.equals("java")) {
            description = "java (-Dmlplab.blas=java)";
        } else {
            try {
                NetlibGemm gemm = new NetlibGemm();
                String library = loadedBlas();
                if (library.contains("openblas") || wanted.equals("native")) {
                    chosen = gemm;
                    backend = library.contains("openblas") ? "openblas" : "native-blas";
                    description = backend + " (" + library + " through dev.ludovic.netlib's JNI binding"
                            + (THRESHOLD > 0 ? "; products under " + THRESHOLD + " multiply-adds in java)" : ")");
                } else {
                    description = "java (the system BLAS " + library + " is not OpenBLAS and slower than java; "
                            + "-Dmlplab.blas=native uses it anyway)";
                }
            } catch (RuntimeException | LinkageError e) {
                description = "java (no native BLAS: " + e + ")";
            }
        }
        NATIVE = chosen;
        BACKEND = backend;
        DESCRIPTION = description;
    }

    private MatMul() {
    }

    /** The active backend: {@code openblas}, {@code native-blas} (another system BLAS, forced) or {@code java}. */
    public static String backend() {
        return BACKEND;
    }

    /** The active backend in a sentence: library, how it is reached, the size threshold, or why Java. */
    public static String description() {
        return DESCRIPTION;
    }

    /**
     * {@code c = a · b}.
     *
     * @param a {@code m × k}, not modified
     * @param b {@code k × n}, not modified
     * @param c Modified: reshaped to {@code m × n}
     */
    public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        requireShapes(a.numCols, b.numRows, "mult: a is %d × %d, b is %d × %d", a, b);
        c.reshape(a.numRows, b.numCols);
        gemm(a.numRows, b.numCols, a.numCols).mult(a.numRows, b.numCols, a.numCols, a.data, b.data, c.data);
    }

    /**
     * {@code c = aᵀ · b}.
     *
     * @param a {@code k × m}, not modified
     * @param b {@code k × n}, not modified
     * @param c Modified: reshaped to {@code m × n}
     */
    public static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        requireShapes(a.numRows, b.numRows, "multTransA: a is %d × %d, b is %d × %d", a, b);
        c.reshape(a.numCols, b.numCols);
        gemm(a.numCols, b.numCols, a.numRows).multTransA(a.numCols, b.numCols, a.numRows, a.data, b.data, c.data);
    }

    /**
     * {@code c = a · bᵀ}.
     *
     * @param a {@code m × k}, not modified
     * @param b {@code n × k}, not modified
     * @param c Modified: reshaped to {@code m × n}
     */
    public static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        requireShapes(a.numCols, b.numCols, "multTransB: a is %d × %d, b is %d × %d", a, b);
        c.reshape(a.numRows, b.numRows);
        gemm(a.numRows, b.numRows, a.numCols).multTransB(a.numRows, b.numRows, a.numCols, a.data, b.data, c.data);
    }

    /**
     * Whether the {@code float} products below are there: only with a native BLAS (its
     * {@code sgemm}); the pure-Java backend has none.
     */
    public static boolean hasFloat32() {
        return NATIVE != null;
    }

    /**
     * {@code c = alpha · a · b} in {@code float}, on row-major arrays: {@code a} is {@code m × k},
     * {@code b} {@code k × n}, {@code c} (Modified) {@code m × n}.
     *
     * @throws IllegalStateException without a native BLAS ({@link #hasFloat32()})
     */
    public static void mult(int m, int n, int k, float alpha, float[] a, float[] b, float[] c) {
        float32().mult(m, n, k, alpha, a, b, c);
    }

    /** {@code c = alpha · aᵀ · b} in {@code float}: {@code a} is {@code k × m}, {@code b} {@code k × n}, {@code c} {@code m × n}. */
    public static void multTransA(int m, int n, int k, float alpha, float[] a, float[] b, float[] c) {
        float32().multTransA(m, n, k, alpha, a, b, c);
    }

    /** {@code c = alpha · a · bᵀ} in {@code float}: {@code a} is {@code m × k}, {@code b} {@code n × k}, {@code c} {@code m × n}. */
    public static void multTransB(int m, int n, int k, float alpha, float[] a, float[] b, float[] c) {
        float32().multTransB(m, n, k, alpha, a, b, c);
    }

    /**
     * {@code Σ a[i]²} over {@code a[0..n)} (not modified): the BLAS's {@code ddot} for
     * {@value #SQUARES_IN_BLAS} entries or more (faster there), else {@link Sums#squares(double[], int)}.
     */
    public static double squares(double[] a, int n) {
        return NATIVE != null && n >= SQUARES_IN_BLAS ? NATIVE.dot(n, a, a) : Sums.squares(a, n);
    }

    /**
     * {@code Σ a[i]²} over {@code a[0..n)} (not modified): the BLAS's {@code sdot} for
     * {@value #SQUARES_IN_BLAS} entries or more (faster there), which sums
     * in {@code float}; if that overflows (a norm above about 1.8e19) or for fewer entries,
     * {@link Sums#squares(float[], int)} sums in {@code double}.
     */
    public static double squares(float[] a, int n) {
        if (NATIVE != null && n >= SQUARES_IN_BLAS) {
            float s = NATIVE.dot(n, a, a);
            if (Float.isFinite(s)) {
                return s;
            }
        }
        return Sums.squares(a, n);
    }

    private static NetlibGemm float32() {
        if (NATIVE == null) {
            throw new IllegalStateException("float products need the native BLAS; the backend is " + DESCRIPTION);
        }
        return NATIVE;
    }

    private static Gemm gemm(int m, int n, int k) {
        return NATIVE != null && (long) m * n * k >= THRESHOLD ? NATIVE : JAVA;
    }

    /**
     * Checks that the inner dimensions of a product agree.
     *
     * @throws IllegalArgumentException naming both shapes ({@code format} takes them as four
     *         {@code %d}) when they differ
     */
    public static void requireShapes(int inner1, int inner2, String format, DMatrixRMaj a, DMatrixRMaj b) {
        if (inner1 != inner2) {
            throw new IllegalArgumentException(String.format(format, a.numRows, a.numCols, b.numRows, b.numCols));
        }
    }

    /** The BLAS shared library mapped into this process, read from {@code /proc/self/maps} ("unknown" elsewhere). */
    private static String loadedBlas() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(path -> {
                        String file = path.substring(path.lastIndexOf('/') + 1);
                        return file.startsWith("libblas.so") || file.startsWith("libopenblas");
                    })
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
