/**
 * Steps that shape a promotion rather than edit files: {@code compose-output} (a task's outputs).
 */
package io.jenkins.plugins.kargo.promotion.flow;
