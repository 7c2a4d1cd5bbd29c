package com.jobladder.internal.cli;

import com.jobladder.internal.config.Secrets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Creates or migrates the audit schema, as a worker does when it starts: for an installation
 * whose clients (which never create the store) come up before any worker has. With
 * {@code --outbox-jdbc-url}, creates or migrates the outbox table in an application database
 * instead.
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Creates the audit store or migrates its schema to this version, as a worker does at start.",
            "With --outbox-jdbc-url: creates or migrates the table jobladder_outbox in that application database"
                    + " instead, the password taken from JOBLADDER_OUTBOX_PASSWORD."
        },
        footer = {
            "",
            "Examples:",
            "  scheduler migrate --conf conf/scheduler.conf",
            "  JOBLADDER_OUTBOX_PASSWORD=... scheduler migrate --outbox-jdbc-url jdbc:postgresql://db/shop"
                    + " --outbox-user shop"
        })
final class MigrateCommand implements Callable<Integer> {
    /** The outbox database's password: from the environment, never on a command line that {@code ps} shows. */
    static final String OUTBOX_PASSWORD_VARIABLE = "JOBLADDER_OUTBOX_PASSWORD";

    @Mixin
    ConfOption conf;

    @Option(
            names = "--outbox-jdbc-url",
            paramLabel = "URL",
            description = "An application database (PostgreSQL or H2) to create or migrate the outbox table in.")
    String outboxJdbcUrl;

    @Option(
            names = "--outbox-user",
            paramLabel = "USER",
            description = "The user that owns the outbox table (default: the URL's or the driver's).")
    String outboxUser;

    @Override
    public Integer call() {
        if (outboxJdbcUrl != null) {
            int applied = OutboxMigration.migrate(
                    outboxJdbcUrl, outboxUser, System.getenv().getOrDefault(OUTBOX_PASSWORD_VARIABLE, ""));
            System.out.println("outbox table in " + Secrets.redact(outboxJdbcUrl) + " is up to date (" + applied
                    + " migrations applied)");
            return 0;
        }
        conf.openAuditStore().close(); // opening migrates the schema
        System.out.println(
                "audit store at " + Secrets.redact(conf.load().audit().jdbcUrl()) + " is up to date");
        return 0;
    }
}
