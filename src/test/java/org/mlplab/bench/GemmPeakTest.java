package org.mlplab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlplab.internal.MatMul;
import org.mlplab.nn.Precision;

/** What the peak measurement returns; not how fast it is (the machine is shared). */
class GemmPeakTest {
    @ParameterizedTest
    @EnumSource(Precision.class)
    void isAPositiveNumberWithANativeBlasAndAbsentWithout(Precision precision) {
        OptionalDouble peak = GemmPeak.gflops(precision);
        assertEquals(MatMul.hasFloat32(), peak.isPresent(), MatMul.description());
        peak.ifPresent(gflops -> assertTrue(gflops > 0 && Double.isFinite(gflops), "GFLOPS: " + gflops));
    }
}
