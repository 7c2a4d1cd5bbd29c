/**
 * One class per {@code bin/bench} scenario: a picocli subcommand of {@code BenchCli}, or, for spine and submit, a
 * main of its own. Beside them what only scenarios use: the broker's ceiling measured within a run, the schedulers
 * scenario's summary, and one broker-cost variant's run.
 */
package com.jobladder.bench.scenario;
