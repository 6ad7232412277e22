package io.jenkins.plugins.kargo.testkit;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pushes small, generated images into a real OCI Distribution registry over plain HTTP, the way a build tool does:
 * blobs through {@code POST /v2/<name>/blobs/uploads/} and {@code PUT ?digest=} (skipped when this pusher stored
 * them before or a {@code HEAD} finds them), then manifests. Answers Basic and Bearer ({@code WWW-Authenticate})
 * challenges.
 *
 * <pre>{@code
 * OciImagePusher pusher = OciImagePusher.anonymous(TestServices.registry());
 * String digest = pusher.image("services/user-service").tag("v1.2.3").platform("linux/amd64")
 *         .created(Instant.parse("2024-11-14T15:30:45Z")).push().digest();
 * }</pre>
 *
 * Thread-safe; one pusher can serve concurrent pushes.
 */
public final class OciImagePusher {

    /** Manifest PUTs in flight at once when one manifest gets many tags. */
    private static final int DEFAULT_TAG_CONCURRENCY = 16;

    private final RegistrySession session;
    private final int tagConcurrency;
    /**
     * Blobs ({@code repository@digest}) this pusher stored, is storing, or found: each is uploaded once, and
     * concurrent pushes of one blob wait for that upload. (docker-registry's filesystem storage can answer 500 to a
     * HEAD that races a write of the same blob.)
     */
    private final ConcurrentMap<String, CompletableFuture<Void>> knownBlobs;

    private OciImagePusher(RegistrySession session, int tagConcurrency,
                           ConcurrentMap<String, CompletableFuture<Void>> knownBlobs) {
        this.session = session;
        this.tagConcurrency = tagConcurrency;
        this.knownBlobs = knownBlobs;
    }

    /** A pusher for a registry that needs no credentials, given as {@code host:port}. */
    public static OciImagePusher anonymous(String hostPort) {
        return new OciImagePusher(new RegistrySession(hostPort, null, null), DEFAULT_TAG_CONCURRENCY,
                new ConcurrentHashMap<>());
    }

    /**
     * A pusher that answers the registry's Basic challenge with these credentials, or sends them to the token server
     * of its Bearer challenge.
     */
    public static OciImagePusher withCredentials(String hostPort, String user, String password) {
        return new OciImagePusher(new RegistrySession(hostPort, user, password), DEFAULT_TAG_CONCURRENCY,
                new ConcurrentHashMap<>());
    }

    /** The same registry and credentials, with at most {@code concurrency} manifest PUTs at once when tagging. */
    public OciImagePusher withTagConcurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("tag concurrency must be at least 1, was " + concurrency);
        }
        return new OciImagePusher(session, concurrency, knownBlobs);
    }

    /** Starts describing an image for {@code repository}, e.g. {@code services/user-service}. */
    public ImagePush image(String repository) {
        return new ImagePush(this, repository);
    }

    /** Uploads a blob unless the repository has it already; returns its digest. */
    String pushBlob(String repository, byte[] content) {
        String digest = Digests.sha256(content);
        CompletableFuture<Void> upload = new CompletableFuture<>();
        CompletableFuture<Void> earlier = knownBlobs.putIfAbsent(repository + "@" + digest, upload);
        if (earlier != null) {
            try {
                earlier.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            return digest;
        }
        try {
            upload(repository, digest, content);
            upload.complete(null);
        } catch (RuntimeException e) {
            knownBlobs.remove(repository + "@" + digest, upload); // a later push may try again
            upload.completeExceptionally(e);
            throw e;
        }
        return digest;
    }

    private void upload(String repository, String digest, byte[] content) {
        String scope = scope(repository);
        HttpResponse<byte[]> head = session.expect(session.request("/v2/" + repository + "/blobs/" + digest)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), scope, 200, 404);
        if (head.statusCode() == 200) {
            return;
        }
        HttpResponse<byte[]> started = session.expect(session.request("/v2/" + repository + "/blobs/uploads/")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), scope, 202);
        String location = started.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "registry started an upload for " + repository + " without a Location header"));
        String put = location + (location.contains("?") ? "&" : "?") + "digest="
                + URLEncoder.encode(digest, StandardCharsets.UTF_8);
        session.expect(session.request(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), scope, 201);
    }

    /** Stores a manifest under its digest; returns the digest. */
    String pushManifest(String repository, String mediaType, byte[] manifest) {
        String digest = Digests.sha256(manifest);
        putManifest(repository, digest, mediaType, manifest);
        return digest;
    }

    /**
     * Stores a manifest under every tag: the first one at once (so errors surface once, not ten thousand times),
     * the rest concurrently. Returns the digest.
     */
    String pushManifest(String repository, String mediaType, byte[] manifest, List<String> tags) {
        String digest = Digests.sha256(manifest);
        if (tags.isEmpty()) {
            putManifest(repository, digest, mediaType, manifest);
            return digest;
        }
        putManifest(repository, tags.get(0), mediaType, manifest);
        if (tags.size() == 1) {
            return digest;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(tagConcurrency, tags.size() - 1));
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (String tag : tags.subList(1, tags.size())) {
                puts.add(pool.submit(() -> putManifest(repository, tag, mediaType, manifest)));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while tagging " + repository, e);
        } finally {
            pool.shutdownNow();
        }
        return digest;
    }

    private void putManifest(String repository, String reference, String mediaType, byte[] manifest) {
        HttpResponse<byte[]> response = session.expect(session.request("/v2/" + repository + "/manifests/" + reference)
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), scope(repository), 201);
        String expected = Digests.sha256(manifest);
        response.headers().firstValue("Docker-Content-Digest").filter(stored -> !stored.equals(expected))
                .ifPresent(stored -> {
                    throw new IllegalStateException("registry stored " + repository + ":" + reference + " as " + stored
                            + " but its bytes hash to " + expected);
                });
    }

    private static String scope(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    @Override
    public String toString() {
        return "OciImagePusher[" + session + "]";
    }
}
