package io.jenkins.plugins.kargo.api;

/**
 * Where a value was written: file, 1-based line and the field's path (e.g. {@code spec.subscriptions[0].image.constraint}).
 * Every configuration error names one, so the user knows exactly what to fix.
 */
public record SourceLocation(String file, int line, String field) {

    public static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 0, "");

    public SourceLocation at(String childField, int childLine) {
        return new SourceLocation(file, childLine > 0 ? childLine : line, field.isEmpty() ? childField : field + "." + childField);
    }

    @Override
    public String toString() {
        return file + ":" + line + (field.isEmpty() ? "" : " " + field);
    }
}
