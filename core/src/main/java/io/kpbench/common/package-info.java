/**
 * What every layer may use: the user-error line with its exit code ({@link io.kpbench.common.UserError}) and the
 * write-to-temp-then-rename file writer ({@link io.kpbench.common.AtomicFile}). It imports nothing of kpbench.
 */
package io.kpbench.common;
