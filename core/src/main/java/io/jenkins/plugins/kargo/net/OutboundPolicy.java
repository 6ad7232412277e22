package io.jenkins.plugins.kargo.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses the requests users configure may reach: the {@code http} step's and the {@code web} metric's, and
 * every redirect they follow. An operator sets it in the state directory's {@code settings.yaml}
 * ({@code docs/security.md}): {@code allow} (when not empty, only these), {@code deny} (never these; it wins over
 * {@code allow}) and {@code maxRedirects}. Entries are host names ({@code metadata.google.internal}), wildcard
 * domains ({@code *.internal.example}) or address ranges ({@code 169.254.0.0/16}, {@code fe80::/10}).
 *
 * <p>A host name is matched as written and by every address it resolves to when the request is made, so a name
 * pointing at a denied address is refused too. (A DNS answer that changes between that look-up and the connection
 * is not caught: deny a range at the network as well when it matters.) By default the link-local ranges that hold
 * cloud metadata services are denied.
 */
public record OutboundPolicy(List<String> allow, List<String> deny, int maxRedirects) {

    /** Cloud metadata addresses: AWS, Azure, GCP and OpenStack on 169.254.169.254, AWS over IPv6, GCP's name. */
    public static final List<String> METADATA = List.of("169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128",
            "metadata.google.internal");

    public static final OutboundPolicy DEFAULT = new OutboundPolicy(List.of(), METADATA, 10);

    public OutboundPolicy {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative, got " + maxRedirects);
        }
        for (String entry : allow) {
            check(entry);
        }
        for (String entry : deny) {
            check(entry);
        }
    }

    /**
     * Why a request to {@code uri} is not allowed, or empty when it is.
     *
     * @param what names the request for the user ({@code "http: GET https://host/path"})
     */
    public Optional<String> refusal(String what, URI uri) {
        String host = host(uri);
        List<InetAddress> addresses = addresses(host);
        for (String entry : deny) {
            if (matches(entry, host, addresses)) {
                return Optional.of(what + ": " + host + " is denied by the operator's outbound policy (" + entry
                        + "); see docs/security.md");
            }
        }
        if (!allow.isEmpty() && allow.stream().noneMatch(entry -> matches(entry, host, addresses))) {
            return Optional.of(what + ": " + host + " is not among the hosts the operator's outbound policy allows;"
                    + " see docs/security.md");
        }
        return Optional.empty();
    }

    private static String host(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The host's addresses: itself when it is a literal, else what it resolves to now (none when it does not). */
    private static List<InetAddress> addresses(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException | SecurityException e) {
            return List.of();
        }
    }

    private static boolean matches(String entry, String host, List<InetAddress> addresses) {
        String e = entry.toLowerCase(Locale.ROOT);
        if (e.contains("/")) {
            return addresses.stream().anyMatch(address -> inRange(e, address));
        }
        if (e.startsWith("*.")) {
            return host.endsWith(e.substring(1));
        }
        return host.equals(e);
    }

    private static boolean inRange(String cidr, InetAddress address) {
        String[] parts = cidr.split("/", 2);
        InetAddress network = literal(parts[0]);
        int bits = Integer.parseInt(parts[1]);
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int shift = 7 - i % 8;
            if (((a[i / 8] >> shift) & 1) != ((n[i / 8] >> shift) & 1)) {
                return false;
            }
        }
        return true;
    }

    /** Checks an entry when the policy is made, so a typo in settings.yaml is found then, not on a request. */
    private static void check(String entry) {
        if (entry.isBlank()) {
            throw new IllegalArgumentException("an empty entry in the outbound policy");
        }
        if (entry.contains("/")) {
            String[] parts = entry.split("/", 2);
            InetAddress network = literal(parts[0]);
            int bits;
            try {
                bits = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + entry + "' is not an address range such as 10.0.0.0/8");
            }
            if (bits < 0 || bits > network.getAddress().length * 8) {
                throw new IllegalArgumentException("'" + entry + "' has a prefix length out of range");
            }
        }
    }

    private static InetAddress literal(String text) {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(text); // a literal: no look-up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }
}
