package com.jobladder.internal.http;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.internal.concurrent.DaemonThreads;
import com.jobladder.internal.config.ConfigurationException;
import com.jobladder.internal.config.HttpSettings;
import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker daemon's HTTP port, on Jetty: health probes, the Prometheus scrape and the dashboard.
 * It starts before the rest of the daemon (probes then answer "not ready") and reads the daemon's
 * parts through a supplier that gives null until they are up and again once stopping. Actions
 * (POST) need the admin token ({@link AdminToken}); without one configured there are none.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    private static final int MAX_THREADS = 8;

    private final Server server;
    private final ServerConnector connector;
    private final ExecutorService lookUps;

    private OpsServer(Server server, ServerConnector connector, ExecutorService lookUps) {
        this.server = server;
        this.connector = connector;
        this.lookUps = lookUps;
    }

    /** Binds and serves; a port in use is a configuration error that names the key to change. */
    public static OpsServer start(HttpSettings settings, Supplier<OpsParts> parts) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("jobladder-http");
        // Daemon threads: a worker whose start fails after the port opened still exits.
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(settings.bind());
        connector.setPort(settings.port());
        server.addConnector(connector);
        ExecutorService lookUps = Executors.newCachedThreadPool(DaemonThreads.named("jobladder-health-look-up"));
        OpsServer ops = new OpsServer(server, connector, lookUps);
        server.setHandler(ops.new Dispatch(new Routes(parts, new AdminToken(settings.token()), lookUps)));
        try {
            server.start();
        } catch (Exception e) {
            ops.close();
            String why = e instanceof IOException && e.getCause() instanceof BindException || e instanceof BindException
                    ? "the address is in use or not this host's"
                    : e.toString();
            throw new ConfigurationException(
                    "cannot serve HTTP on " + settings.bind() + ":" + settings.port() + " ("
                            + why
                            + "): set jobladder.http.port (0 for any free port; each worker on a host needs its own),"
                            + " jobladder.http.bind, or jobladder.http.enabled = false",
                    e);
        }
        log.info(
                "HTTP - serving on http://{}:{}/ (health /health/ready, metrics /metrics, dashboard /); {}",
                settings.bind(),
                ops.port(),
                settings.token().isPresent()
                        ? "actions need the admin token"
                        : "read-only (no jobladder.http.admin-token)");
        return ops;
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("HTTP - stopping failed: {}; the port closes with the process", e.toString());
        }
        lookUps.shutdownNow();
    }

    /** Hands each request to its endpoint and writes the reply; routing is the only logic here. */
    private final class Dispatch extends Handler.Abstract {
        private final Routes routes;

        Dispatch(Routes routes) {
            this.routes = routes;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String method = request.getMethod();
            String path = Request.getPathInContext(request);
            Reply reply = routes.refusal(method, path);
            if (reply == null) {
                reply = answer(request, method, path);
            }
            write(reply, response, callback);
            return true;
        }

        /** A malformed request is the client's error (4xx, saying what is expected); anything else is ours. */
        private Reply answer(Request request, String method, String path) {
            try {
                return routes.answer(
                        method,
                        path,
                        RequestParameters.of(request),
                        request.getHeaders().get(AdminToken.HEADER));
            } catch (BadRequestException e) {
                log.debug("HTTP - {} {} refused: {}", method, path, e.getMessage());
                return e.reply();
            } catch (InvalidRequestException e) {
                log.debug("HTTP - {} {} refused: {}", method, path, e.getMessage());
                return Reply.error(400, "Bad request", e.getMessage());
            } catch (Exception e) {
                log.warn("HTTP - {} {} failed: {}; the worker keeps running", method, path, e.toString(), e);
                return Reply.error(500, "Error", e.toString());
            }
        }

        private void write(Reply reply, Response response, Callback callback) {
            response.setStatus(reply.status());
            var headers = response.getHeaders();
            headers.put("X-Content-Type-Options", "nosniff");
            // No inline script or style, no framing: a page of this port cannot be made to act elsewhere.
            headers.put("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
            headers.put(HttpHeader.CACHE_CONTROL, "no-store");
            reply.headers().forEach(headers::put);
            if (reply.contentType() != null) {
                headers.put(HttpHeader.CONTENT_TYPE, reply.contentType());
            }
            Content.Sink.write(response, true, reply.body(), callback);
        }
    }
}
