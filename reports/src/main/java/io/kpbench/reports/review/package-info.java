/**
 * The report's lead: the design-review table of paired ratios ({@code ratios.csv}) with their 95% intervals over
 * forks, where the modes cross over, the cluster and machine in one line each, the probe gate, and the paired arms
 * against the harness floor and the hardware floor ({@code MemoryFloorBenchmark}).
 */
package io.kpbench.reports.review;
