package org.mlplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlplab.model.Mlp;

/**
 * The command line's bad-input suite: every case of {@code bad-arguments.txt} (the arguments, with
 * {@code {name}} standing for a file made here, then {@code |} and a text the message must hold)
 * ends with exit code 2 and one {@code error:} line that says what was wrong — no stack trace, no
 * exception's name, no training started — and leaves every file as it was.
 */
class BadArgumentsTest {
    @TempDir
    static Path dir;
    private static final Map<String, Path> FILES = new TreeMap<>();

    static Stream<String> cases() throws IOException {
        try (InputStream in = BadArgumentsTest.class.getResourceAsStream("bad-arguments.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList()
                    .stream();
        }
    }

    @BeforeEach
    void makeFiles() throws IOException {
        if (!FILES.isEmpty()) {
            return;
        }
        List<String> wine;
        try (InputStream in = Mlp.class.getResourceAsStream("/org/mlplab/data/wine.csv")) {
            wine = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        FILES.put("wine", Files.write(dir.resolve("wine.csv"), wine));
        FILES.put("dir", dir);
        FILES.put("empty", Files.writeString(dir.resolve("empty.csv"), ""));
        FILES.put("binary", Files.write(dir.resolve("binary.csv"), new byte[] {'a', 0, 1, 2, 'b', 0}));
        Path zip = dir.resolve("wine.xlsx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("xl/workbook.xml"));
            out.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
        }
        FILES.put("zip", zip);
        FILES.put("semicolons", Files.write(dir.resolve("semicolons.csv"), wine.stream().map(l -> l.replace(',', ';')).toList()));
        FILES.put("tabs", Files.write(dir.resolve("tabs.csv"), wine.stream().map(l -> l.replace(',', '\t')).toList()));
        FILES.put("gap", Files.write(dir.resolve("gap.csv"), edit(wine, 5, l -> l.replaceFirst("^[^,]*,", ","))));
        FILES.put("gaptarget", Files.write(dir.resolve("gaptarget.csv"), edit(wine, 5, l -> l.replaceFirst(",[^,]*$", ","))));
        FILES.put("textcell", Files.write(dir.resolve("textcell.csv"), edit(wine, 5, l -> l.replaceFirst("^[^,]*,", "abc,"))));
        FILES.put("quoted", Files.write(dir.resolve("quoted.csv"), edit(wine, 5, l -> l.replaceFirst("^([0-9]+)\\.([0-9]+),",
                "\"$1,$2\","))));
        FILES.put("onerow", Files.write(dir.resolve("onerow.csv"), wine.subList(0, 2)));
        FILES.put("header", Files.write(dir.resolve("header.csv"), wine.subList(0, 1)));
        FILES.put("oneclass", Files.write(dir.resolve("oneclass.csv"), wine.stream()
                .filter(l -> l.startsWith("alcohol") || l.endsWith("class_0")).toList()));
        FILES.put("nofeatures", Files.write(dir.resolve("nofeatures.csv"), wine.stream()
                .map(l -> l.substring(l.lastIndexOf(',') + 1)).toList()));
        FILES.put("manycats", Files.write(dir.resolve("manycats.csv"), IntStream.range(0, wine.size())
                .mapToObj(i -> (i == 0 ? "name" : "n" + i) + "," + wine.get(i)).toList()));
    }

    private static List<String> edit(List<String> lines, int index, java.util.function.UnaryOperator<String> change) {
        List<String> edited = new ArrayList<>(lines);
        edited.set(index, change.apply(edited.get(index)));
        return edited;
    }

    private static Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), java.util.Arrays.toString(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void isRefusedWithAMessageThatSaysWhatIsWrong(String line) throws IOException {
        String[] parts = line.split("\\|", 2);
        List<String> args = new ArrayList<>();
        for (String word : parts[0].trim().split(" ")) {
            String arg = word.equals("\"\"") ? "" : word;
            for (var file : FILES.entrySet()) {
                arg = arg.replace("{" + file.getKey() + "}", file.getValue().toString());
            }
            args.add(arg);
        }
        Map<String, String> before = snapshot();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, "exit code for " + args + "; stderr: " + message);
        assertTrue(message.startsWith("error: ") && message.contains(parts[1]),
                "the message should say '" + parts[1] + "': " + message);
        for (String leak : List.of("\tat ", "Exception", "java.lang", "For input string", "null")) {
            assertFalse(message.contains(leak), "no '" + leak + "' in a message for people: " + message);
        }
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("epoch 1/"), "refused before training");
        assertEquals(before, snapshot(), "no file was changed or written");
    }
}
