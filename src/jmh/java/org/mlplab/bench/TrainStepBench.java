package org.mlplab.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.mlplab.data.Dataset;
import org.mlplab.internal.MatMul;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Init;
import org.mlplab.nn.Mlp;
import org.mlplab.nn.Precision;
import org.mlplab.nn.Parameter;
import org.mlplab.optim.Optimizer;
import org.mlplab.train.Trainer;
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
 * One training step (gather a batch, forward, loss, backward, Adam update: what the trainer does
 * per batch) on random data of each benchmark's shape, trained in double or in float.
 * {@code blas} is set before the {@link MatMul} class loads, in each forked JVM.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainStepBench {
    @Param({"iris", "digits", "fashion"})
    public String workload;

    @Param({"auto", "java"})
    public String blas;

    @Param({"double", "float"})
    public String precision;

    private Mlp model;
    private Dataset data;
    private List<Parameter> parameters;
    private final Optimizer adam = Optimizer.adam(1e-3);
    private final DMatrixRMaj x = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj t = new DMatrixRMaj(1, 1);
    private int[] order;
    private int batch;
    private int from;
    private long step;

    @Setup
    public void setUp() {
        System.setProperty("mlplab.blas", blas);
        System.out.println("\nbackend: " + MatMul.description());
        int[] sizes = switch (workload) {
            case "iris" -> new int[] {4, 16, 3, 16};
            case "digits" -> new int[] {64, 32, 10, 32};
            case "fashion" -> new int[] {784, 256, 128, 10, 128};
            default -> throw new IllegalArgumentException(workload);
        };
        int inputs = sizes[0];
        batch = sizes[sizes.length - 1];
        Mlp.Builder builder = Mlp.input(inputs).init(Init.HE).seed(1);
        for (int l = 1; l < sizes.length - 2; l++) {
            builder.dense(sizes[l], Activation.RELU);
        }
        int classes = sizes[sizes.length - 2];
        model = builder.dense(classes, Activation.SOFTMAX).build();
        int rows = batch * 32;
        SplittableRandom random = new SplittableRandom(2);
        double[][] features = new double[rows][];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            features[r] = random.doubles(inputs, 0, 1).toArray();
            labels[r] = r % classes;
        }
        data = Dataset.classification(features, labels);
        parameters = model.parameters();
        order = IntStream.range(0, rows).toArray();
    }

    @Benchmark
    public double step() {
        Trainer.gather(model, data, order, from, batch, x, t);
        from = (from + batch) % data.size();
        DMatrixRMaj out = model.forward(x, Precision.parse(precision));
        double loss = model.loss().value(model.output().z(), out, t);
        model.backward(x, t);
        step++;
        for (Parameter p : parameters) {
            p.update(adam, 1e-3, step);
        }
        return loss;
    }
}
