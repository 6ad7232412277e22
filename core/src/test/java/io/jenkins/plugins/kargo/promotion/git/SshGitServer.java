package io.jenkins.plugins.kargo.promotion.git;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;

/**
 * An SSH server on loopback (Apache MINA sshd) that lets in only the keys of an {@code authorized_keys} file and
 * runs what the client asks for ({@code git-upload-pack '/path'}, {@code git-receive-pack '/path'}) with the real
 * git, so repositories on disk are served over {@code ssh://} as by a git host.
 */
final class SshGitServer implements AutoCloseable {

    private final SshServer server;

    private SshGitServer(SshServer server) {
        this.server = server;
    }

    static SshGitServer serve(Path authorizedKeys, Path hostKey) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
        server.start();
        return new SshGitServer(server);
    }

    String url(Path repository) {
        return "ssh://git@127.0.0.1:" + server.getPort() + repository.toAbsolutePath();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
