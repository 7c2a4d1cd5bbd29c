package com.jobladder.internal.cli;

import com.jobladder.internal.config.Secrets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Creates or migrates the audit schema, as a worker does when it starts: for an installation
 * whose clients (which never create the store) come up before any worker has.
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Creates the audit store or migrates its schema to this version, as a worker does at start.",
        footer = {"", "Example:", "  scheduler migrate --conf conf/scheduler.conf"})
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    ConfOption conf;

    @Override
    public Integer call() {
        conf.openAuditStore().close(); // opening migrates the schema
        System.out.println(
                "audit store at " + Secrets.redact(conf.load().audit().jdbcUrl()) + " is up to date");
        return 0;
    }
}
