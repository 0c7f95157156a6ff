package org.mlplab;

import org.mlplab.data.Dataset;
import org.mlplab.data.Datasets;
import org.mlplab.data.TableData;

/** Real bundled datasets for the tests, every row, features standardised. */
public final class RealData {
    private RealData() {
    }

    /** The 1797 8×8 digits: 64 standardised features, 10 classes. */
    public static Dataset digits() {
        return TableData.of(Datasets.digits()).target("digit").standardize().all();
    }

    /** Diabetes: 442 rows, 10 standardised features, the disease progression as regression target. */
    public static Dataset diabetes() {
        return TableData.of(Datasets.diabetes()).target("progression").standardize().all();
    }
}
