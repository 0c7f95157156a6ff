package org.mlplab.cli;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag} switches, checked against the names a command knows. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    /**
     * @param args    the command's arguments
     * @param options names taking a value
     * @param switches names without a value
     * @throws IllegalArgumentException for an unknown name or a missing value
     */
    Args(String[] args, List<String> options, List<String> switches) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name) && inline == null) {
                flags.add(name);
            } else if (options.contains(name)) {
                if (inline == null && i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                values.put(name, inline != null ? inline : args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option --" + name + "; known: --"
                        + String.join(", --", options) + (switches.isEmpty() ? "" : ", --" + String.join(", --", switches)));
            }
        }
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    int integer(String name, int fallback) {
        long v = whole(name, fallback);
        if (v != (int) v) {
            throw new IllegalArgumentException("--" + name + " must be at most " + Integer.MAX_VALUE + " (and at least "
                    + Integer.MIN_VALUE + "), got " + v);
        }
        return (int) v;
    }

    long whole(String name, long fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + (v.trim().matches("[-+]?\\d+")
                    ? " must be between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE : " needs a whole number")
                    + ", got '" + v + "'");
        }
    }

    /** Layer widths like {@code 32,16}: whole numbers of at least 1, separated by commas. */
    int[] widths(String name, int[] fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int[] widths = Arrays.stream(v.split(",", -1)).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (Arrays.stream(widths).anyMatch(w -> w < 1)) {
                throw new NumberFormatException();
            }
            return widths;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs layer widths like 32,16, got '" + v + "'");
        }
    }

    double number(String name, double fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number, got '" + v + "'");
        }
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
