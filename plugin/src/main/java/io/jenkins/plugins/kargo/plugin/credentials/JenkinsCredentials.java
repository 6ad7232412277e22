package io.jenkins.plugins.kargo.plugin.credentials;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import hudson.security.ACL;
import io.jenkins.plugins.kargo.credentials.CredentialKind;
import io.jenkins.plugins.kargo.credentials.Credentials;
import io.jenkins.plugins.kargo.credentials.SecretCredentials;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The engine's credentials port filled from Jenkins credentials: each {@link CredentialBinding} names a credential by
 * ID; it is looked up through Jenkins' {@link CredentialsProvider} (for a build, with the build's authentication, so
 * folder credentials and restrictions apply) and mapped onto the engine's {@link Credentials}. The values looked up
 * are kept in a {@link SecretMask} for the build's log. Nothing is stored: a build resolves its credentials when it
 * needs them.
 */
public final class JenkinsCredentials {

    /** Finds a Jenkins credential by ID, or null when there is none the caller may use. */
    @FunctionalInterface
    public interface Lookup {
        StandardCredentials find(String id);
    }

    /**
     * What a build may use: the engine's port and the mask of every secret in it.
     *
     * @param problems bindings that could not be used, each a sentence naming the binding and the fix; the engine
     *                 then goes without those credentials
     */
    public record Resolved(SecretCredentials provider, SecretMask mask, List<String> problems) {
    }

    private JenkinsCredentials() {
    }

    /** Looks credentials up as the build does: its authentication, its folder's credentials. */
    public static Lookup of(Run<?, ?> run) {
        return id -> CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
    }

    /**
     * Looks credentials up as the controller does for work no build asked for (the delivery loop): Jenkins' global
     * and system credentials, with the system's authentication, as Kargo's controller reads its project's Secrets.
     */
    public static Lookup system() {
        return id -> CredentialsProvider.lookupCredentialsInItem(StandardCredentials.class, null, ACL.SYSTEM2).stream()
                .filter(c -> c.getId().equals(id)).findFirst().orElse(null);
    }

    public static Resolved resolve(List<CredentialBinding> bindings, Lookup lookup) {
        List<SecretCredentials.Secret> secrets = new ArrayList<>();
        Set<String> values = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (CredentialBinding binding : bindings) {
            try {
                CredentialKind kind = binding.credentialKind();
                StandardCredentials found = lookup.find(binding.getCredentialsId());
                if (found == null) {
                    problems.add("credentials '" + binding.getCredentialsId() + "' for " + binding.getRepoURL()
                            + " not found, or this build may not use them: add them in Jenkins' credentials or fix "
                            + "the binding in Manage Jenkins > System > Kargo");
                    continue;
                }
                Credentials credentials = toKargo(found, kind);
                values.addAll(secretsOf(credentials));
                secrets.add(new SecretCredentials.Secret(binding.getCredentialsId(), kind, binding.getRepoURL(),
                        binding.isRepoURLIsRegex(), credentials));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        SecretMask mask = new SecretMask(values);
        List<String> masked = problems.stream().map(mask::apply).toList();
        return new Resolved(SecretCredentials.of(secrets), mask, masked);
    }

    /**
     * A Jenkins credential as the engine takes it: username and password, a secret text as a token, an SSH private
     * key for git.
     *
     * @throws IllegalArgumentException naming the credential when its type does not fit the kind
     */
    static Credentials toKargo(StandardCredentials c, CredentialKind kind) {
        if (c instanceof StandardUsernamePasswordCredentials up) {
            return new Credentials.UsernamePassword(up.getUsername(), up.getPassword().getPlainText());
        }
        if (c instanceof StringCredentials text) {
            return new Credentials.Token(text.getSecret().getPlainText());
        }
        if (c instanceof SSHUserPrivateKey ssh && kind == CredentialKind.git) {
            if (ssh.getPassphrase() != null && !ssh.getPassphrase().getPlainText().isEmpty()) {
                throw new IllegalArgumentException("credentials '" + c.getId() + "': an SSH key with a passphrase "
                        + "cannot be used; give git an SSH key without one, or a username and token");
            }
            List<String> keys = ssh.getPrivateKeys();
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("credentials '" + c.getId() + "' hold no private key");
            }
            return new Credentials.SshKey(keys.get(0));
        }
        throw new IllegalArgumentException("credentials '" + c.getId() + "' are a " + c.getClass().getSimpleName()
                + "; " + kind + " repositories take a username with password" + (kind == CredentialKind.git
                ? ", a secret text (token) or an SSH private key" : " or a secret text (token)"));
    }

    private static Set<String> secretsOf(Credentials c) {
        Set<String> s = new HashSet<>();
        if (c instanceof Credentials.UsernamePassword up) {
            s.add(up.password());
        } else if (c instanceof Credentials.Token t) {
            s.add(t.token());
        } else if (c instanceof Credentials.SshKey k) {
            s.add(k.privateKey());
            k.privateKey().lines().map(String::trim).filter(l -> l.length() >= 16).forEach(s::add);
        }
        return s;
    }
}
