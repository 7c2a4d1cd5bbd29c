/**
 * The benchmarks' entry point, {@code bin/bench}: {@link com.jobladder.bench.BenchCli} with every scenario as a
 * subcommand, and {@code all}, which runs them in turn. Below it, each package using only those after it:
 * {@code scenario} (one class per scenario), {@code load} (the ways jobs are offered), {@code contender} (the systems
 * compared), {@code setup} (what a run stands on); {@code report} (tables and charts) and {@code measure} (figures).
 */
package com.jobladder.bench;
