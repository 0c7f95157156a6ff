package org.mlplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

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
}
