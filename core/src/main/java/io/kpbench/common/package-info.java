/**
 * What every layer may use: the user-error line with its exit code ({@link io.kpbench.common.UserError}) and the
 * write-to-temp-then-rename file writer ({@link io.kpbench.common.AtomicFile}), and the upstream releases the
 * model follows ({@link io.kpbench.common.ModelVersions}). It imports nothing of kpbench.
 */
package io.kpbench.common;
