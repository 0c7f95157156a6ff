package org.mlplab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Small classic datasets bundled with the library, as Tablesaw tables: features as numbers,
 * the target as text (class names) or a number (regression). Sources and licences are listed in
 * {@code src/main/resources/org/mlplab/data/README.md}.
 * <pre>{@code
 * var data = TableData.of(Datasets.iris()).target("species").standardize().split(0.8, 42);
 * }</pre>
 */
public final class Datasets {
    private Datasets() {
    }

    /** Fisher's iris: 150 flowers, 4 measurements in cm, target {@code species} (3 classes of 50). */
    public static Table iris() {
        return read("iris", "species");
    }

    /** Wine recognition: 178 wines, 13 chemical measurements, target {@code cultivar} (59/71/48). */
    public static Table wine() {
        return read("wine", "cultivar");
    }

    /** Breast cancer Wisconsin (diagnostic): 569 samples, 30 features, target {@code diagnosis} (212 malignant, 357 benign). */
    public static Table breastCancer() {
        return read("breast_cancer", "diagnosis");
    }

    /** Optical handwritten digits: 1797 images of 8×8 pixels (0-16) in 64 columns, target {@code digit} ("0"-"9"). */
    public static Table digits() {
        return read("digits", "digit");
    }

    /** Diabetes: 442 patients, 10 baseline variables, target {@code progression} one year later (regression). */
    public static Table diabetes() {
        return read("diabetes", null);
    }

    /** Reads a bundled CSV; the target column (if given) is read as text, every other as a number. */
    private static Table read(String name, String textColumn) {
        try (InputStream in = Datasets.class.getResourceAsStream(name + ".csv")) {
            if (in == null) {
                throw new IllegalStateException("the bundled dataset " + name + ".csv is missing from the jar");
            }
            return Table.read().csv(CsvReadOptions.builder(in).tableName(name)
                    .columnTypes(column -> column.equals(textColumn) ? ColumnType.STRING : ColumnType.DOUBLE).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
