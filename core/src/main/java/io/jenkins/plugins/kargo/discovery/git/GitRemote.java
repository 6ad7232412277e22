package io.jenkins.plugins.kargo.discovery.git;

import io.jenkins.plugins.kargo.api.GitSubscription;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.JGitPrompts;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.discovery.DiscoveryException;
import io.jenkins.plugins.kargo.net.CredentialScheme;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.URIish;

/**
 * How to reach the repository of one git subscription. The URL JGit talks to is the one the user wrote; the
 * credentials ({@link CredentialKind#git}) are handed to JGit per command and never written into a URL, a git
 * configuration or a message. Schemes: {@code https://}; plain {@code http://} only to a loopback host or with
 * {@code insecureSkipTLSVerify} (credentials over plain HTTP to loopback only: {@link CredentialScheme}); {@code git://} (a git
 * daemon, which has no authentication or encryption) to loopback only; {@code file://} and local paths, for
 * embedders and tests (the configuration loader does not accept them). SSH is refused: Kargo deprecates SSH URLs.
 */
final class GitRemote {

    /** Seconds JGit waits on an unresponsive server before giving up. */
    static final int TIMEOUT_SECONDS = 60;

    private final String url;
    private final String display;
    private final Credentials credentials;
    private final boolean insecureSkipTLSVerify;

    private GitRemote(String url, String display, Credentials credentials, boolean insecureSkipTLSVerify) {
        this.url = url;
        this.display = display;
        this.credentials = credentials;
        this.insecureSkipTLSVerify = insecureSkipTLSVerify;
    }

    /**
     * @throws DiscoveryException when the URL cannot be read or its scheme is not allowed; the message says why
     */
    static GitRemote of(GitSubscription subscription, CredentialsProvider provider) throws DiscoveryException {
        String url = subscription.repoURL().strip();
        URIish uri;
        try {
            uri = new URIish(url);
        } catch (URISyntaxException e) {
            throw new DiscoveryException("git repository URL '" + url + "' cannot be read: " + e.getReason());
        }
        String display = uri.setPass(null).toString();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = CredentialScheme.isLoopback(uri.getHost());
        boolean insecure = subscription.insecureSkipTLSVerify();
        boolean mayAuthenticate = switch (scheme) {
            case "https" -> true;
            case "http" -> {
                if (!loopback && !insecure) {
                    throw new DiscoveryException("git repository " + display + ": plain HTTP to " + uri.getHost()
                            + ", which is not on loopback, is refused; use https:// or set insecureSkipTLSVerify");
                }
                yield true;
            }
            case "git" -> {
                if (!loopback) {
                    throw new DiscoveryException("git repository " + display + ": the git:// protocol has neither"
                            + " authentication nor encryption and is allowed on loopback only; use https://");
                }
                yield false;
            }
            case "file" -> false;
            case "" -> {
                if (uri.getHost() != null) {
                    throw sshRefused(display);
                }
                yield false; // a local path
            }
            case "ssh" -> throw sshRefused(display);
            default -> throw new DiscoveryException("git repository " + display + ": the scheme " + scheme
                    + ":// is not supported; use https://");
        };
        Credentials credentials = mayAuthenticate
                ? provider.find(subscription.repoURL(), CredentialKind.git).orElse(null) : null;
        if (credentials != null) {
            Optional<String> refused = CredentialScheme.refusal("git repository " + display, scheme, uri.getHost());
            if (refused.isPresent()) {
                throw new DiscoveryException(refused.get());
            }
        }
        return new GitRemote(url, display, credentials, insecure);
    }

    private static DiscoveryException sshRefused(String display) {
        return new DiscoveryException("git repository " + display + ": SSH URLs are not used for discovery (Kargo"
                + " deprecates them); use the repository's https:// URL with a git token or user name and password");
    }

    /** The URL as the user wrote it, for JGit only: it may hold a user name and password. */
    String url() {
        return url;
    }

    /** The URL without a password, for messages. */
    String display() {
        return display;
    }

    /** Whether credentials were found for this repository (they are sent only when the server asks). */
    boolean authenticated() {
        return credentials != null;
    }

    /** Configures a JGit ls-remote or fetch: credentials, TLS verification and the timeout. */
    <C extends TransportCommand<C, ?>> C configure(C command) {
        return command.setTimeout(TIMEOUT_SECONDS).setCredentialsProvider(new JGitPrompts(credentials, insecureSkipTLSVerify));
    }

    /**
     * A JGit failure as a message for after {@code "git repository <display>: "}: without JGit's own copy of the URL
     * in front, and with the URL's password (if the user wrote one into it) gone. JGit never puts the credentials
     * it was handed into a message.
     */
    String describe(Exception failure) {
        return describe(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    }

    /** As {@link #describe(Exception)}, for a message. */
    String describe(String message) {
        message = message.replace(url, display).strip();
        if (message.startsWith(display + ": ")) {
            message = message.substring(display.length() + 2);
        }
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
