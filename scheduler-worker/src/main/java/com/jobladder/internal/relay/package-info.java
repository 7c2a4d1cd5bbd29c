/** The relay: any message published with {@code x-delay} to a delayed exchange, carried by the ladder to its target. */
package com.jobladder.internal.relay;
