package org.mlplab.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.mlplab.data.Dataset;
import org.mlplab.data.Datasets;
import org.mlplab.data.Idx;
import org.mlplab.data.Split;
import org.mlplab.data.TableData;
import org.mlplab.internal.MatMul;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Init;
import org.mlplab.nn.Network;
import org.mlplab.nn.Precision;
import org.mlplab.train.Fit;

/**
 * Training throughput on the workloads of {@code tools/peers.py}, so that MLP Lab and its
 * peers (scikit-learn, PyTorch) can be compared side by side: ReLU hidden layers, softmax
 * cross-entropy, Adam 1e-3, reshuffled every epoch; iris 4-16-3 (batch 16, 200 epochs), digits
 * 64-32-10 (batch 32, 50 epochs), Fashion-MNIST 784-256-128-10 (batch 128, 5 epochs), or any
 * other hidden widths, batch and epochs on these datasets ({@link Workload}). Warm-up
 * runs (not reported; at least one, and as many as it takes to reach {@value #WARMUP_STEPS}
 * steps and one second, at most five seconds) let the JIT compile, then each repeat is timed: the figures are those
 * of a warm JVM, like a notebook's second training run.
 *
 * <p>{@code gflops} is the run's matrix-product work ({@link TrainingFlops}) divided by its
 * training time; {@code gemm_peak_gflops} the BLAS's speed on large products in the precision
 * the run trains in, {@code gemm_precision} ({@code sgemm} for float, {@code dgemm} for double),
 * measured right before the run ({@link GemmPeak}); {@code peak_fraction} the first over the
 * second: how much of what the machine's BLAS can do the training reaches, its smaller products,
 * copies, activations and optimiser included. These three are {@code null} without a native BLAS.
 *
 * <p>{@code peak_heap_mb}
 * is the sum of the heap pools' peaks during the run (after a collection and a reset): an upper
 * bound of the live heap, dataset included. {@code allocated_bytes_per_step} counts what the
 * training thread allocated per step, per-epoch bookkeeping and diagnostics included;
 * {@code allocated_bytes_per_batch} only what it allocated between two batches of the same epoch
 * (see {@link BatchAllocation}): the training loop's own allocation, which should be 0.
 */
public final class Bench {
    /**
     * Warm-up runs continue until they add up to this many steps and {@link #WARMUP_NANOS}, but
     * stop after {@link #MAX_WARMUP_RUNS} runs or once {@link #MAX_WARMUP_NANOS} have passed
     * (one Fashion-MNIST run is enough). Measured: with 20,000 steps (20 iris runs) the JIT was
     * still compiling the diagnostics' code, and the first timed iris runs were 15-25 % slower with
     * diagnostics than without; from about 40,000 steps on, 4 %.
     */
    static final long WARMUP_STEPS = 200_000;
    static final long WARMUP_NANOS = 1_000_000_000L;
    static final long MAX_WARMUP_NANOS = 5_000_000_000L;
    static final int MAX_WARMUP_RUNS = 500;

    private Bench() {
    }

