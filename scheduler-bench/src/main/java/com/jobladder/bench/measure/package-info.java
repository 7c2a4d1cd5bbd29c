/**
 * What a run measures: the handlers' {@link com.jobladder.bench.measure.Probe} and its time logs, CPU by process,
 * the steady window and its figures, the run over time, the broker's enqueues per job, and what the broker node
 * spends its time on.
 */
package com.jobladder.bench.measure;
