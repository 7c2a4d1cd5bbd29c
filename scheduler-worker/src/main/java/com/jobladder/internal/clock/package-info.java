/**
 * Time across hosts: each worker measures its clock's offset from the audit database's clock, the
 * reference every host shares, and times held jobs, lateness, audit rows and cron fires by its own
 * clock corrected by that offset (docs/operations.md, "Clocks").
 *
 * <p>Internal to JobLadder: public only for its own modules, with no compatibility promise between releases.
 */
package com.jobladder.internal.clock;
