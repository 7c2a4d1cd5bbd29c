package com.jobladder.internal.config;

import com.jobladder.api.InvalidRequestException;
import com.jobladder.api.JobLimits;
import com.jobladder.api.JobTypes;
import com.jobladder.internal.amqp.BundleCodec;
import com.jobladder.internal.topology.LadderSpec;
import com.jobladder.internal.topology.QueueType;
import com.jobladder.internal.topology.TopologyDeclarer;
import com.jobladder.internal.topology.TopologyNames;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code scheduler.conf} (HOCON) over the defaults in {@code reference.conf}, applies
 * environment overrides, and returns frozen records. Every mistake stops the load with the file,
 * line, key and what is expected.
 */
public final class ConfigLoader {
    private static final String ADDRESSES_VARIABLE = "JOBLADDER_BROKER_ADDRESSES";
    private static final String ADDRESSES_KEY = "jobladder.broker.addresses";

    /** Environment variable to setting; environment wins over the file, so secrets stay out of it. */
    static final Map<String, String> ENVIRONMENT_OVERRIDES = Map.of(
            "JOBLADDER_BROKER_URI",
            "jobladder.broker.uri",
            ADDRESSES_VARIABLE,
            ADDRESSES_KEY,
            "JOBLADDER_AUDIT_JDBC_URL",
            "jobladder.audit.jdbc-url",
            "JOBLADDER_AUDIT_USERNAME",
            "jobladder.audit.username",
            "JOBLADDER_AUDIT_PASSWORD",
            "jobladder.audit.password",
            "JOBLADDER_HTTP_PORT",
            "jobladder.http.port",
            "JOBLADDER_HTTP_ADMIN_TOKEN",
            "jobladder.http.admin-token");

    /** AMQP's prefetch count is 16 bits; prefetch (or concurrency) and hold budget share it. */
    private static final int MAX_PREFETCH = 65_535;

    private ConfigLoader() {}

    public static SchedulerConfig load(Path file) {
        return load(file, System.getenv());
    }

