package dev.hakobu.runtime;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Runs one role (agent or aggregator) from its config file until SIGTERM, and reloads it on SIGHUP.
 *
 * <p>Reload contract: the new file is loaded and validated first; if it has errors they are logged
 * (every one, with line and column) and the running instance keeps serving untouched. If it is valid,
 * the running instance is closed gracefully (the agent sends what it read and commits positions; the
 * aggregator drains what is due and leaves its buffers on disk), and a new one starts from the new
 * config, picking up exactly where the old one stopped. Should the new one fail to start, the old
 * config is started again. Signals are handled on one thread, one at a time.
 *
 * @param <C> the role's config record
 */
public final class RoleRunner<C extends Record> {
    /** Starts a role from its config. */
    public interface Starter<C> {
        AutoCloseable start(C config) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(RoleRunner.class);
    private final Path file;
    private final Class<C> type;
    private final Starter<C> starter;
    private C config;
    private AutoCloseable running;

    public RoleRunner(Path file, Class<C> type, Starter<C> starter) {
        this.file = file;
        this.type = type;
        this.starter = starter;
    }

    /** Exit code when a thread died of an exception nothing caught (sysexits' EX_SOFTWARE). */
    public static final int THREAD_DIED = 70;

    /**
     * @return the process exit code: 2 for an invalid config, 0 after a clean stop; the process halts with
     *         {@link #THREAD_DIED} when one of its own ({@code hakobu-*}) threads dies of an uncaught exception (a dead output worker must not
     *         leave a process that acks and delivers nothing; the service manager restarts it, buffers intact)
     */
    public int run() throws Exception {
        Thread.setDefaultUncaughtExceptionHandler(
                (thread, error) -> {
                    if (!thread.getName().startsWith("hakobu-")) {
                        // a library's own thread (JDK HTTP client, logging, ...): not one the
                        // process depends on
                        log.error(
                                "thread {} died of an uncaught {}", thread.getName(), error, error);
                        return;
                    }
                    log.error(
                            "thread {} died of an uncaught {}; exiting with code {} so the service manager restarts us"
                                    + " (what the buffers hold is delivered after the restart)",
                            thread.getName(),
                            error,
                            THREAD_DIED,
                            error);
                    Runtime.getRuntime().halt(THREAD_DIED);
                });
        try {
            config = ConfigLoader.fromClasspath().load(file, type);
        } catch (ConfigException e) {
            e.errors().forEach(System.err::println);
            return 2;
        }
        running = starter.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    synchronized (this) {
                                        close(running);
                                    }
                                    stopped.countDown();
                                },
                                "hakobu-shutdown"));
        Signal.handle(new Signal("HUP"), signal -> reload());
        stopped.await();
        return 0;
    }

    /** Re-reads the config file; see the class contract. */
    public synchronized void reload() {
        C next;
        try {
            next = ConfigLoader.fromClasspath().load(file, type);
        } catch (ConfigException e) {
            log.error(
                    "reload refused, still running the previous config; {} error(s) in {}:",
                    e.errors().size(),
                    file);
            e.errors().forEach(error -> log.error("  {}", error));
            return;
        }
        log.info("reloading {}", file);
        close(running);
        try {
            running = starter.start(next);
            config = next;
            log.info("reloaded {}", file);
        } catch (Exception e) {
            log.error(
                    "the new config did not start ({}); starting the previous one again",
                    e.toString());
            try {
                running = starter.start(config);
            } catch (Exception again) {
                log.error(
                        "the previous config did not start either; exiting so the service manager restarts us",
                        again);
                System.exit(1);
            }
        }
    }

    private static void close(AutoCloseable instance) {
        try {
            instance.close();
        } catch (Exception e) {
            log.warn("while stopping: {}", e.toString());
        }
    }
}
