package io.jenkins.plugins.kargo.api;

/**
 * The text of one configuration file as read, named as errors name it. {@link ConfigLoader#read} makes these
 * from files or a stream; the store keeps them, so an applied configuration can be loaded again exactly as it was.
 */
public record ConfigSource(String name, String text) {
}
