package io.jenkins.plugins.kargo.discovery.image;

/**
 * An {@code os/arch[/variant]} platform, as in an image index entry, an image config or a subscription's
 * {@code platform}. An index entry matches when all three parts are equal, as Kargo's
 * {@code platformConstraint.matches}; a single image's config by {@link #admits}.
 *
 * @param variant empty when there is none
 */
public record Platform(String os, String arch, String variant) {

    public Platform {
        variant = variant == null ? "" : variant;
    }

    /**
     * @throws IllegalArgumentException for text that is not {@code os/arch[/variant]}
     */
    public static Platform parse(String text) {
        String[] parts = text.split("/", 3);
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("platform '" + text + "' is not os/arch[/variant], e.g. linux/arm64/v8");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    /**
     * Whether an image whose config says {@code image} satisfies this constraint: the same os and architecture, and
     * the same variant when the constraint names one ({@code linux/arm64} admits an {@code arm64/v8} image).
     */
    public boolean admits(Platform image) {
        return os.equals(image.os) && arch.equals(image.arch) && (variant.isEmpty() || variant.equals(image.variant));
    }

    @Override
    public String toString() {
        return variant.isEmpty() ? os + "/" + arch : os + "/" + arch + "/" + variant;
    }
}
