package org.mlplab.internal;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one matrix product per backend, for the shapes training actually uses. Divide
 * {@code 2·m·n·k} by the time for GFLOPS.
 *
 * <p>{@code product} is {@code op:m,n,k} with {@code op} one of {@code mult} ({@code a·b}),
 * {@code transA} ({@code aᵀ·b}), {@code transB} ({@code a·bᵀ}); the output is {@code m × n}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MatMulBench {
    @Param({
        "mult:128,256,784",     // Fashion-MNIST layer 1 forward: (128×784)·(784×256)
        "transA:784,256,128",   // Fashion-MNIST layer 1 weight gradient: xᵀ·δ
        "mult:128,128,256",     // Fashion-MNIST layer 2 forward: (128×256)·(256×128)
        "transB:128,256,128",   // Fashion-MNIST δ back through layer 2: δ·Wᵀ
        "mult:32,32,64",        // digits layer 1 forward: (32×64)·(64×32)
        "transA:64,32,32",      // digits layer 1 weight gradient
        "transB:32,32,10",      // digits δ back through layer 2
        "mult:16,16,4",         // iris layer 1 forward
        "mult:16,3,16",         // iris layer 2 forward (the smallest product: where Java vs BLAS would cross)
    })
    public String product;

    @Param({"ejml", "java", "netlib", "bytedeco"})
    public String backend;

    private Gemm gemm;
    private String op;
    private int m;
    private int n;
    private int k;
    private double[] a;
    private double[] b;
    private double[] c;

    @Setup
    public void setUp() {
        gemm = switch (backend) {
            case "ejml" -> new EjmlGemm();
            case "java" -> new JavaGemm();
            case "netlib" -> new NetlibGemm();
            case "bytedeco" -> new BytedecoGemm();
            default -> throw new IllegalArgumentException(backend);
        };
        String[] parts = product.split(":");
        op = parts[0];
        String[] dims = parts[1].split(",");
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        k = Integer.parseInt(dims[2]);
        SplittableRandom random = new SplittableRandom(1);
        a = random.doubles((long) m * k, -1, 1).toArray();
        b = random.doubles((long) k * n, -1, 1).toArray();
        c = new double[m * n];
    }

    @Benchmark
    public double[] product() {
        switch (op) {
            case "mult" -> gemm.mult(m, n, k, a, b, c);
            case "transA" -> gemm.multTransA(m, n, k, a, b, c);
            case "transB" -> gemm.multTransB(m, n, k, a, b, c);
            default -> throw new IllegalArgumentException(op);
        }
        return c;
    }
}
