/**
 * Internal to JobLadder: public only for its own modules, with no compatibility promise between releases.
 * Applications compile against {@code com.jobladder.api}, {@code com.jobladder.client} and {@code com.jobladder.worker}.
 */
package com.jobladder.internal.engine;
