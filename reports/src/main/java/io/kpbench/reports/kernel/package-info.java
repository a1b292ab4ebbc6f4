/**
 * The report's kernel section: the kernel lab's calibration per back end and the projected kernel first-packet
 * cost of every mode at every services count, beside the model's time and the Kubernetes blog's figures.
 */
package io.kpbench.reports.kernel;