    public static SchedulerConfig load(Path file, Map<String, String> environment) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(file + " does not exist or is not a file: expected the scheduler's"
                    + " configuration (see conf/scheduler.conf in the distribution)");
        }
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(
                    file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new ConfigurationException(file + " is malformed: " + e.getMessage(), e);
        }
        return fromConfig(file.toString(), parsed, environment);
    }

    /** The defaults alone, with environment overrides: for applications that keep no file. */
    public static SchedulerConfig defaults(Map<String, String> environment) {
        return fromConfig("reference.conf", ConfigFactory.empty(), environment);
    }

    /** Reads settings given as HOCON text, for embedding and tests. */
    public static SchedulerConfig fromString(String hocon, Map<String, String> environment) {
        Config parsed;
        try {
            parsed = ConfigFactory.parseString(
                    hocon, ConfigParseOptions.defaults().setOriginDescription("settings"));
        } catch (ConfigException e) {
            throw new ConfigurationException("settings are malformed: " + e.getMessage(), e);
        }
        return fromConfig("settings", parsed, environment);
    }

    /**
     * Reads settings given as keys of reference.conf ({@code jobladder.broker.uri}) to values in HOCON's
     * syntax ({@code 10s}, {@code true}, {@code 4}) or lists of them, as a framework's configuration holds them.
     */
    public static SchedulerConfig fromMap(String source, Map<String, ?> settings, Map<String, String> environment) {
        Config parsed;
        try {
            parsed = ConfigFactory.parseMap(settings, source);
        } catch (ConfigException e) {
            throw new ConfigurationException(source + " is malformed: " + e.getMessage(), e);
        }
        return fromConfig(source, parsed, environment);
    }

    private static SchedulerConfig fromConfig(String source, Config parsed, Map<String, String> environment) {
        Config reference = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
        rejectUnknownKeys(parsed, reference);
        Map<String, Object> overrides = new HashMap<>();
        ENVIRONMENT_OVERRIDES.forEach((variable, path) -> {
            String value = environment.get(variable);
            if (value != null && !value.isEmpty()) {
                overrides.put(
                        path, variable.equals(ADDRESSES_VARIABLE) ? BrokerAddresses.fromEnvironment(value) : value);
            }
        });
        Config merged;
        try {
            merged = ConfigFactory.parseMap(overrides, "environment")
                    .withFallback(parsed)
                    .withFallback(reference)
                    .resolve();
        } catch (ConfigException e) {
            throw new ConfigurationException(source + ": " + e.getMessage(), e);
        }
        return read(source, new SettingsReader(merged), merged);
    }

    private static SchedulerConfig read(String source, SettingsReader in, Config merged) {
        Path dataDir = Path.of(in.string("jobladder.data-dir"));
        WorkerSettings worker = worker(in);
        Map<String, JobTypeSettings> jobTypes = jobTypes(in, merged);
        RelaySettings relay = relay(in, merged);
        jobTypes.forEach((type, settings) -> {
            long unacked = (long) Math.max(worker.prefetch(), settings.concurrency()) + settings.holdBudget();
            if (unacked > MAX_PREFETCH) {
                String key = "jobladder.job-types." + type + ".hold-budget";
                throw in.invalid(
                        merged.hasPath(key) ? key : "jobladder.job-types.default.hold-budget",
                        "at most "
                                + MAX_PREFETCH
                                + " minus jobladder.worker.prefetch (or the type's concurrency if higher): AMQP's prefetch"
                                + " count, which holds both, is 16 bits");
            }
        });
        LadderSpec ladder = ladder(in);
        BrokerLimits.check(in, worker, ladder, jobTypes, merged);
        return new SchedulerConfig(
                source,
                dataDir,
                broker(in),
                ladder,
                audit(in),
                worker,
                new CronSettings(
                        Path.of(in.string("jobladder.cron.schedules-file")),
                        in.positiveDuration("jobladder.cron.horizon")),
                jobTypes,
                http(in),
                new ClockSettings(
                        in.positiveDuration("jobladder.clock.check-interval"),
                        in.positiveDuration("jobladder.clock.max-offset"),
                        in.nonNegativeDuration("jobladder.clock.keep-offset")),
                relay);
    }

    private static RelaySettings relay(SettingsReader in, Config merged) {
        String key = "jobladder.relay.exchanges";
        String expected = "a list of delayed exchanges such as [{ name = \"orders.delayed\", target = \"orders\" }]";
        List<? extends Config> entries;
        try {
            entries = merged.getConfigList(key);
        } catch (ConfigException e) {
            throw in.invalid(key, expected);
        }
        List<DelayedExchange> exchanges = new java.util.ArrayList<>();
        Map<String, String> byType = new HashMap<>();
        for (Config entry : entries) {
            if (!entry.hasPath("name")
                    || !entry.hasPath("target")
                    || entry.root().size() != 2) {
                throw in.invalid(key, expected + " (each entry has exactly the keys name and target)");
            }
            DelayedExchange exchange;
            try {
                exchange = new DelayedExchange(entry.getString("name"), entry.getString("target"));
            } catch (ConfigException e) {
                throw in.invalid(key, expected + " (name and target are strings)");
            }
            String name = exchange.name();
            if (name.isEmpty() || name.startsWith("amq.") || name.length() > 200) {
                throw in.invalid(
                        key,
                        expected + ", but the name \"" + name + "\" is empty, longer than 200 characters or"
                                + " starts with amq. (reserved by RabbitMQ)");
            }
            if (name.equals(exchange.target())) {
                throw in.invalid(key, expected + ", but " + name + " names itself as its target: a loop");
            }
            String type = exchange.jobType();
            if (type.length() > JobLimits.MAX_TYPE_LENGTH) {
                throw in.invalid(
                        key,
                        expected + ", but the name \"" + name + "\" makes the job type " + type + ", longer than "
                                + JobLimits.MAX_TYPE_LENGTH + " characters; use a shorter name");
            }
            String clash = byType.put(type, name);
            if (clash != null) {
                throw in.invalid(
                        key,
                        expected + ", but \"" + clash + "\" and \"" + name + "\" both make the job type " + type
                                + "; rename one");
            }
            exchanges.add(exchange);
        }
        return new RelaySettings(in.bool("jobladder.relay.enabled"), exchanges);
    }

    private static HttpSettings http(SettingsReader in) {
        String bind = in.string("jobladder.http.bind");
        if (bind.isBlank()) {
            throw in.invalid(
                    "jobladder.http.bind",
                    "an address to listen on, such as 127.0.0.1 (this host only) or" + " 0.0.0.0 (every interface)");
        }
        String token = in.string("jobladder.http.admin-token");
        if (!token.isEmpty() && token.length() < 16) {
            throw in.invalid(
                    "jobladder.http.admin-token",
                    "empty (read-only dashboard) or at least 16 characters;"
                            + " set it through JOBLADDER_HTTP_ADMIN_TOKEN to keep it out of the file");
        }
        return new HttpSettings(
                in.bool("jobladder.http.enabled"), bind, in.intBetween("jobladder.http.port", 0, 65_535), token);
    }

    private static BrokerSettings broker(SettingsReader in) {
        String uri = in.string("jobladder.broker.uri");
        try {
            String scheme = new URI(uri).getScheme();
            if (!"amqp".equals(scheme) && !"amqps".equals(scheme)) {
                throw in.invalid(
                        "jobladder.broker.uri",
                        "an amqp:// or amqps:// URI such as" + " amqp://user:password@host:5672/vhost");
            }
        } catch (URISyntaxException e) {
            throw in.invalid(
                    "jobladder.broker.uri",
                    "an amqp:// or amqps:// URI such as" + " amqp://user:password@host:5672/vhost");
        }
        String ambiguity = BrokerUris.ambiguity(uri);
        if (ambiguity != null) {
            throw in.invalid("jobladder.broker.uri", "an unambiguous amqp:// or amqps:// URI, but " + ambiguity);
        }
        String namespace = in.string("jobladder.broker.namespace");
        try {
            new TopologyNames(namespace, new LadderSpec(2, java.time.Duration.ofMillis(1), 1, QueueType.QUORUM, 1));
        } catch (IllegalArgumentException e) {
            throw in.invalid("jobladder.broker.namespace", e.getMessage(), e);
        }
        return new BrokerSettings(
                uri,
                addresses(in),
                namespace,
                in.positiveDuration("jobladder.broker.confirm-timeout"),
                in.positiveDuration("jobladder.broker.connection-timeout"),
                in.intBetween("jobladder.broker.publisher-channels", 1, 64),
                in.intBetween("jobladder.broker.max-in-flight", 1, 1_000_000),
                in.intBetween("jobladder.broker.bundle-max-jobs", 1, BundleCodec.MAX_JOBS),
                in.nonNegativeDuration("jobladder.broker.bundle-linger"));
    }

    private static List<String> addresses(SettingsReader in) {
        List<String> addresses = in.stringList(ADDRESSES_KEY, BrokerAddresses.EXPECTED);
        for (String address : addresses) {
            String problem = BrokerAddresses.problem(address);
            if (problem != null) {
                throw in.invalid(ADDRESSES_KEY, BrokerAddresses.EXPECTED + ", but " + problem);
            }
        }
        return addresses;
    }

    private static LadderSpec ladder(SettingsReader in) {
        int radix = in.intBetween("jobladder.ladder.radix", 2, LadderSpec.MAX_RADIX);
        var unit = in.positiveDuration("jobladder.ladder.unit");
        int levels = in.intBetween("jobladder.ladder.levels", 1, 64);
        QueueType queueType = in.enumValue("jobladder.ladder.queue-type", QueueType.class);
        long maxLength = in.longAtLeast("jobladder.ladder.max-length", 1);
        LadderSpec spec;
        try {
            spec = new LadderSpec(radix, unit, levels, queueType, maxLength);
        } catch (IllegalArgumentException e) {
            throw in.invalid("jobladder.ladder.levels", e.getMessage(), e);
        }
        var lead = in.nonNegativeDuration("jobladder.ladder.lead");
        try {
            spec = spec.withApproach(spec.window(), lead);
        } catch (IllegalArgumentException e) {
            throw in.invalid("jobladder.ladder.lead", e.getMessage(), e);
        }
        try {
            spec = spec.withApproach(in.nonNegativeDuration("jobladder.ladder.window"), lead);
        } catch (IllegalArgumentException e) {
            throw in.invalid("jobladder.ladder.window", e.getMessage(), e);
        }
        return spec.withQuorumInitialGroupSize(in.intBetween(
                "jobladder.ladder.quorum-initial-group-size", 1, LadderSpec.MAX_QUORUM_INITIAL_GROUP_SIZE));
    }

    private static AuditSettings audit(SettingsReader in) {
        String url = in.string("jobladder.audit.jdbc-url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw in.invalid("jobladder.audit.jdbc-url", "a jdbc:h2: or jdbc:postgresql: URL");
        }
        return new AuditSettings(
                url,
                in.string("jobladder.audit.username"),
                in.string("jobladder.audit.password"),
                in.intBetween("jobladder.audit.pool-size", 1, 200),
                in.intBetween("jobladder.audit.batch-size", 1, 10_000),
                in.nonNegativeDuration("jobladder.audit.batch-linger"),
                new RetentionSettings(
                        in.bool("jobladder.audit.retention.enabled"),
                        in.positiveDuration("jobladder.audit.retention.max-age"),
                        in.positiveDuration("jobladder.audit.retention.interval"),
                        in.intBetween("jobladder.audit.retention.chunk-size", 1, 1_000_000)));
    }

    private static WorkerSettings worker(SettingsReader in) {
        String id = in.string("jobladder.worker.id");
        if (id.length() > JobLimits.MAX_WORKER_ID_LENGTH) {
            throw in.invalid(
                    "jobladder.worker.id",
                    "at most " + JobLimits.MAX_WORKER_ID_LENGTH + " characters (it is"
                            + " stored with every audit row), or empty for host name and process id");
        }
        if (id.isBlank()) {
            String pid = "-" + ManagementFactory.getRuntimeMXBean().getPid();
            String host = hostName();
            id = host.substring(0, Math.min(host.length(), JobLimits.MAX_WORKER_ID_LENGTH - pid.length())) + pid;
        }
        return new WorkerSettings(
                id,
                in.intBetween("jobladder.worker.prefetch", 1, 65_535),
                in.positiveDuration("jobladder.worker.shutdown-grace"),
                in.intBetween("jobladder.worker.max-payload-bytes", 1, JobLimits.MAX_PAYLOAD_BYTES),
                in.stringList("jobladder.worker.handler-modules"),
                in.nonNegativeDuration("jobladder.worker.hold-margin"),
                in.nonNegativeDuration("jobladder.worker.hold-look-ahead"),
                handBack(in),
                ladderWatch(in));
    }

    private static LadderWatchSettings ladderWatch(SettingsReader in) {
        String key = "jobladder.worker.ladder-watch.management-uris";
        List<String> uris = in.stringList(
                key, "a list of RabbitMQ management API addresses such as" + " [\"http://rabbit-1:15672\"]");
        for (String uri : uris) {
            try {
                URI parsed = new URI(uri);
                if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
                        || parsed.getHost() == null) {
                    throw in.invalid(
                            key,
                            "http:// or https:// addresses of RabbitMQ's management API such as"
                                    + " http://rabbit-1:15672, but " + uri + " is not one");
                }
            } catch (URISyntaxException e) {
                throw in.invalid(
                        key,
                        "http:// or https:// addresses of RabbitMQ's management API such as"
                                + " http://rabbit-1:15672, but " + uri + " is not a URI");
            }
        }
        return new LadderWatchSettings(uris, in.positiveDuration("jobladder.worker.ladder-watch.stranded-after"));
    }

    /** Below the worker queue's delivery limit, so the worker, not the broker, ends a job that cannot progress. */
    private static HandBackSettings handBack(SettingsReader in) {
        int limit =
                in.intBetween("jobladder.worker.hand-back.limit", 1, TopologyDeclarer.WORKER_QUEUE_DELIVERY_LIMIT - 1);
        Duration base = in.positiveDuration("jobladder.worker.hand-back.backoff-base");
        Duration cap = in.positiveDuration("jobladder.worker.hand-back.backoff-cap");
        if (cap.compareTo(base) < 0) {
            throw in.invalid(
                    "jobladder.worker.hand-back.backoff-cap",
                    "a duration at least" + " jobladder.worker.hand-back.backoff-base (" + base + ")");
        }
        return new HandBackSettings(limit, base, cap);
    }

    /** Each type's block falls back, key by key, to {@code default}. */
    private static Map<String, JobTypeSettings> jobTypes(SettingsReader in, Config merged) {
        Config all = merged.getConfig("jobladder.job-types");
        Config defaults = all.getConfig(SchedulerConfig.DEFAULT_TYPE_KEY);
        Map<String, JobTypeSettings> types = new TreeMap<>();
        for (String type : all.root().keySet()) {
            String path = "jobladder.job-types." + type;
            if (!type.equals(SchedulerConfig.DEFAULT_TYPE_KEY)) {
                try {
                    JobTypes.requireValid(type);
                } catch (InvalidRequestException e) {
                    throw in.invalid(path, e.getMessage(), e);
                }
            }
            SettingsReader typeIn = new SettingsReader(
                    all.getConfig(type).withFallback(defaults).atPath(path));
            types.put(
                    type,
                    new JobTypeSettings(
                            typeIn.intBetween(path + ".max-attempts", 1, 1000),
                            typeIn.positiveDuration(path + ".backoff-base"),
                            typeIn.positiveDuration(path + ".backoff-cap"),
                            typeIn.positiveDuration(path + ".timeout"),
                            typeIn.intBetween(path + ".concurrency", 1, 1024),
                            typeIn.intBetween(path + ".hold-budget", 0, MAX_PREFETCH)));
        }
        return types;
    }

    /** A misspelt key would otherwise be ignored in silence while its default applies. */
    private static void rejectUnknownKeys(Config parsed, Config reference) {
        for (Map.Entry<String, ConfigValue> entry : parsed.entrySet()) {
            String path = entry.getKey();
            if (reference.hasPathOrNull(path)) {
                continue;
            }
            String typeKey = typeSettingKey(path);
            if (typeKey != null && reference.hasPath("jobladder.job-types.default." + typeKey)) {
                continue;
            }
            throw new ConfigurationException(
                    SettingsReader.describe(entry.getValue().origin()) + ": unknown setting " + path
                            + ": expected one of the settings listed in reference.conf (docs/configuration.md)");
        }
    }

    /** For {@code jobladder.job-types.send-email.timeout}, returns {@code timeout}. */
    private static String typeSettingKey(String path) {
        String prefix = "jobladder.job-types.";
        if (!path.startsWith(prefix)) {
            return null;
        }
        int dot = path.indexOf('.', prefix.length());
        return dot < 0 ? null : path.substring(dot + 1);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
