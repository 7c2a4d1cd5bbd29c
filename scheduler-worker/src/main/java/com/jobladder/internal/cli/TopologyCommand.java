package com.jobladder.internal.cli;

import com.jobladder.internal.config.SchedulerConfig;
import com.jobladder.internal.topology.DefinitionsFile;
import com.jobladder.internal.topology.PolicyCommands;
import com.jobladder.internal.topology.Topology;
import com.jobladder.internal.topology.TopologyDeclarer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "topology",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the exchanges, queues and bindings this configuration declares, for an operator to"
                    + " create ahead of time: as a RabbitMQ definitions file, or as the set_policy commands that give"
                    + " the same dead-lettering, TTLs and limits by policy (docs/broker-setup.md). Connects to nothing."
        },
        footer = {
            "",
            "Examples:",
            "  scheduler topology --format definitions --type send-email > jobladder.json",
            "  rabbitmqctl import_definitions jobladder.json",
            "  scheduler topology --format policies | sh"
        })
final class TopologyCommand implements Callable<Integer> {
    enum Format {
        definitions,
        policies
    }

    @Mixin
    ConfOption conf;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "FORMAT",
            description = "definitions (JSON for rabbitmqctl import_definitions) or policies (rabbitmqctl set_policy"
                    + " lines).")
    Format format;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            description = "Also the worker queue of this job type; repeatable. The types named under"
                    + " jobladder.job-types are always included.")
    List<String> types = new ArrayList<>();

    @Override
    public Integer call() {
        SchedulerConfig config = conf.load();
        TreeSet<String> workerTypes = new TreeSet<>(config.jobTypes().keySet());
        workerTypes.remove(SchedulerConfig.DEFAULT_TYPE_KEY);
        workerTypes.addAll(types);
        Topology topology = new TopologyDeclarer(config.topologyNames()).all(workerTypes);
        String vhost = config.broker().vhost();
        if (format == Format.definitions) {
            System.out.print(DefinitionsFile.render(topology, vhost));
        } else {
            PolicyCommands.render(topology, vhost).forEach(System.out::println);
        }
        return 0;
    }
}
