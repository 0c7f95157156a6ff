package org.mlplab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlplab.data.Dataset;
import org.mlplab.model.Mlp;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Init;
import org.mlplab.train.Fit;

class ModelFileTest {
    @TempDir
    Path dir;

    private Mlp trained() {
        Mlp model = Mlp.input(3).dense(8, Activation.leakyRelu(0.05)).dense(5, Activation.elu(0.7))
                .dense(2, Activation.SOFTMAX).init(Init.normal(0.3)).seed(12).build();
        double[][] x = {{0.1, 0.2, 0.3}, {1, -1, 0.5}, {-0.3, 0.8, 2}, {0, 0, 1}};
        model.fit(Dataset.classification(x, new int[] {0, 1, 1, 0}), Fit.epochs(20).batch(2).adam(0.01).quiet());
        return model;
    }

    /** A model file as someone who edits it on purpose leaves it: without its checksum. */
    private static String withoutChecksum(String text) {
        return text.replaceFirst(",\\s*\"checksum\": \"sha256:[0-9a-f]+\"", "");
    }

    private java.util.Set<String> files() throws IOException {
        try (var listing = Files.list(dir)) {
            return listing.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneGetsThoseOfAnyNewFile() throws IOException {
        Mlp model = trained();
        Path file = dir.resolve("model.json");
        Path reference = Files.createFile(dir.resolve("reference"));   // what any new file gets here (the umask)
        model.save(file);
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(file));
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        model.save(file);
        assertEquals("rw-rw-r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)), "a shared file stays readable by the group and others");
        assertEquals(java.util.Set.of("model.json", "reference"), files(), "no temporary file is left");
    }

    @Test
    void aSaveThatCannotBeWrittenSaysWhyAndLeavesNothing() throws IOException {
        Mlp model = trained();
        Files.createDirectory(dir.resolve("folder"));
        var folder = assertThrows(IOException.class, () -> model.save(dir.resolve("folder")));
        assertTrue(folder.getMessage().contains("is a folder: give a file name"), folder.getMessage());
        Files.writeString(dir.resolve("file"), "x");
        var underFile = assertThrows(IOException.class, () -> model.save(dir.resolve("file").resolve("model.json")));
        assertTrue(underFile.getMessage().startsWith("cannot create the folder of"), underFile.getMessage());
        assertEquals(java.util.Set.of("folder", "file"), files());
        assertEquals("x", Files.readString(dir.resolve("file")));
    }

    @Test
    void aRoundTripGivesIdenticalPredictions() throws IOException {
        Mlp model = trained();
        Path file = dir.resolve("model.json");
        model.save(file);
        Mlp loaded = Mlp.load(file);
        double[][] x = {{0.5, 0.25, -1}, {1e-3, 7, 3}, {Math.PI, -Math.E, 0}};
        double[][] expected = model.predict(x);
        double[][] actual = loaded.predict(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0, "bit-identical predictions");
        }
        assertEquals(model.toString(), loaded.toString());
    }

    @Test
    void aCorruptFileGivesAClearError() throws IOException {
        Path file = dir.resolve("model.json");
        trained().save(file);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2));
        var e = assertThrows(IOException.class, () -> Mlp.load(file));
        assertTrue(e.getMessage().contains("not a readable MLP Lab model"), e.getMessage());
    }

    @Test
    void aSmallFileDeclaringHugeLayersGivesAClearErrorNotOutOfMemory() throws IOException {
        Path file = dir.resolve("model.json");
        trained().save(file);
        String huge = Files.readString(file).replaceFirst("\"units\": 8", "\"units\": 400000000");
        assertTrue(huge.contains("400000000"));
        Files.writeString(file, withoutChecksum(huge));   // edited on purpose
        var e = assertThrows(IOException.class, () -> Mlp.load(file));
        assertTrue(e.getMessage().contains("parameters need about"), e.getMessage());
    }

    @Test
    void aChangedDigitIsCaughtByTheChecksumAndAFileWithoutOneStillLoads() throws IOException {
        Path file = dir.resolve("model.json");
        trained().save(file);
        String text = Files.readString(file);
        java.util.regex.Matcher number = java.util.regex.Pattern.compile("\"weights\": \\[\\s*\\[\\s*(-?)(\\d)").matcher(text);
        assertTrue(number.find(), text.substring(0, 300));
        char digit = number.group(2).charAt(0);
        String changed = text.substring(0, number.start(2)) + (char) (digit == '9' ? '8' : digit + 1)
                + text.substring(number.end(2));
        Files.writeString(file, changed);
        var e = assertThrows(IOException.class, () -> Mlp.load(file));
        assertTrue(e.getMessage().contains("does not match its checksum"), e.getMessage());
        // re-indented, it is the same model
        Files.writeString(file, text.replace("\n", "\n  "));
        Mlp.load(file);
        // without a checksum (as files written before it), it loads
        Files.writeString(file, withoutChecksum(changed));
        assertTrue(!Files.readString(file).contains("checksum"));
        Mlp.load(file);
    }

    /**
     * Model files changed by hand (their checksum removed, as someone editing one on purpose would):
     * each is refused with an IOException that names the file and what is wrong, never loaded with
     * other weights and never another exception.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"inputs\": 3|\"inputs\": 0|input",
        "\"inputs\": 3|\"inputs\": -3|input",
        "\"inputs\": 3|\"inputs\": \"three\"|inputs",
        "\"inputs\": 3|\"inputs\": 4|4",
        "\"units\": 8|\"units\": 0|unit",
        "\"units\": 8|\"units\": 9|9",
        "\"units\": 8|\"units\": 8.5|units",
        "\"activation\": \"softmax\"|\"activation\": \"softmin\"|softmin",
        "\"activation\": \"leaky_relu:0.05\"|\"activation\": \"leaky_relu:x\"|leaky_relu:x",
        "\"loss\": \"cross_entropy\"|\"loss\": \"hinge\"|hinge",
        "\"format\": \"mlplab-model\"|\"format\": \"mlplab\"|'mlplab'",
        "\"version\": 1|\"version\": 3|version 3",
        "\"version\": 1|\"version\": \"one\"|version",
        "\"seed\": 12|\"seed\": \"x\"|seed",
        "\"layers\": [|\"layers\": 5, \"was\": [|layers",
        "\"bias\": [|\"bias\": [\"x\", |bias",
        "\"weights\": [|\"weights\": [[], |W1",
        "\"weights\": [|\"weights\": [[\"x\"], |weights",
        "\"biasInit\": 0.0|\"biasInit\": \"zero\"|biasInit",
        "\"init\": \"normal:0.3\"|\"init\": \"normal:-1\"|normal",
    })
    void aHandEditedFileThatCannotBeAModelIsRefused(String from, String to, String named) throws IOException {
        Path file = dir.resolve("model.json");
        trained().save(file);
        String text = withoutChecksum(Files.readString(file));
        assertTrue(text.contains(from), "the file holds " + from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
        var e = assertThrows(IOException.class, () -> Mlp.load(file));
        assertTrue(e.getMessage().startsWith(file + " is not a readable MLP Lab model file: "), e.getMessage());
        assertTrue(e.getMessage().contains(named), "the message should name " + named + ": " + e.getMessage());
        for (String leak : java.util.List.of("Exception", "java.", "For input string", "LENIENT")) {
            assertTrue(!e.getMessage().contains(leak), "no '" + leak + "' in: " + e.getMessage());
        }
    }

    @Test
    void aForeignFileGivesAClearError() throws IOException {
        Path keras = dir.resolve("keras.json");
        Files.writeString(keras, "{\"format\": \"keras\", \"version\": 2}");
        var e = assertThrows(IOException.class, () -> Mlp.load(keras));
        assertTrue(e.getMessage().contains("'keras'"), e.getMessage());

        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, "a,b,c\n1,2,3\n");
        e = assertThrows(IOException.class, () -> Mlp.load(csv));
        assertTrue(e.getMessage().contains("not a readable MLP Lab model"), e.getMessage());
        assertTrue(e.getMessage().contains("a CSV file is data"), e.getMessage());
        assertTrue(!e.getMessage().contains("LENIENT"), "no advice to read malformed JSON: " + e.getMessage());

        e = assertThrows(IOException.class, () -> Mlp.load(dir.resolve("nowhere.json")));
        assertEquals("no such model file: " + dir.resolve("nowhere.json"), e.getMessage());

        Path png = dir.resolve("chart.png");   // binary: not even UTF-8
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', (byte) 0xff, (byte) 0xfe});
        e = assertThrows(IOException.class, () -> Mlp.load(png));
        assertTrue(e.getMessage().contains("not a readable MLP Lab model") && e.getMessage().contains("UTF-8"),
                e.getMessage());

        Path array = dir.resolve("array.json");
        Files.writeString(array, "[1, 2, 3]");
        e = assertThrows(IOException.class, () -> Mlp.load(array));
        assertTrue(e.getMessage().endsWith("not a readable MLP Lab model file: it holds a JSON array, not the object "
                + "that Mlp.save writes"), e.getMessage());

        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, "{\"format\": \"mlplab-model\", \"version\": 9}");
        e = assertThrows(IOException.class, () -> Mlp.load(newer));
        assertTrue(e.getMessage().contains("upgrade"), e.getMessage());
    }

    @Test
    void aWrongWeightShapeIsNamed() throws IOException {
        Path file = dir.resolve("model.json");
        trained().save(file);
        Files.writeString(file, withoutChecksum(Files.readString(file).replaceFirst("\"units\": 8", "\"units\": 7")));
        var e = assertThrows(IOException.class, () -> Mlp.load(file));
        assertTrue(e.getMessage().contains("W1"), e.getMessage());
    }
}
