package io.jenkins.plugins.kargo.verification;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;

/**
 * A Prometheus vector of exactly one finite number, as a condition sees it: a number (so the seed's
 * {@code result < 0.05} compares its value) that is also the one-element list Argo Rollouts hands over (so
 * {@code result[0]} and {@code len(result)} keep working). The expression engine reads a {@link Number} that is also
 * a {@link List} as both: a number to compare and compute with, a list to index and measure. Read-only.
 */
final class SingleValueVector extends BigDecimal implements List<Number> {

    private static final long serialVersionUID = 1L;

    private final List<Number> elements;

    SingleValueVector(Number value) {
        super(value.toString()); // the decimal the value prints as, as for a literal: 0.05 stays 0.05
        this.elements = List.of(value);
    }

    /** The vector as a condition should see it: a one-element list of a finite number becomes a {@code SingleValueVector}. */
    static Object of(Object result) {
        if (result instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Number number
                && Double.isFinite(number.doubleValue())) {
            return new SingleValueVector(number);
        }
        return result;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public boolean contains(Object o) {
        return elements.contains(o);
    }

    @Override
    public Iterator<Number> iterator() {
        return elements.iterator();
    }

    @Override
    public Object[] toArray() {
        return elements.toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return elements.toArray(a);
    }

    @Override
    public boolean add(Number e) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean remove(Object o) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        return elements.containsAll(c);
    }

    @Override
    public boolean addAll(Collection<? extends Number> c) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean addAll(int index, Collection<? extends Number> c) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public Number get(int index) {
        return elements.get(index);
    }

    @Override
    public Number set(int index, Number element) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void add(int index, Number element) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public Number remove(int index) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    public int indexOf(Object o) {
        return elements.indexOf(o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return elements.lastIndexOf(o);
    }

    @Override
    public ListIterator<Number> listIterator() {
        return elements.listIterator();
    }

    @Override
    public ListIterator<Number> listIterator(int index) {
        return elements.listIterator(index);
    }

    @Override
    public List<Number> subList(int fromIndex, int toIndex) {
        return elements.subList(fromIndex, toIndex);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    /** The value itself: {@link BigDecimal#doubleValue()} would parse {@link #toString()}, the list's text. */
    @Override
    public double doubleValue() {
        return elements.get(0).doubleValue();
    }

    @Override
    public float floatValue() {
        return elements.get(0).floatValue();
    }

    @Override
    public String toString() {
        return elements.toString();
    }
}
