package io.jenkins.plugins.kargo.promotion;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * ULIDs (ulid/spec): 48 bits of milliseconds then 80 random bits, in Crockford's base 32, 26 characters. Monotonic
 * as the spec's monotonic generator: within one millisecond (or if the clock steps back) the random part of the
 * previous ULID is incremented, so in one generator lexical order is creation order.
 */
public final class Ulid {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long randomHigh; // 16 bits
    private long randomLow;  // 64 bits

    public Ulid(Clock clock) {
        this.clock = clock;
    }

    public synchronized String next() {
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            randomHigh = random.nextInt(1 << 16);
            randomLow = random.nextLong();
        } else if (++randomLow == 0 && ++randomHigh == 1 << 16) {
            // 2^80 ULIDs in one millisecond: move on to the next one rather than wrap around
            lastMillis++;
            randomHigh = 0;
        }
        char[] out = new char[26];
        encode(lastMillis, out, 0, 10);
        // the 80 random bits as 16 characters: the top 16 bits and the 64 below
        long top = (randomHigh << 24) | (randomLow >>> 40);     // 40 bits: 8 characters
        long bottom = randomLow & 0xFF_FFFF_FFFFL;               // 40 bits: 8 characters
        encode(top, out, 10, 8);
        encode(bottom, out, 18, 8);
        return new String(out);
    }

    private static void encode(long value, char[] out, int offset, int length) {
        for (int i = offset + length - 1; i >= offset; i--) {
            out[i] = ALPHABET[(int) (value & 31)];
            value >>>= 5;
        }
    }
}
