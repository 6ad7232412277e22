package io.jenkins.plugins.kargo.api;

/** A named value for promotion steps ({@code vars[]{name, value}}); the value may hold {@code ${{ }}} expressions. */
public record ExpressionVariable(String name, String value) {
}
