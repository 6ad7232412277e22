package io.jenkins.plugins.kargo.promotion.git;

import io.jenkins.plugins.kargo.promotion.StepConfig;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.UserConfig;

/**
 * Who commits: {@code author} in {@code git-clone} (the working tree's default, kept in its {@code user.*}
 * configuration) or {@code git-commit} (this commit only). Without either, Kargo's own identity.
 */
public record Author(String name, String email) {

    static final Author KARGO = new Author("Kargo", "no-reply@kargo.io");

    public Author {
        StepConfig.require(name != null && !name.isBlank(), "name", "is required", "an author has a name and an email");
        StepConfig.require(email != null && !email.isBlank(), "email", "is required", "an author has a name and an email");
    }

    void writeTo(StoredConfig config) {
        config.setString("user", null, "name", name);
        config.setString("user", null, "email", email);
    }

    /** The working tree's default author, else Kargo's. */
    static Author of(Config config) {
        UserConfig user = config.get(UserConfig.KEY);
        return user.isAuthorNameImplicit() || user.isAuthorEmailImplicit() ? KARGO
                : new Author(user.getAuthorName(), user.getAuthorEmail());
    }

    PersonIdent ident() {
        return new PersonIdent(name, email);
    }
}
