package org.mlplab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mlplab.nn.Network;

/**
 * The package layering, read from the compiled classes: each package may use only the packages
 * listed before it, so dependencies run one way (no cycle) and the engine can be read alone.
 */
class ArchitectureTest {
    /** Bottom to top, as the README's layout section describes them. */
    static final List<String> LAYERS = List.of(
            "internal", "data", "optim", "nn", "autodiff", "diagnostics", "train", "io", "model", "plot", "notebook", "bench", "cli");

    private static final Pattern REFERENCE = Pattern.compile("org/mlplab/(\\w+)/");

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
        List<String> upward = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        for (Path file : classFiles()) {
            String own = packageOf(file);
            packages.add(own);
            // a class file names every class it uses in its constant pool, as org/mlplab/<package>/<Name>
            Matcher m = REFERENCE.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            Set<String> used = new TreeSet<>();
            while (m.find()) {
                used.add(m.group(1));
            }
            for (String other : used) {
                if (LAYERS.indexOf(other) > LAYERS.indexOf(own)) {
                    upward.add(own + "/" + file.getFileName() + " uses " + other);
                }
            }
        }
        assertEquals(new TreeSet<>(LAYERS), packages, "every package has its place in LAYERS");
        assertEquals(List.of(), upward, "dependencies pointing up the layers " + LAYERS);
    }

    /** The public API speaks {@code double[][]}, tables and the library's types; EJML stays inside the engine. */
    @Test
    void noPublicSignatureOutsideInternalMentionsEjml() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Path file : classFiles()) {
            if (packageOf(file).equals("internal")) {
                continue;
            }
            String name = classesRoot().relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            List<Member> members = new ArrayList<>();
            members.addAll(List.of(type.getDeclaredMethods()));
            members.addAll(List.of(type.getDeclaredConstructors()));
            members.addAll(List.of(type.getDeclaredFields()));
            for (Member member : members) {
                int modifiers = member.getModifiers();
                if ((Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers))
                        && signature(member).contains("org.ejml")) {
                    leaks.add(name + ": " + signature(member));
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void theTestSeesTheCompiledClasses() throws IOException {
        assertTrue(classFiles().size() > 50, "the compiled main classes are found: " + classesRoot());
    }

    private static String signature(Member member) {
        if (member instanceof java.lang.reflect.Method method) {
            return method.toGenericString();
        }
        if (member instanceof java.lang.reflect.Constructor<?> constructor) {
            return constructor.toGenericString();
        }
        return ((java.lang.reflect.Field) member).toGenericString();
    }

    private static String packageOf(Path file) {
        return classesRoot().resolve("org/mlplab").relativize(file).getName(0).toString();
    }

    private static List<Path> classFiles() throws IOException {
        try (Stream<Path> files = Files.walk(classesRoot().resolve("org/mlplab"))) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.getParent().endsWith("org/mlplab")).sorted()
                    .toList();
        }
    }

    private static Path classesRoot() {
        try {
            return Path.of(Network.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
