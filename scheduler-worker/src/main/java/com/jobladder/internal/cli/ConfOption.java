package com.jobladder.internal.cli;

import com.jobladder.internal.audit.AuditStore;
import com.jobladder.internal.audit.AuditStores;
import com.jobladder.internal.config.ConfigLoader;
import com.jobladder.internal.config.SchedulerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --conf} option every subcommand shares. */
final class ConfOption {
    @Option(
            names = {"-c", "--conf"},
            defaultValue = "conf/scheduler.conf",
            paramLabel = "FILE",
            description = "The scheduler configuration (default: ${DEFAULT-VALUE}).")
    Path file;

    SchedulerConfig load() {
        return ConfigLoader.load(file);
    }

    /** The audit store of this configuration; the caller closes it. */
    AuditStore openAuditStore() {
        SchedulerConfig config = load();
        return AuditStores.open(config.audit(), config.dataDir());
    }
}
