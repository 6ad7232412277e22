package io.jenkins.plugins.kargo.discovery.image;

import io.jenkins.plugins.kargo.api.ImageSubscription;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveredImage;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.discovery.Subscriber;
import io.jenkins.plugins.kargo.events.EventSink;
import io.jenkins.plugins.kargo.semver.SemverRange;
import io.jenkins.plugins.kargo.tags.TagFilter;
import io.jenkins.plugins.kargo.tags.TagOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Discovers images for an {@code image} subscription with Kargo's strategies ({@code pkg/image/*_selector.go}):
 * <ul>
 *   <li><b>SemVer</b> (default): tags the patterns allow, that parse as semver and that the constraint admits,
 *       highest first;</li>
 *   <li><b>Lexical</b>: allowed tags, greatest string first;</li>
 *   <li><b>NewestBuild</b>: every allowed tag is inspected and the images ordered by build date, newest first
 *       (the tag, greatest first, breaks ties; an image without a date comes last);</li>
 *   <li><b>Digest</b>: the image the tag named by {@code constraint} points at now; none when the tag is missing.</li>
 * </ul>
 * Tag-based strategies inspect tags in that order until {@code discoveryLimit} images are found (skipping images
 * that do not match the platform; when only the platform stood in the way, discovery fails saying how many tags it
 * refused and which platforms their images offer), looking at a window of tags at once. Image metadata comes from the shared
 * {@link ImageInspector}, so an unchanged repository costs one tag listing plus one manifest {@code HEAD} per image
 * considered.
 */
public final class ImageSubscriber implements Subscriber<ImageSubscription> {

    /** Tags inspected at once, a default discovery's whole window; the per-registry rate limit still applies. */
    private static final int PARALLELISM = ImageSubscription.DEFAULT_DISCOVERY_LIMIT;

    private final OciRegistryClient registries;
    private final ImageInspector inspector;
    private final CredentialsProvider credentials;
    private final EventSink events;

    public ImageSubscriber(OciRegistryClient registries, ImageInspector inspector, CredentialsProvider credentials,
                           EventSink events) {
        this.registries = registries;
        this.inspector = inspector;
        this.credentials = credentials;
        this.events = events;
    }

    /**
     * @throws DiscoveryException naming the subscription's repository, where it was declared, and what failed
     */
    @Override
    public List<DiscoveredImage> discover(ImageSubscription subscription) throws DiscoveryException {
        return discover(subscription, credentials);
    }

    @Override
    public List<DiscoveredImage> discover(ImageSubscription subscription, CredentialsProvider credentials)
            throws DiscoveryException {
        try {
            return select(subscription, credentials);
        } catch (DiscoveryException | IllegalArgumentException e) {
            throw new DiscoveryException("image " + subscription.repoURL() + " (" + subscription.location() + "): "
                    + e.getMessage(), e);
        }
    }

    private List<DiscoveredImage> select(ImageSubscription subscription, CredentialsProvider credentials)
            throws DiscoveryException {
        Platform platform = subscription.platform().isEmpty() ? null : Platform.parse(subscription.platform());
        OciRegistryClient.Repository repository = registries.repository(
                ImageRepository.parse(subscription.repoURL()),
                credentials.find(subscription.repoURL(), CredentialKind.image).orElse(null),
                subscription.insecureSkipTLSVerify());
        Selection selection = new Selection(subscription, repository, platform);
        List<DiscoveredImage> found = switch (subscription.strategy()) {
            case Digest -> selection.byDigest();
            case SemVer -> selection.inOrder(TagOrder.bySemver(repository.listTags(), filter(subscription),
                    SemverRange.parse(subscription.constraint()), subscription.strictSemvers()));
            case Lexical -> selection.inOrder(TagOrder.lexical(repository.listTags(), filter(subscription)));
            case NewestBuild -> selection.newestBuilds(repository.listTags().stream()
                    .filter(filter(subscription)::allows).toList());
        };
        if (found.isEmpty() && selection.refusedByPlatform.get() > 0) {
            int refused = selection.refusedByPlatform.get();
            throw new DiscoveryException("no image for platform " + platform + ": " + refused
                    + (refused == 1 ? " tag passed" : " tags passed") + " the constraint and tag patterns but "
                    + (refused == 1 ? "its image runs" : "their images run") + " on "
                    + String.join(", ", selection.platformsSeen) + " only; check the subscription's platform");
        }
        return found;
    }

