package dev.hakobu.aggregator;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.core.cli.HakobuCommand;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "aggregator", mixinStandardHelpOptions = true,
        description = "Receive Forward-protocol traffic, route it by tag and write it to outputs. Stops cleanly on SIGTERM.")
public final class AggregatorCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Aggregator config (YAML).")
    Path config;

    /** Registers this subcommand with the launcher. */
    public static final class Provider implements HakobuCommand {
        @Override
        public Object command() {
            return new AggregatorCommand();
        }
    }

    @Override
    public Integer call() throws Exception {
        AggregatorConfig cfg;
        try {
            cfg = ConfigLoader.fromClasspath().load(config, AggregatorConfig.class);
        } catch (ConfigException e) {
            e.errors().forEach(System.err::println);
            return 2;
        }
        Aggregator aggregator = Aggregator.start(cfg, Clock.systemUTC(), new SecureRandom());
        LoggerFactory.getLogger(AggregatorCommand.class).info("aggregator {} listening on {}", aggregator.node(), aggregator.address());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            aggregator.close();
            stopped.countDown();
        }, "hakobu-shutdown"));
        stopped.await();
        return 0;
    }
}
