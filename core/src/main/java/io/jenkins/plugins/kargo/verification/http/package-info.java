/** HTTP manners shared by the metric providers that call servers: OAuth 2 client credentials. */
package io.jenkins.plugins.kargo.verification.http;
