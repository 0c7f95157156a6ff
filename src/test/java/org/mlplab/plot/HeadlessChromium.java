package org.mlplab.plot;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A page opened in headless Chromium, for tests of what its scripts do: JavaScript is evaluated
 * in it through the Chrome DevTools Protocol ({@code Runtime.evaluate}), spoken with the JDK's own
 * HTTP and WebSocket clients. Needs Debian's {@code chromium} package: without it {@link #open}
 * fails the test, saying what to install. {@link #close()} ends the browser and every process it
 * started.
 * <pre>{@code
 * try (var page = HeadlessChromium.open(file)) {
 *     page.waitFor("document.readyState == 'complete'");
 *     String title = page.evaluate("document.title");
 * }
 * }</pre>
 */
final class HeadlessChromium implements AutoCloseable {
    /** How long the browser may take to start, to list the page or to answer. */
    private static final long SECONDS = 30;
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on ws://([^/\\s]+)/");

    private final Process process;
    private final Path folder;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonObject>> answers = new ConcurrentHashMap<>();
    private int lastId;

    private HeadlessChromium(Process process, Path folder, String pageSocket) throws IOException, InterruptedException {
        this.process = process;
        this.folder = folder;
        this.socket = join(HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(pageSocket), new Answers()), "connecting to the page");
    }

    /**
     * Starts headless Chromium on {@code page} and connects to it.
     *
     * @throws org.opentest4j.AssertionFailedError if Chromium is not installed or does not start
     */
    static HeadlessChromium open(Path page) throws IOException, InterruptedException {
        Path executable = executable();
        Path folder = Files.createTempDirectory("mlplab-chromium");
        Path log = folder.resolve("stderr.log");
        Process process = new ProcessBuilder(executable.toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--remote-debugging-port=0",
                "--user-data-dir=" + folder.resolve("profile"), page.toUri().toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log.toFile()).start();
        try {
            String host = devToolsHost(process, log);
            return new HeadlessChromium(process, folder, pageSocket(host));
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            stop(process, folder);
            throw e;
        }
    }

    /**
     * The value of a JavaScript expression evaluated in the page, as text (a string as it is,
     * anything else as JSON).
     *
     * @throws AssertionError if the expression throws
     */
    String evaluate(String expression) throws InterruptedException {
        JsonObject params = new JsonObject();
        params.addProperty("expression", expression);
        params.addProperty("returnByValue", true);
        JsonObject command = new JsonObject();
        int id = ++lastId;
        command.addProperty("id", id);
        command.addProperty("method", "Runtime.evaluate");
        command.add("params", params);
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        answers.put(id, answer);
        join(socket.sendText(command.toString(), true), "sending " + expression);
        JsonObject result = join(answer, "evaluating " + expression).getAsJsonObject("result");
        if (result.has("exceptionDetails")) {
            fail("the page threw on '" + expression + "': " + result.get("exceptionDetails"));
        }
        JsonElement value = result.getAsJsonObject("result").get("value");
        return value == null ? "undefined" : value.isJsonPrimitive() ? value.getAsString() : value.toString();
    }

    /** Waits until {@code condition} is true in the page (checked every 50 ms). */
    void waitFor(String condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (!evaluate(condition).equals("true")) {
            if (System.nanoTime() > end) {
                fail("still not true after " + SECONDS + " s: " + condition);
            }
            Thread.sleep(50);
        }
    }

    /** Ends the browser and its processes and removes its profile. */
    @Override
    public void close() {
        socket.abort();
        stop(process, folder);
    }

    /** Ends the browser and every process under it (listed first: once it ends they are not its), removes {@code folder}. */
    private static void stop(Process process, Path folder) {
        List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        all.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** {@code chromium} on the PATH. */
    private static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("this test opens the page in headless Chromium, which is not installed (no 'chromium' on the "
                + "PATH): install the Debian package chromium (apt-get install -y chromium; .ci/run installs it)");
    }

    /** The {@code host:port} of the DevTools server, from the line Chromium prints when it listens. */
    private static String devToolsHost(Process process, Path log) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (System.nanoTime() < end) {
            String printed = Files.readString(log);
            Matcher m = LISTENING.matcher(printed);
            if (m.find()) {
                return m.group(1);
            }
            if (!process.isAlive()) {
                fail("chromium ended with status " + process.exitValue() + " before it listened:\n" + printed);
            }
            Thread.sleep(50);
        }
        return fail("chromium did not listen within " + SECONDS + " s:\n" + Files.readString(log));
    }

    /** The WebSocket address of the page's target, from the DevTools server's list. */
    private static String pageSocket(String host) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest list = HttpRequest.newBuilder(URI.create("http://" + host + "/json/list")).build();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while (System.nanoTime() < end) {
            JsonArray targets = JsonParser.parseString(http.send(list, HttpResponse.BodyHandlers.ofString()).body())
                    .getAsJsonArray();
            for (JsonElement target : targets) {
                JsonObject t = target.getAsJsonObject();
                if (t.get("type").getAsString().equals("page") && t.get("url").getAsString().startsWith("file:")) {
                    return t.get("webSocketDebuggerUrl").getAsString();
                }
            }
            Thread.sleep(50);
        }
        return fail("chromium did not list the page within " + SECONDS + " s");
    }

    private static <T> T join(CompletionStage<T> stage, String what) throws InterruptedException {
        try {
            return stage.toCompletableFuture().get(SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + ": no answer within " + SECONDS + " s", e);
        }
    }

    /** Collects each message from the page and completes the command it answers (events are ignored). */
    private final class Answers implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                JsonObject json = JsonParser.parseString(message.toString()).getAsJsonObject();
                message.setLength(0);
                if (json.has("id")) {
                    answers.remove(json.get("id").getAsInt()).complete(json);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
