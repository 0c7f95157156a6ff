package org.mlplab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads a CSV file strictly, where a cell is never re-interpreted without a word: a column is
 * numeric only when every cell is a plain number ({@code 5}, {@code -0.25}, {@code 1e-3}) or
 * missing ({@code ""}, {@code NA}, {@code N/A}, {@code NaN}, {@code ?}); anything else keeps the
 * column as text, so that {@link TableData} names the odd cells. (Tablesaw's own reader reads a
 * quoted {@code "5,1"} as 51.) A file that is empty, binary, a spreadsheet, or separated by another
 * character than the one given gets an error that says so.
 */
public final class Csv {
    /** A number as a CSV file writes it. */
    static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    /** Cells that mean "no value" in a numeric column. */
    private static final Set<String> MISSING = Set.of("", "NA", "N/A", "NaN", "nan", "?");

    private Csv() {
    }

    /**
     * The table in {@code file}, its first line the column names.
     *
     * @param separator the character between cells, e.g. {@code ','} or {@code ';'}
     * @throws IllegalArgumentException naming the file and what it is, when it is not such a CSV file
     */
    public static Table read(Path file, char separator) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        }
        if (head.length == 0) {
            throw new IllegalArgumentException(file + " is empty: give a CSV file with a header row and data rows");
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            throw new IllegalArgumentException(file + " is a zip file (an .xlsx or .ods spreadsheet?), not CSV: save "
                    + "it as CSV from the spreadsheet program");
        }
        for (byte b : head) {
            if (b == 0) {
                throw new IllegalArgumentException(file + " is a binary file, not CSV text");
            }
        }
        String header;
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            header = lines.findFirst().orElse("");
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text: save it as a UTF-8 CSV file");
        }
        if (header.indexOf(separator) < 0) {
            for (char other : new char[] {';', '\t', '|', ','}) {
                long count = header.chars().filter(c -> c == other).count();
                if (other != separator && count > 0) {
                    String shown = other == '\t' ? "\\t" : String.valueOf(other);
                    throw new IllegalArgumentException(file + "'s header has no '" + separator + "' but " + count + " '"
                            + shown + "': it looks separated by those; add --delimiter '" + shown + "' (in Java: "
                            + "Csv.read(file, '" + shown + "'))");
                }
            }
        }
        long columns = header.chars().filter(c -> c == separator).count() + 1;
        Table text;
        try {
            text = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).separator(separator)
                    .maxNumberOfColumns((int) Math.max(10_000, 2 * columns)).columnTypes(name -> ColumnType.STRING));
        } catch (RuntimeException e) {
            // the parser's message goes on with its whole configuration: its first line says what happened
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            throw new IllegalArgumentException("cannot read " + file + " as CSV: " + reason
                    + (reason.contains("maximum number of characters") ? " (a quote \" that is never closed?)" : ""));
        }
        Table table = Table.create(text.name());
        for (String name : text.columnNames()) {
            table.addColumns(typed(text.stringColumn(name)));
        }
        return table;
    }

    /** The column as numbers when every cell is a number or missing; else as text (missing cells empty). */
    private static Column<?> typed(StringColumn cells) {
        boolean numbers = false;
        for (int r = 0; r < cells.size(); r++) {
            String cell = cells.get(r).trim();
            if (MISSING.contains(cell)) {
                continue;
            }
            if (!NUMBER.matcher(cell).matches()) {
                return cells.map(c -> MISSING.contains(c.trim()) ? "" : c);
            }
            numbers = true;
        }
        if (!numbers) {
            return cells;
        }
        DoubleColumn column = DoubleColumn.create(cells.name(), cells.size());
        for (int r = 0; r < cells.size(); r++) {
            String cell = cells.get(r).trim();
            if (MISSING.contains(cell)) {
                column.setMissing(r);
            } else {
                column.set(r, Double.parseDouble(cell));
            }
        }
        return column;
    }
}
