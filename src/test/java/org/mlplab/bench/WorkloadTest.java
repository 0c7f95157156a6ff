package org.mlplab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WorkloadTest {
    @Test
    void theWorkloadsOfPeersPy() {
        Workload fashion = Workload.of("fashion");
        assertArrayEquals(new int[] {256, 128}, fashion.hidden());
        assertEquals(128, fashion.batch());
        assertEquals(5, fashion.epochs());
        assertArrayEquals(new int[] {16}, Workload.of("iris").hidden());
        assertEquals(32, Workload.of("digits").batch());
    }

    @Test
    void refusesWhatCannotBeTrained() {
        assertEquals("unknown dataset 'mnist': use iris, digits or fashion",
                assertThrows(IllegalArgumentException.class, () -> Workload.of("mnist")).getMessage());
        assertEquals("--hidden needs layer widths of at least 1, like 256,128, got [64, 0]",
                assertThrows(IllegalArgumentException.class, () -> new Workload("iris", new int[] {64, 0}, 16, 1))
                        .getMessage());
        assertEquals("--batch must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Workload("iris", new int[] {16}, 0, 1))
                        .getMessage());
        assertEquals("--epochs must be at least 1, got -2",
                assertThrows(IllegalArgumentException.class, () -> new Workload("iris", new int[] {16}, 16, -2))
                        .getMessage());
    }

    @Test
    void keepsItsOwnWidths() {
        int[] widths = {64, 32};
        Workload w = new Workload("digits", widths, 32, 1);
        widths[0] = 0;
        w.hidden()[1] = 0;
        assertArrayEquals(new int[] {64, 32}, w.hidden());
    }
}
