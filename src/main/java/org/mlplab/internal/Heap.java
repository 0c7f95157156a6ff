package org.mlplab.internal;

import java.util.function.LongFunction;

/** The Java heap: work that cannot fit in it is refused before anything is allocated. */
public final class Heap {
    private Heap() {
    }

    /**
     * Refuses {@code bytes} that do not fit in the free heap, with the numbers and what to do:
     * {@code need(megabytes)}, then ", but the Java heap has F MB free of M MB: {@code fix}, or give
     * Java more memory (-Xmx)".
     *
     * @throws IllegalArgumentException when {@code bytes} exceed the heap that is free
     */
    public static void require(long bytes, LongFunction<String> need, String fix) {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bytes > free) {
            throw new IllegalArgumentException(need.apply(bytes >> 20) + String.format(", but the Java heap has %,d MB "
                    + "free of %,d MB: %s, or give Java more memory (-Xmx)", free >> 20, runtime.maxMemory() >> 20, fix));
        }
    }
}
