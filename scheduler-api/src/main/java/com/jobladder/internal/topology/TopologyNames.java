package com.jobladder.internal.topology;

import com.jobladder.api.JobTypes;

/**
 * Every exchange and queue name, in one place. All names start with the namespace so that
 * several installations (or test runs) can share a vhost; ladder names also carry the
 * ladder's fingerprint so that ladders of different shapes live side by side.
 */
public record TopologyNames(String namespace, LadderSpec ladder) {

    public TopologyNames {
        if (!namespace.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("namespace \"" + namespace
                    + "\" is invalid: expected 1 to 100 characters of letters, digits, '_', '.' and '-'");
        }
    }

    public String ladderExchange(int level) {
        return namespace + ".ladder." + ladder.fingerprint() + ".L" + level;
    }

    public String ladderQueue(int level, int digit) {
        return ladderExchange(level) + ".d" + digit;
    }

    /** Level 0 dead-letters here; it routes on the job-type word to worker queues. */
    public String deliveryExchange() {
        return namespace + ".delivery";
    }

    /** Alternate exchange of the delivery exchange: catches what routes to no worker queue. */
    public String unroutedExchange() {
        return namespace + ".unrouted";
    }

    public String unroutedQueue() {
        return namespace + ".unrouted";
    }

    public String deadExchange() {
        return namespace + ".dead";
    }

    public String deadQueue() {
        return namespace + ".dead";
    }

    public String workerQueue(String type) {
        return namespace + ".work." + JobTypes.requireValid(type);
    }

    /**
     * Single-active-consumer queue whose active consumer is the cron leader. A quorum ladder gets a
     * quorum one under a name of its own, since a queue's type cannot change under its name.
     */
    public String leaderQueue() {
        return namespace + (ladder().queueType() == QueueType.QUORUM ? ".cron-leadership" : ".cron-leader");
    }
}
