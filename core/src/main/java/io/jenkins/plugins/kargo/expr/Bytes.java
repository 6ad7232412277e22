package io.jenkins.plugins.kargo.expr;

import java.util.Arrays;

/** A bytes literal's value ({@code b'\xff'}): immutable, compared by content. */
final class Bytes {

    private final byte[] content;

    Bytes(byte[] content) {
        this.content = content.clone();
    }

    int length() {
        return content.length;
    }

    byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes bytes && Arrays.equals(content, bytes.content);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(content);
    }

    /** As Go prints a byte slice: {@code [104 105]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < content.length; i++) {
            out.append(i == 0 ? "" : " ").append(content[i] & 0xff);
        }
        return out.append(']').toString();
    }
}
