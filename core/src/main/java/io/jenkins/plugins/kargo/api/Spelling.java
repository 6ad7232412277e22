package io.jenkins.plugins.kargo.api;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean ...?": the known name closest to a misspelt one, if it is close enough to be a likely typo. */
final class Spelling {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Spelling() {
    }

    static Optional<String> closest(String written, Collection<String> known) {
        String lower = written.toLowerCase(java.util.Locale.ROOT);
        // a third of the name may be wrong (at least 2 edits), or the case alone
        int allowed = Math.max(2, written.length() / 3);
        return known.stream()
                .filter(k -> k.toLowerCase(java.util.Locale.ROOT).equals(lower)
                        || DISTANCE.apply(lower, k.toLowerCase(java.util.Locale.ROOT)) <= allowed)
                .min(Comparator.comparingInt(k -> DISTANCE.apply(lower, k.toLowerCase(java.util.Locale.ROOT))));
    }

    /** A fix text: "did you mean 'x'?" or the list of accepted names. */
    static String suggest(String written, Collection<String> known, String what) {
        return closest(written, known)
                .map(k -> "did you mean '" + k + "'?")
                .orElse(what + " " + String.join(", ", known.stream().sorted().toList()));
    }
}
