package org.mlplab.bench;

import java.lang.management.ManagementFactory;
import org.mlplab.nn.Network;
import org.mlplab.train.Fit;
import org.mlplab.train.TrainingListener;

/**
 * Measures what the training thread allocates per mini-batch, apart from per-epoch bookkeeping:
 * it reads the thread's allocation counter after every batch and adds up the differences between
 * two consecutive batches of the same epoch (the step from an epoch's last batch to the next
 * epoch's first one, which includes the epoch's summary and listeners, is left out). Everything
 * the trainer and the other listeners (diagnostics included) do for those batches is counted.
 *
 * <p>Reading the counter costs well under a microsecond, so it stays on in timed runs.
 */
final class BatchAllocation implements TrainingListener {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long last = -1;
    private int lastEpoch;
    private long bytes;
    private long intervals;

    @Override
    public void onStart(Network model, Fit fit, int batchesPerEpoch) {
        last = -1;
    }

    @Override
    public void onBatch(Network model, int epoch, int batch, long step, double loss) {
        long now = threads.getCurrentThreadAllocatedBytes();
        record(epoch, now);
    }

    /** Adds the allocation since the previous batch when it was in the same epoch. */
    void record(int epoch, long allocatedSoFar) {
        if (last >= 0 && epoch == lastEpoch) {
            bytes += allocatedSoFar - last;
            intervals++;
        }
        last = allocatedSoFar;
        lastEpoch = epoch;
    }

    /** Mean bytes allocated per mini-batch within an epoch; 0 when no two batches shared an epoch. */
    double bytesPerBatch() {
        return intervals == 0 ? 0 : (double) bytes / intervals;
    }
}
