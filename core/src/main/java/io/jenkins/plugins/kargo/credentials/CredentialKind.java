package io.jenkins.plugins.kargo.credentials;

/** What a credential is for, as Kargo labels its credential Secrets ({@code kargo.akuity.io/cred-type}). */
public enum CredentialKind { image, helm, npm, git, generic }
