package dev.hakobu.runtime;

import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs one role (agent or aggregator) from its config file until SIGTERM, and reloads it on SIGHUP.
 *
 * <p>Lifecycle contract, in two phases, for every role: {@link Role#prepare} builds the instance from a
 * valid config (resolves what the config leaves open, reads TLS material, builds outputs) without
 * touching any directory another instance may own, binding any port or starting any thread; if it
 * throws, nothing is left behind. {@link Instance#start} then takes the instance's directories (an
 * exclusive {@link DirectoryLock} on each state and buffer directory, then opens what is in them),
 * binds its ports and only then starts its threads. If start throws, the runner closes the instance,
 * which releases whatever it had taken or started: no {@code hakobu-*} thread and no lock is left.
 *
 * <p>Reload contract: the new file is loaded and validated first; if it has errors they are logged
 * (every one, with line and column) and the running instance keeps serving untouched. Then the new
 * instance is prepared; if that fails (a TLS file missing, an output that cannot be built) the reload is
 * refused the same way, the running instance untouched. Only then is the running instance closed
 * gracefully (the agent sends what it read and commits positions; the aggregator drains what is due and
 * leaves its buffers on disk) and the new one started, picking up exactly where the old one stopped. The
 * two never run at once, so no directory is ever owned by two instances. Should the new one fail to
 * start (a port in use), it is closed and the previous config is prepared and started again; should that
 * fail too, the process exits with that failure's code so the service manager restarts it. Signals are
 * handled on one thread, one at a time.
 *
 * <p>Exit codes of {@code hakobu agent} and {@code hakobu aggregator}; each failure is one line on
 * stderr naming what failed, the file, directory or port, and what to do:
 *
 * <ul>
 *   <li>0: stopped by SIGTERM (or {@code agent --once} caught up).
 *   <li>1: an unexpected error (a bug: the stack trace is logged); {@code agent --once} not caught up in
 *       time.
 *   <li>2 ({@link StartFailure#CONFIG}): invalid config or command line; a file the config names (TLS
 *       certificate, key, CA) cannot be read; an output cannot be built from its settings; a state or
 *       buffer directory is locked by another process (the message names the directory and the
 *       holder's pid).
 *   <li>70 ({@link #THREAD_DIED}, EX_SOFTWARE): one of the process's own threads died.
 *   <li>73 ({@link StartFailure#CANNOT_CREATE}, EX_CANTCREAT): a state or buffer directory cannot be
 *       created, written or read back (permission denied, a regular file in the way, a failing disk).
 *   <li>74 ({@link StartFailure#IO}, EX_IOERR): a port cannot be bound (in use, not a local address, no
 *       permission).
 * </ul>
 *
 * @param <C> the role's config record
 */
public final class RoleRunner<C extends Record> {
    /** Builds a role's instance from its config; see the class contract. */
    public interface Role<C> {
        /**
         * Builds an instance without side effects on directories, ports or threads.
         *
         * @throws StartFailure when the config names something unusable (the message says what)
         */
        Instance prepare(C config) throws Exception;
    }

    /** A prepared role instance: started at most once, closed once (close is idempotent). */
    public interface Instance extends AutoCloseable {
        /**
         * Locks and opens its directories, binds its ports, then starts its threads.
         *
         * @throws StartFailure when a directory or port named by the config is unusable; the caller then
         *     closes this instance
         */
        void start() throws Exception;

        /**
         * Stops what {@link #start} started (gracefully) and releases what it took and what prepare
         * built, whatever state the instance is in: prepared, partly started or running.
         */
        @Override
        void close();
    }

    /** Exit code when a thread died of an exception nothing caught (sysexits' EX_SOFTWARE). */
    public static final int THREAD_DIED = ExitCodes.SOFTWARE;

    private static final Logger log = LoggerFactory.getLogger(RoleRunner.class);
    private final Path file;
    private final Class<C> type;
    private final Role<C> role;
    private C config;
    private Instance running;

    public RoleRunner(Path file, Class<C> type, Role<C> role) {
        this.file = file;
        this.type = type;
        this.role = role;
    }

    /**
     * Prepares and starts an instance; on failure closes whatever it took.
     *
     * @return the running instance
     */
    public static <C> Instance start(Role<C> role, C config) throws Exception {
        Instance instance = role.prepare(config);
        try {
            instance.start();
            return instance;
        } catch (Exception | Error e) {
            instance.close();
            throw e;
        }
    }

    /**
     * @return the process exit code (see the class's list): 2 for an invalid config, the failure's code
     *     when the role cannot start, 0 after a clean stop; the process halts with {@link #THREAD_DIED}
     *     when one of its own ({@code hakobu-*}) threads dies of an uncaught exception (a dead output
     *     worker must not leave a process that acks and delivers nothing; the service manager restarts
     *     it, buffers intact)
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
        // the handlers come first: a SIGHUP while the role starts would otherwise meet the JVM's
        // default
        // handler, which shuts the process down; both wait for the start (they take this runner's
        // lock)
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    synchronized (this) {
                                        if (running != null) {
                                            close(running);
                                        }
                                    }
                                    stopped.countDown();
                                },
                                "hakobu-shutdown"));
        if (Signal.handle(new Signal("HUP"), signal -> reload()) == SignalHandler.SIG_IGN) {
            // started under nohup (or by a parent that ignores it): the JVM keeps it ignored
            log.warn(
                    "SIGHUP is ignored in this process (started under nohup?): reloading by signal is off;"
                            + " restart to apply a new config");
        }
        try {
            startFirst();
        } catch (ConfigException e) {
            e.errors().forEach(System.err::println);
            return 2;
        } catch (StartFailure e) {
            System.err.println("hakobu: " + e.getMessage());
            return e.exitCode();
        }
        stopped.await();
        return 0;
    }

    /** Loads the config file and starts the first instance (what {@link #run} does before it waits). */
    synchronized void startFirst() throws Exception {
        config = ConfigLoader.fromClasspath().load(file, type);
        running = start(role, config);
    }

    /** Re-reads the config file; see the class contract. */
    public synchronized void reload() {
        if (running == null) {
            log.warn("reload ignored: {} is not running (its start failed)", file);
            return;
        }
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
        Instance prepared;
        try {
            prepared = role.prepare(next);
        } catch (Exception e) {
            log.error(
                    "reload refused, still running the previous config; {} cannot be used: {}",
                    file,
                    describe(e));
            return;
        }
        log.info("reloading {}", file);
        close(running);
        running = null;
        try {
            prepared.start();
            running = prepared;
            config = next;
            log.info("reloaded {}", file);
        } catch (Exception e) {
            close(prepared);
            log.error(
                    "the new config did not start ({}); starting the previous one again",
                    describe(e));
            try {
                running = start(role, config);
                log.info("running the previous config of {} again", file);
            } catch (Exception again) {
                int code = again instanceof StartFailure f ? f.exitCode() : 1;
                log.error(
                        "the previous config did not start either ({}); exiting with code {} so the"
                                + " service manager restarts us",
                        describe(again),
                        code,
                        // a stack trace only for what is not an operator's to fix
                        again instanceof StartFailure ? null : again);
                // not System.exit: the shutdown hook waits for this monitor; nothing runs to close
                Runtime.getRuntime().halt(code);
            }
        }
    }

    private static String describe(Exception e) {
        return e instanceof StartFailure ? e.getMessage() : e.toString();
    }

    private static void close(AutoCloseable instance) {
        try {
            instance.close();
        } catch (Exception e) {
            log.warn("while stopping: {}", e.toString());
        }
    }
}
