/**
 * Notifications of delivery events ({@link io.jenkins.plugins.kargo.events.DeliveryEvent}) to the webhooks of the
 * dashboard ConfigMap: Slack-compatible ({@code notifications.slack}) and plain JSON ({@code notifications.webhook}).
 *
 * <p>{@link io.jenkins.plugins.kargo.notifications.WebhookNotifier} is the listener the engine registers; it reads
 * the dashboard file again for each event, because the state keeps the file's path and never its webhook URLs
 * (secrets). Sending happens on the notifier's own threads, in order, retried on 5xx and connection failures; a
 * failure is reported naming the webhook's host only.
 */
package io.jenkins.plugins.kargo.notifications;
