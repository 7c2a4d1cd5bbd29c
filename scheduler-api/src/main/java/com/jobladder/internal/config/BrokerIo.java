package com.jobladder.internal.config;

/**
 * How a connection writes to the broker's socket ({@code jobladder.broker.io}). BLOCKING writes
 * and flushes each frame from the thread that sends it. NETTY hands frames to the connection's
 * event loop, which writes what several threads queued meanwhile in one go: publishes and acks
 * that are sent together reach the broker together.
 */
public enum BrokerIo {
    BLOCKING,
    NETTY
}
