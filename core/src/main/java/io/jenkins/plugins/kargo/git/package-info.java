/** What discovery and promotion share to talk to git remotes: the retry policy for transient transport failures. */
package io.jenkins.plugins.kargo.git;