    /**
     * Runs one workload {@code repeats} times and prints a line per run (JSON with {@code json});
     * before them, warm-up runs, and right before each, the BLAS's peak ({@link GemmPeak}) in the
     * run's precision: on a shared machine whose speed swings, a peak measured next to the run it
     * is compared with keeps the fraction honest (one measured for all runs gave fractions above 1).
     *
     * @param diagnostics whether to collect diagnostics (the default of training) or not
     * @param precision   of the matrix products while training
     */
    public static void run(Workload workload, int repeats, boolean diagnostics, Precision precision, boolean json,
                           PrintStream out)
            throws IOException {
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        }
        Split split = load(workload.dataset());
        // warm-up (not reported): at least one run, and more until the JIT has seen enough steps;
        // one iris run is only 1,600 steps, which leaves most of the step in C1-compiled code
        int warmups = 0;
        long warmupSteps = 0;
        long warmupStart = System.nanoTime();
        long elapsed;
        do {
            once(workload, split, diagnostics, precision, 0, OptionalDouble.empty());
            warmups++;
            warmupSteps += steps(workload, split.train());
            elapsed = System.nanoTime() - warmupStart;
        } while (warmups < MAX_WARMUP_RUNS && elapsed < MAX_WARMUP_NANOS
                && (warmupSteps < WARMUP_STEPS || elapsed < WARMUP_NANOS));
        if (!json) {
            out.println(heading(workload, split.train(), precision));
        }
        List<Double> seconds = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            OptionalDouble peak = GemmPeak.gflops(precision);
            JsonObject r = once(workload, split, diagnostics, precision, repeat, peak);
            r.addProperty("warmup_runs", warmups);
            seconds.add(r.get("seconds_per_epoch").getAsDouble());
            out.println(json ? r.toString() : line(r, repeat));
        }
        if (!json) {
            seconds.sort(null);
            out.printf("%s: median %.3f s/epoch over %d runs%n", workload.dataset(), seconds.get(seconds.size() / 2),
                    repeats);
        }
    }

    /** The text output's first line: the network, batch, epochs, precision, and where the peak comes from. */
    private static String heading(Workload w, Dataset train, Precision precision) {
        String network = Arrays.stream(widths(w, train)).mapToObj(String::valueOf).collect(Collectors.joining("-"));
        String gemm = precision == Precision.FLOAT ? "sgemm" : "dgemm";
        return String.format("%s %s, batch %d, %d epoch%s, %s; %s", w.dataset(), network, w.batch(), w.epochs(),
                w.epochs() == 1 ? "" : "s", precision, MatMul.hasFloat32()
                        ? String.format("the peak: %s of %d × %d × %d, before each run", gemm, GemmPeak.SIZE,
                                GemmPeak.SIZE, GemmPeak.SIZE)
                        : "no BLAS peak: the backend is " + MatMul.description());
    }

    /** A run's line of the text output. */
    private static String line(JsonObject r, int repeat) {
        String fraction = r.get("peak_fraction").isJsonNull() ? ""
                : String.format(" (%.2f of the peak, %.0f GFLOPS)", r.get("peak_fraction").getAsDouble(),
                        r.get("gemm_peak_gflops").getAsDouble());
        return String.format("%s run %d: %.3f s/epoch, %.1f µs/step, %.0f samples/s, %.1f GFLOPS%s, test accuracy %.4f, "
                        + "peak heap %.0f MB", r.get("dataset").getAsString(), repeat,
                r.get("seconds_per_epoch").getAsDouble(), r.get("us_per_step").getAsDouble(),
                r.get("samples_per_second").getAsDouble(), r.get("gflops").getAsDouble(), fraction,
                r.get("test_accuracy").getAsDouble(), r.get("peak_heap_mb").getAsDouble());
    }

    /**
     * One training run, timed, as a JSON object.
     *
     * @param peak the BLAS's peak in GFLOPS, for {@code peak_fraction}; empty: none measured
     */
    private static JsonObject once(Workload w, Split split, boolean diagnostics, Precision precision, int repeat,
                                   OptionalDouble peak) {
        Dataset train = split.train();
        Network.Builder<Mlp> builder = Mlp.input(train.features()).init(Init.HE).seed(repeat);
        for (int units : w.hidden()) {
            builder.dense(units, Activation.RELU);
        }
        Mlp model = builder.dense(train.outputs(), Activation.SOFTMAX).build();
        Fit fit = Fit.epochs(w.epochs()).batch(w.batch()).adam(1e-3).seed(repeat).precision(precision).quiet();
        if (!diagnostics) {
            fit = fit.noDiagnostics();
        }
        BatchAllocation perBatch = new BatchAllocation();
        fit = fit.listener(perBatch);
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        model.fit(train, fit);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        double peakMb = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576.0;
        long steps = steps(w, train);
        double gflops = TrainingFlops.perSample(widths(w, train)) * (double) train.size() * w.epochs() / trainSeconds
                / 1e9;
        JsonObject r = new JsonObject();
        r.addProperty("dataset", w.dataset());
        JsonArray hidden = new JsonArray();
        Arrays.stream(w.hidden()).forEach(hidden::add);
        r.add("hidden", hidden);
        r.addProperty("model", model.shape());
        r.addProperty("batch", w.batch());
        r.addProperty("epochs", w.epochs());
        r.addProperty("seconds_per_epoch", trainSeconds / w.epochs());
        r.addProperty("samples_per_second", (double) train.size() * w.epochs() / trainSeconds);
        r.addProperty("us_per_step", trainSeconds / steps * 1e6);
        r.addProperty("gflops", gflops);
        r.addProperty("gemm_peak_gflops", peak.isPresent() ? peak.getAsDouble() : null);
        r.addProperty("gemm_precision", peak.isPresent() ? precision.toString() : null);
        r.addProperty("peak_fraction", peak.isPresent() ? gflops / peak.getAsDouble() : null);
        r.addProperty("test_accuracy", model.evaluate(split.test()).value());
        r.addProperty("peak_heap_mb", peakMb);
        r.addProperty("train_rows", train.size());
        r.addProperty("allocated_bytes_per_step", allocated / steps);
        r.addProperty("allocated_bytes_per_batch", perBatch.bytesPerBatch());
        r.addProperty("diagnostics", diagnostics);
        r.addProperty("precision", precision.toString());
        r.addProperty("backend", MatMul.backend());
        r.addProperty("threads", Runtime.getRuntime().availableProcessors());
        return r;
    }

    /** Mini-batches in a run: {@code epochs · ⌈rows / batch⌉}. */
    private static long steps(Workload w, Dataset train) {
        return (long) w.epochs() * ((train.size() + w.batch() - 1) / w.batch());
    }

    /** The network's layer widths: inputs, hidden layers, outputs. */
    private static int[] widths(Workload w, Dataset train) {
        return IntStream.concat(IntStream.concat(IntStream.of(train.features()), IntStream.of(w.hidden())),
                IntStream.of(train.outputs())).toArray();
    }

    /** The data as {@code tools/peers.py} prepares it: 80/20 stratified; iris standardised, digits ÷ 16, pixels ÷ 255. */
    static Split load(String dataset) throws IOException {
        return switch (dataset) {
            case "iris" -> TableData.of(Datasets.iris()).target("species").standardize().split(0.8, 0);
            case "digits" -> {
                Split raw = TableData.of(Datasets.digits()).target("digit").split(0.8, 0);
                yield new Split(scaled(raw.train(), 16), null, scaled(raw.test(), 16));
            }
            default -> Idx.fashionMnist(0);
        };
    }

    private static Dataset scaled(Dataset data, double divisor) {
        double[][] x = data.x();
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= divisor;
            }
        }
        return Dataset.classification(x, data.labels()).withClassNames(data.targetNames());
    }
}