    private static TagFilter filter(ImageSubscription subscription) {
        return TagFilter.of(subscription.allowTagsRegexes(), subscription.ignoreTagsRegexes());
    }

    /** One discovery's work: the subscription, its repository and platform. */
    private final class Selection {
        private final ImageSubscription subscription;
        private final OciRegistryClient.Repository repository;
        private final Platform platform;
        private final int limit;
        /** Tags that passed the constraint and patterns and were then refused by platform, and what they offered. */
        final AtomicInteger refusedByPlatform = new AtomicInteger();
        final Set<String> platformsSeen = new ConcurrentSkipListSet<>();

        Selection(ImageSubscription subscription, OciRegistryClient.Repository repository, Platform platform) {
            this.subscription = subscription;
            this.repository = repository;
            this.platform = platform;
            this.limit = Math.max(1, subscription.discoveryLimit());
        }

        List<DiscoveredImage> byDigest() throws DiscoveryException {
            String tag = subscription.constraint();
            if (tag.isBlank()) {
                throw new DiscoveryException("the Digest strategy needs the tag to track in constraint, e.g. latest");
            }
            // Kargo never uses cacheByTag here: the strategy exists because the tag moves.
            return inspect(tag, false).stream().toList();
        }

        /** SemVer and Lexical: walk the ordered tags, a window at a time, until enough images match. */
        List<DiscoveredImage> inOrder(List<String> tags) throws DiscoveryException {
            List<DiscoveredImage> found = new ArrayList<>();
            int next = 0;
            while (found.size() < limit && next < tags.size()) {
                int end = Math.min(tags.size(), next + limit - found.size());
                for (Optional<DiscoveredImage> image : inspectAll(tags.subList(next, end))) {
                    if (image.isPresent() && found.size() < limit) {
                        found.add(image.get());
                    }
                }
                next = end;
            }
            return found;
        }

        List<DiscoveredImage> newestBuilds(List<String> tags) throws DiscoveryException {
            return inspectAll(tags).stream().flatMap(Optional::stream)
                    .sorted(Comparator.comparing(DiscoveredImage::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparing(DiscoveredImage::tag).reversed())
                    .limit(limit)
                    .toList();
        }

        /** Inspects tags concurrently; results in the order of {@code tags}. */
        private List<Optional<DiscoveredImage>> inspectAll(List<String> tags) throws DiscoveryException {
            if (tags.size() == 1) {
                return List.of(inspect(tags.get(0), subscription.cacheByTag()));
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLELISM, Math.max(1, tags.size())), r -> {
                Thread thread = new Thread(r, "kargo-image-discovery");
                thread.setDaemon(true);
                return thread;
            });
            AtomicLong done = new AtomicLong();
            try {
                List<Future<Optional<DiscoveredImage>>> futures = new ArrayList<>();
                for (String tag : tags) {
                    futures.add(pool.submit(() -> {
                        Optional<DiscoveredImage> image = inspect(tag, subscription.cacheByTag());
                        events.progress("images of " + subscription.repoURL(), done.incrementAndGet(), tags.size());
                        return image;
                    }));
                }
                List<Optional<DiscoveredImage>> results = new ArrayList<>(tags.size());
                for (Future<Optional<DiscoveredImage>> future : futures) {
                    results.add(future.get());
                }
                return results;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof DiscoveryException cause) {
                    throw cause;
                }
                throw new DiscoveryException("inspecting images failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DiscoveryException("interrupted", e);
            } finally {
                pool.shutdownNow();
            }
        }

        private Optional<DiscoveredImage> inspect(String tag, boolean cacheByTag) throws DiscoveryException {
            Optional<ImageMetadata> found = inspector.inspectTag(repository, tag, cacheByTag);
            if (found.isEmpty()) {
                return Optional.empty(); // deleted since the listing, or (Digest) no such tag: nothing found
            }
            ImageMetadata image = found.get();
            // Kargo's contract: "constrains selection to images supporting the specified OS and architecture". Its
            // code (pkg/image/repository_client.go, getImageByTag) only looks at index entries, so a single-platform
            // manifest never matches there; here its config's os/architecture decide (docs/image-discovery.md).
            if (platform != null && !image.matches(platform)) {
                refusedByPlatform.incrementAndGet();
                platformsSeen.addAll(image.offered());
                return Optional.empty();
            }
            return Optional.of(new DiscoveredImage(subscription.repoURL(), tag, image.digest(), image.createdAt(),
                    image.annotationsFor(platform)));
        }
    }
}
