package org.mlplab.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.function.IntFunction;
import org.mlplab.data.Encoding;
import org.mlplab.nn.Activation;
import org.mlplab.nn.Dense;
import org.mlplab.nn.Init;
import org.mlplab.nn.Loss;
import org.mlplab.nn.Network;

/**
 * The model file format: UTF-8 JSON, versioned.
 *
 * <pre>{@code
 * {
 *   "format": "mlplab-model",
 *   "version": 1,                (2 with batch-normalised or residual layers)
 *   "inputs": 4,
 *   "loss": "cross_entropy",
 *   "seed": 42,
 *   "biasInit": 0.0,
 *   "layers": [
 *     {"units": 16, "activation": "relu", "init": "he", "dropout": 0.5, "residual": true,
 *      "projection": [[...16 values...], ...4 rows...],   (a residual layer's, when its width differs)
 *      "batchNorm": {"gamma": [...], "beta": [...], "mean": [...], "variance": [...]},
 *      "weights": [[...16 values...], ...4 rows...], "bias": [...16 values...]},
 *     ...
 *   ],
 *   "encoding": {...},           (optional: how table columns become inputs, see Encoding)
 *   "checksum": "sha256:..."     (optional: of the rest, see checksum; a file without one still loads)
 * }
 * }</pre>
 * A layer's {@code dropout}, {@code residual} and {@code batchNorm} are optional (absent: none). Weights are {@code inputs × units}, row by row. Numbers are written with Java's shortest
 * exact representation, so a round trip gives bit-identical weights and predictions.
 */
public final class ModelFile {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "mlplab-model";
    /**
     * The newest version this library reads (it reads every older one). A file is written as
     * version 1 unless it has batch-normalised or residual layers, which need version 2: a
     * library that knows only version 1 refuses such a file instead of misreading it.
     */
    public static final int VERSION = 2;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private ModelFile() {
    }

    /**
     * Writes {@code model} to {@code file} atomically: a crash never leaves half a file. It is
     * written to a hidden file beside {@code file} (removed if the write fails or the JVM exits
     * first), then moved over it. A file it replaces keeps its permissions; a new one gets those
     * of any new file (the umask's).
     *
     * @throws IOException if the file cannot be written ({@code file} is then left as it was)
     */
    public static void write(Network model, Path file) throws IOException {
        Path target = prepare(file);
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        Files.createFile(tmp);   // no attributes: the permissions of any new file, where createTempFile gives 0600
        tmp.toFile().deleteOnExit();
        try {
            Files.writeString(tmp, GSON.toJson(toJson(model)), StandardCharsets.UTF_8);
            if (Files.exists(target) && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Checks that a model can be written to {@code file}, before the work that makes the model:
     * its folder exists or can be created and is writable, and {@code file} is not a folder.
     *
     * @return {@code file} as an absolute path
     * @throws IOException with a sentence naming the path and what to do
     */
    public static Path prepare(Path file) throws IOException {
        java.util.Objects.requireNonNull(file, "the model file's path is null: give one, e.g. Path.of(\"model.json\")");
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException(file + " is a folder: give a file name, e.g. " + file.resolve("model.json"));
        }
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the folder of " + file + " (" + e.getMessage() + ")", e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot write " + file + ": its folder " + dir + " is not writable");
        }
        return target;
    }

