package io.jenkins.plugins.kargo.freight;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Human-friendly Freight aliases, {@code <adjective>-<animal>} in Docker's style ({@code steady-otter}), as Kargo
 * gives them. Uniqueness within a project is the store's job: it asks for candidates until one is unused.
 * With a seeded {@link Random} the sequence of candidates is reproducible.
 */
public final class FreightAliases {

    /** After this many taken candidates a number is appended, so a nearly full project still gets an alias. */
    static final int PLAIN_ATTEMPTS = 32;

    private static final List<String> ADJECTIVES = words("adjectives.txt");
    private static final List<String> ANIMALS = words("animals.txt");

    private final RandomGenerator random;

    /** {@code random} must be safe for concurrent use if the aliases are; {@link Random} is. */
    public FreightAliases(RandomGenerator random) {
        this.random = random;
    }

    /** Aliases from an unseeded generator. */
    public static FreightAliases unseeded() {
        return new FreightAliases(new Random());
    }

    /**
     * The candidate for the given attempt (0 for the first): {@code adjective-animal}, and from attempt
     * {@value #PLAIN_ATTEMPTS} on {@code adjective-animal-<attempt>}.
     */
    public String candidate(int attempt) {
        String plain = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + ANIMALS.get(random.nextInt(ANIMALS.size()));
        return attempt < PLAIN_ATTEMPTS ? plain : plain + "-" + attempt;
    }

    /** How many distinct plain aliases exist. */
    public static int combinations() {
        return ADJECTIVES.size() * ANIMALS.size();
    }

    private static List<String> words(String resource) {
        try (InputStream in = FreightAliases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing word list " + resource + " next to " + FreightAliases.class);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
