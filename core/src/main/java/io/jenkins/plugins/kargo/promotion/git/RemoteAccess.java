package io.jenkins.plugins.kargo.promotion.git;

import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.JGitPrompts;
import io.jenkins.plugins.kargo.credentials.CredentialsProvider;
import io.jenkins.plugins.kargo.net.CredentialScheme;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How to reach one remote repository: its credentials and whether to skip TLS verification. Credentials are
 * handed to JGit per command, so they never appear in a remote URL, a {@code .git/config} or a log line. An SSH
 * key is used from memory (never written to a file) through JGit's Apache MINA sshd transport; as Kargo does
 * ({@code StrictHostKeyChecking no}), the server's host key is accepted without a known-hosts file.
 */
public record RemoteAccess(Optional<Credentials> credentials, boolean insecureSkipTLSVerify) {


    public static RemoteAccess anonymous() {
        return new RemoteAccess(Optional.empty(), false);
    }

    /**
     * The access to {@code repoURL}: its git credentials, if any.
     *
     * @throws IllegalArgumentException when credentials (found, or written into the URL) would go over plain HTTP to
     *                                  a host that is not on loopback ({@link CredentialScheme})
     */
    public static RemoteAccess lookup(CredentialsProvider provider, String repoURL, boolean insecureSkipTLSVerify) {
        Optional<Credentials> credentials = provider.find(repoURL, CredentialKind.git);
        URIish uri;
        try {
            uri = new URIish(repoURL);
        } catch (URISyntaxException e) {
            return new RemoteAccess(credentials, insecureSkipTLSVerify); // JGit says what is wrong with it
        }
        if (credentials.isPresent() || uri.getUser() != null || uri.getPass() != null) {
            CredentialScheme.refusal("repository " + uri.setUser(null).setPass(null), uri.getScheme(), uri.getHost())
                    .ifPresent(refusal -> {
                        throw new IllegalArgumentException(refusal);
                    });
        }
        return new RemoteAccess(credentials, insecureSkipTLSVerify);
    }

    /**
     * The receive-pack a push to a repository on this machine runs. JGit receives a local push in its own process,
     * which runs none of the repository's hooks (a {@code pre-receive} that refuses every push was reported pushed);
     * any other command than {@code git-receive-pack} makes it fork that command in the repository, as git does, and
     * the shell's {@code exec} keeps it git's own {@code git-receive-pack}, found on the PATH.
     */
    private static final String LOCAL_RECEIVE_PACK = "exec git-receive-pack";

    /** Configures a JGit fetch, push or clone with this access. */
    <C extends TransportCommand<C, ?>> C applyTo(C command) {
        command.setCredentialsProvider(new JGitPrompts(credentials.orElse(null), insecureSkipTLSVerify));
        SshSessionFactory ssh = credentials.orElse(null) instanceof Credentials.SshKey key ? sshSessions(key) : null;
        command.setTransportConfigCallback(transport -> {
            if (ssh != null && transport instanceof SshTransport sshTransport) {
                sshTransport.setSshSessionFactory(ssh);
            }
            URIish uri = transport.getURI();
            if ("file".equals(uri.getScheme()) || (uri.getScheme() == null && uri.getHost() == null)) {
                transport.setOptionReceivePack(LOCAL_RECEIVE_PACK);
            }
        });
        return command;
    }

    private static SshSessionFactory sshSessions(Credentials.SshKey key) {
        Iterable<KeyPair> parsed;
        try {
            parsed = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("sshPrivateKey"),
                    new ByteArrayInputStream(key.privateKey().getBytes(StandardCharsets.UTF_8)), null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            parsed = null; // the parser's message may quote the key material: name the problem only
        }
        if (parsed == null || !parsed.iterator().hasNext()) {
            throw new IllegalArgumentException(
                    "the git credential's sshPrivateKey is not an unencrypted private key in PEM or OpenSSH format");
        }
        Iterable<KeyPair> keys = parsed;
        File home = new File(System.getProperty("java.io.tmpdir"));
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(new File(home, ".kargo-no-ssh-directory"))
                .setConfigStoreFactory((h, f, user) -> null)
                .setDefaultIdentities(dir -> List.of())
                .setDefaultKeysProvider(dir -> keys)
                .setPreferredAuthentications("publickey")
                .setServerKeyDatabase((h, dir) -> ACCEPT_ANY_HOST_KEY)
                .build(null);
    }

    private static final ServerKeyDatabase ACCEPT_ANY_HOST_KEY = new ServerKeyDatabase() {
        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
            return List.of();
        }

        @Override
        public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
                              Configuration config, org.eclipse.jgit.transport.CredentialsProvider provider) {
            return true;
        }
    };
}
