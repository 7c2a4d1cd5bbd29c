/**
 * The ways a benchmark offers jobs and times them: an open-loop {@link com.jobladder.bench.load.Workload} at a
 * rate to any contender ({@link com.jobladder.bench.load.OfferedLoad}), a burst or a paced load through the ladder
 * alone ({@link com.jobladder.bench.load.LadderBurst}), and one call at a time beside the raw broker
 * ({@link com.jobladder.bench.load.OneByOne}).
 */
package com.jobladder.bench.load;