    /**
     * Reads a model written by {@link #write}.
     *
     * @param input the builder of the kind of model to make, e.g. {@code Mlp::input}
     * @throws IOException if the file cannot be read, or is not an MLP Lab model (the message
     *                     says what is wrong with it)
     */
    public static <M extends Network> M read(Path file, IntFunction<Network.Builder<M>> input) throws IOException {
        java.util.Objects.requireNonNull(file, "the model file's path is null: give one, e.g. Path.of(\"model.json\")");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("no such model file: " + file, e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + " is not a readable MLP Lab model file: it is not UTF-8 text (a binary "
                    + "file?); model files are JSON written by Mlp.save", e);
        }
        JsonElement json;
        try {
            json = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            // Gson's message ends with advice to read malformed JSON leniently: not what a user should do
            java.util.regex.Matcher where = java.util.regex.Pattern.compile("at line \\d+ column \\d+")
                    .matcher(String.valueOf(e.getMessage()));
            throw new IOException(file + " is not a readable MLP Lab model file: it is not valid JSON"
                    + (where.find() ? " (" + where.group() + ")" : "") + "; model files are JSON written by Mlp.save "
                    + "or --save (a CSV file is data: give it to --data or TableData)", e);
        }
        if (!json.isJsonObject()) {
            throw new IOException(file + " is not a readable MLP Lab model file: it holds a JSON "
                    + (json.isJsonArray() ? "array" : "value") + ", not the object that Mlp.save writes");
        }
        try {
            return fromJson(json.getAsJsonObject(), input);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
                 | IllegalArgumentException | IndexOutOfBoundsException | NullPointerException e) {
            throw new IOException(file + " is not a readable MLP Lab model file: " + e.getMessage(), e);
        }
    }

    /**
     * The model as a JSON object (the file's content).
     *
     * @throws IllegalArgumentException for a model with an activation or loss of the user's own:
     *                                  a file keeps names, and only the library's pieces can be read back by name
     */
    public static JsonObject toJson(Network model) {
        for (Dense d : model.layers()) {
            requireReadable(d.activation(), d.activation().name(), Activation::parse, "activation");
        }
        requireReadable(model.loss(), model.loss().name(), Loss::parse, "loss");
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        boolean needsTwo = model.layers().stream().anyMatch(d -> d.batchNorm() || d.residual());
        root.addProperty("version", needsTwo ? 2 : 1);
        root.addProperty("inputs", model.inputs());
        root.addProperty("loss", model.loss().name());
        root.addProperty("seed", model.seed());
        root.addProperty("biasInit", model.biasInit());
        JsonArray layers = new JsonArray();
        for (Dense d : model.layers()) {
            JsonObject layer = new JsonObject();
            layer.addProperty("units", d.units());
            layer.addProperty("activation", d.activation().name());
            if (d.dropout() > 0) {
                layer.addProperty("dropout", d.dropout());   // optional: files without it have none
            }
            if (d.residual()) {
                layer.addProperty("residual", true);
                d.projection().ifPresent(p -> layer.add("projection", GSON.toJsonTree(p.toArray())));
            }
            if (d.batchNorm()) {
                JsonObject norm = new JsonObject();
                norm.add("gamma", GSON.toJsonTree(d.scale().orElseThrow().toArray()[0]));
                norm.add("beta", GSON.toJsonTree(d.shift().orElseThrow().toArray()[0]));
                norm.add("mean", GSON.toJsonTree(d.runningMean().orElseThrow()));
                norm.add("variance", GSON.toJsonTree(d.runningVariance().orElseThrow()));
                layer.add("batchNorm", norm);
            }
            layer.addProperty("init", d.init().name());
            layer.add("weights", GSON.toJsonTree(d.weights().toArray()));
            layer.add("bias", GSON.toJsonTree(d.bias().toArray()[0]));
            layers.add(layer);
        }
        root.add("layers", layers);
        model.encoding().ifPresent(e -> root.add("encoding", e.toJson()));
        root.addProperty("checksum", checksum(root));
        return root;
    }

    /**
     * {@code sha256:} and the SHA-256 of the object's compact JSON without its {@code checksum}
     * field: numbers keep the text they were read with, so a file read back gives the same digest,
     * however it is indented, and a changed digit does not.
     */
    static String checksum(JsonObject root) {
        JsonObject content = root.deepCopy();
        content.remove("checksum");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(new Gson().toJson(content).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** The piece is the library's own that its name reads back as. */
    private static void requireReadable(Object piece, String name, java.util.function.Function<String, ?> parse,
                                        String what) {
        Object read;
        try {
            read = parse.apply(name);
        } catch (IllegalArgumentException e) {
            read = null;
        }
        if (!piece.equals(read)) {
            throw new IllegalArgumentException("the " + what + " '" + name + "' is one of your own: a model file "
                    + "names its pieces, and only the library's can be read back; keep the weights with "
                    + "layer(i).weights().toArray() instead");
        }
    }

    /**
     * A model from its JSON object, made by the builder {@code input} gives for its width.
     *
     * @throws IllegalArgumentException when a field is missing or wrong (the message names it)
     */
    public static <M extends Network> M fromJson(JsonObject root, IntFunction<Network.Builder<M>> input) {
        String format = string(root, "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("its format is '" + format + "', expected '" + FORMAT + "'");
        }
        int version = integer(root, "version");
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("it has version " + version + "; this library reads versions 1 to "
                    + VERSION + (version > VERSION ? ": upgrade MLP Lab" : ""));
        }
        if (root.has("checksum") && !checksum(root).equals(string(root, "checksum"))) {
            throw new IllegalArgumentException("its content does not match its checksum: it was changed or damaged after "
                    + "it was saved (to load a file you edited on purpose, delete its \"checksum\" field)");
        }
        Network.Builder<M> builder = input.apply(integer(root, "inputs"))
                .loss(Loss.parse(string(root, "loss")))
                .seed(whole(root, "seed"))
                .biasInit(number(root, "biasInit"));
        if (!field(root, "layers").isJsonArray()) {
            throw new IllegalArgumentException("the field 'layers' must be a list of layers, got " + field(root, "layers"));
        }
        JsonArray layers = field(root, "layers").getAsJsonArray();
        for (JsonElement e : layers) {
            JsonObject layer = e.getAsJsonObject();
            builder.dense(integer(layer, "units"), Activation.parse(string(layer, "activation")),
                    Init.parse(string(layer, "init")));
            if (layer.has("dropout")) {
                builder.dropout(number(layer, "dropout"));
            }
            if (layer.has("residual") && field(layer, "residual").getAsBoolean()) {
                builder.residual();
            }
            if (layer.has("batchNorm")) {
                builder.batchNorm();
            }
        }
        M model = builder.build();
        for (int l = 0; l < layers.size(); l++) {
            JsonObject layer = layers.get(l).getAsJsonObject();
            Dense d = model.layer(l);
            double[][] weights = numbers(layer, "weights", double[][].class, "layer " + (l + 1));
            double[] bias = numbers(layer, "bias", double[].class, "layer " + (l + 1));
            d.weights().set(weights);
            d.bias().set(new double[][] {bias});
            if (d.projection().isPresent()) {
                d.projection().get().set(numbers(layer, "projection", double[][].class, "layer " + (l + 1)));
            }
            if (layer.has("batchNorm")) {
                JsonObject norm = layer.getAsJsonObject("batchNorm");
                String where = "layer " + (l + 1) + "'s batch normalisation";
                d.scale().orElseThrow().set(new double[][] {numbers(norm, "gamma", double[].class, where)});
                d.shift().orElseThrow().set(new double[][] {numbers(norm, "beta", double[].class, where)});
                d.setRunningStatistics(numbers(norm, "mean", double[].class, where),
                        numbers(norm, "variance", double[].class, where));
            }
        }
        if (root.has("encoding")) {
            model.setEncoding(Encoding.fromJson(root.getAsJsonObject("encoding")));
        }
        return model;
    }

    private static JsonElement field(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("the field '" + name + "' is missing");
        }
        return e;
    }

    private static String string(JsonObject o, String name) {
        return field(o, name).getAsString();
    }

    private static int integer(JsonObject o, String name) {
        long value = whole(o, name);
        if (value != (int) value) {
            throw new IllegalArgumentException("the field '" + name + "' is " + value + ", out of range");
        }
        return (int) value;
    }

    private static long whole(JsonObject o, String name) {
        double value = number(o, name);
        if (value != Math.rint(value) || Math.abs(value) > 0x1p53) {
            throw new IllegalArgumentException("the field '" + name + "' must be a whole number, got " + field(o, name));
        }
        return (long) value;
    }

    private static double number(JsonObject o, String name) {
        JsonElement e = field(o, name);
        try {
            return e.getAsDouble();
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException notANumber) {
            throw new IllegalArgumentException("the field '" + name + "' must be a number, got " + e);
        }
    }

    /** A field that holds numbers, e.g. {@code double[][].class}, named in the error if it does not. */
    private static <T> T numbers(JsonObject o, String name, Class<T> type, String where) {
        try {
            return GSON.fromJson(field(o, name), type);
        } catch (JsonParseException | NumberFormatException | IllegalStateException e) {
            throw new IllegalArgumentException(where + "'s '" + name + "' must hold only numbers (" + (type.equals(
                    double[].class) ? "one list" : "a list of rows") + "), got something else");
        }
    }
}
