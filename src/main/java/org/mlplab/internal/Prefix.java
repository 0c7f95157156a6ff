package org.mlplab.internal;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An unmodifiable view of the first {@code n} elements of a list that is only ever appended to:
 * a snapshot in O(1). Training hands the listeners a {@code History} after every epoch; copying
 * every epoch and statistic recorded so far each time would cost O(epochs²) over a run.
 *
 * <p>The view stays valid, and unchanged, as long as the list is only appended to: nothing may
 * remove or replace its first {@code n} elements.
 */
public final class Prefix<T> extends AbstractList<T> implements RandomAccess {
    private final List<T> appendOnly;
    private final int size;

    private Prefix(List<T> appendOnly) {
        this.appendOnly = appendOnly;
        this.size = appendOnly.size();
    }

    /**
     * The elements {@code appendOnly} holds now, as an unmodifiable list that later appends do not change.
     *
     * @param appendOnly a random-access list that is only ever appended to; not modified
     */
    public static <T> List<T> of(List<T> appendOnly) {
        return new Prefix<>(Objects.requireNonNull(appendOnly, "appendOnly"));
    }

    @Override
    public T get(int index) {
        return appendOnly.get(Objects.checkIndex(index, size));
    }

    @Override
    public int size() {
        return size;
    }
}
