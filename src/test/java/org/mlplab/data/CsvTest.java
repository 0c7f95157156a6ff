package org.mlplab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class CsvTest {
    @TempDir
    Path dir;

    @Test
    void aColumnIsNumericOnlyWhenEveryCellIsANumberOrMissing() throws IOException {
        Path file = Files.writeString(dir.resolve("t.csv"), "a,b,c,d\n1,x,\"5,1\",2e3\nNA,y,4,\n-0.5,z,3,?\n");
        Table table = Csv.read(file, ',');
        DoubleColumn a = (DoubleColumn) table.column("a");
        assertEquals(1, a.get(0));
        assertTrue(a.isMissing(1), "NA is a missing number");
        assertEquals(-0.5, a.get(2));
        assertTrue(table.column("b") instanceof StringColumn);
        StringColumn c = (StringColumn) table.column("c");
        assertEquals("5,1", c.get(0), "a quoted 5,1 is not 51: the column stays text");
        DoubleColumn d = (DoubleColumn) table.column("d");
        assertEquals(2000, d.get(0));
        assertTrue(d.isMissing(1) && d.isMissing(2));
        // and the encoding names the cell that kept a numeric column text
        StringBuilder rows = new StringBuilder("x,y\n\"5,1\",0\n");
        for (int r = 1; r < 20; r++) {
            rows.append(r).append(',').append(r % 2).append('\n');
        }
        Table numbers = Csv.read(Files.writeString(dir.resolve("n.csv"), rows), ',');
        var e = assertThrows(IllegalArgumentException.class, () -> TableData.of(numbers).target("y").all());
        assertTrue(e.getMessage().contains("column 'x' holds numbers but for 1 of its 20 values, so it was read as text: "
                + "row 0 (line 2 of a CSV file with a header): '5,1'"), e.getMessage());
    }

    @Test
    void theBundledFilesReadAsTablesawReadsThem() throws IOException {
        Path file = dir.resolve("iris.csv");
        try (var in = Csv.class.getResourceAsStream("iris.csv")) {
            Files.copy(in, file);
        }
        Table strict = Csv.read(file, ',');
        Table bundled = Datasets.iris();
        assertEquals(bundled.columnNames(), strict.columnNames());
        for (int c = 0; c < 4; c++) {
            for (int r = 0; r < bundled.rowCount(); r++) {
                assertEquals(((DoubleColumn) bundled.column(c)).get(r), ((DoubleColumn) strict.column(c)).get(r));
            }
        }
        assertEquals(bundled.stringColumn("species").asList(), strict.stringColumn("species").asList());
    }
}
