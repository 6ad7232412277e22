package io.jenkins.plugins.kargo.expr;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * {@code from..to}: the integers from {@code from} to {@code to}, both included, as a read-only list that is never
 * materialised (a range of a million elements costs two longs). Its size is checked against the limit when it is
 * made, and whatever walks it pays a step per element.
 */
final class IntRange extends AbstractList<Object> implements RandomAccess {

    private final long from;
    private final int size;

    IntRange(long from, int size) {
        this.from = from;
        this.size = size;
    }

    @Override
    public Object get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return from + index;
    }

    @Override
    public int size() {
        return size;
    }
}
