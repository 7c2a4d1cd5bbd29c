package com.jobladder.internal.http;

import org.eclipse.jetty.util.Fields;

/** One path of the HTTP port: reads the daemon's parts, answers a {@link Reply}. */
@FunctionalInterface
interface Endpoint {
    Reply answer(Fields parameters, OpsParts parts) throws Exception;
}
