/**
 * The systems measured side by side, each a {@link com.jobladder.bench.contender.Contender}: JobLadder, Quartz,
 * db-scheduler and the raw broker's variants; {@link com.jobladder.bench.contender.Contenders} makes one by the name
 * a scenario's {@code --systems} option takes.
 */
package com.jobladder.bench.contender;
