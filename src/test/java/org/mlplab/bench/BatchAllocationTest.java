package org.mlplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlplab.data.Dataset;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Network;
import org.mlplab.nn.Precision;
import org.mlplab.train.Fit;
import org.mlplab.train.TrainingListener;

class BatchAllocationTest {
    @Test
    void countsOnlyBetweenBatchesOfTheSameEpoch() {
        BatchAllocation a = new BatchAllocation();
        a.record(1, 1000);        // first batch: nothing to compare with
        a.record(1, 1100);        // +100
        a.record(1, 1300);        // +200
        a.record(2, 9000);        // epoch boundary: left out
        a.record(2, 9000);        // +0
        assertEquals(100.0, a.bytesPerBatch(), 1e-12);   // (100 + 200 + 0) / 3
    }

    @Test
    void zeroWithOneBatchPerEpoch() {
        BatchAllocation a = new BatchAllocation();
        a.record(1, 10);
        a.record(2, 500);
        a.record(3, 900);
        assertEquals(0.0, a.bytesPerBatch());
    }

    /**
     * The training loop reuses its buffers: with diagnostics off, a mini-batch allocates nothing,
     * in either precision, from the first epoch on (before and after the JIT compiles the loop).
     * The median over the batches is what must be 0: the JVM itself allocates a few hundred bytes
     * now and then in a run (when compiled code falls back to the interpreter, for example),
     * while anything the loop allocated would show in every batch.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void theTrainingLoopAllocatesNothingPerBatch(Precision precision) {
        SplittableRandom random = new SplittableRandom(1);
        double[][] x = new double[640][20];
        int[] labels = new int[x.length];
        for (int r = 0; r < x.length; r++) {
            labels[r] = r % 4;
            for (int c = 0; c < x[r].length; c++) {
                x[r][c] = random.nextGaussian() + (c % 4 == labels[r] ? 1 : 0);
            }
        }
        Mlp model = Mlp.input(20).dense(32, Activation.RELU).dense(16, Activation.TANH).dense(4, Activation.SOFTMAX)
                .seed(1).build();
        int epochs = 10;
        int batches = 20;
        long[] allocated = new long[epochs * batches];   // the thread's counter after each batch
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        TrainingListener counter = new TrainingListener() {
            @Override
            public void onBatch(Network m, int epoch, int batch, long step, double loss) {
                allocated[(int) step - 1] = threads.getCurrentThreadAllocatedBytes();
            }
        };
        model.fit(Dataset.classification(x, labels), Fit.epochs(epochs).batch(32).adam(1e-3).l2(1e-4).clipNorm(10)
                .precision(precision).noDiagnostics().listener(counter).quiet());
        long[] perBatch = new long[epochs * (batches - 1)];   // within an epoch: from one batch to the next
        for (int e = 0, i = 0; e < epochs; e++) {
            for (int b = 1; b < batches; b++) {
                perBatch[i++] = allocated[e * batches + b] - allocated[e * batches + b - 1];
            }
        }
        java.util.Arrays.sort(perBatch);
        assertEquals(0, perBatch[perBatch.length / 2], "median bytes allocated per mini-batch; all of them: "
                + java.util.Arrays.toString(perBatch));
    }
}
