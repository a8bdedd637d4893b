package dev.hakobu.aggregator.replay;

import dev.hakobu.aggregator.buffer.ChunkReader;
import dev.hakobu.aggregator.buffer.CorruptChunkException;
import dev.hakobu.config.DurationFormat;
import dev.hakobu.forward.ForwardClient;
import dev.hakobu.forward.ForwardClientConfig;
import dev.hakobu.output.Chunk;
import dev.hakobu.runtime.CommandFailure;
import dev.hakobu.runtime.ExitCodes;
import dev.hakobu.runtime.HakobuCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hakobu replay DIR --to host:port} (or {@code --config agent.yaml}, with the agent's security and
 * TLS, see {@link ReplayConnection}): sends the chunk files of a dead-letter (or quarantine) folder
 * back to an aggregator, which routes, masks and buffers them like any traffic (masking is idempotent, so
 * already-masked records come out unchanged and hashed values keep their pseudonyms). Each chunk goes under its
 * own stored id, so running replay again after an interruption does not store a chunk twice (the
 * aggregator's buffers skip it). A chunk is moved to {@code DIR/replayed/} only after the aggregator
 * acknowledged it, that is, after every buffer it routes to holds it on disk.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description =
                "Send dead-lettered chunks back through an aggregator's routing; moves each acked chunk to DIR/replayed/.")
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "DIR",
            description = "A dead-letter folder: <buffer dir>/<output>/dead-letter.")
    Path dir;

    @Mixin ReplayConnection connection = new ReplayConnection();

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5m",
            description =
                    "Give up waiting for acks after this long (e.g. 90s, 5m, 1h; default ${DEFAULT-VALUE}).")
    Duration timeout;

    private final Map<String, String> env;

    public ReplayCommand() {
        this(System.getenv());
    }

    /** @param env where {@code --shared-key-env} and {@code --password-env} are looked up */
    ReplayCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Registers this subcommand with the launcher. */
    public static final class Provider implements HakobuCommand {
        @Override
        public Object command() {
            return new ReplayCommand();
        }
    }

    @Override
    public Integer call() throws Exception {
        ForwardClientConfig config = connection.forwardConfig(env);
        if (!Files.isDirectory(dir)) {
            throw new CommandFailure(
                    dir + ": not a folder; point replay at <buffer dir>/<output>/dead-letter");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".chunk")).sorted().toList();
        }
        Path done = dir.resolve("replayed");
        Files.createDirectories(done);
        ProgressBar bar = new ProgressBar(System.err, files.size());
        AtomicInteger unreadable = new AtomicInteger();
        AtomicInteger events = new AtomicInteger();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        try (ForwardClient client = open(config)) {
            for (Path file : files) {
                Chunk chunk;
                try {
                    chunk = ChunkReader.read(file);
                } catch (CorruptChunkException | IOException e) {
                    unreadable.incrementAndGet();
                    System.err.println("\nskipped " + file.getFileName() + ": " + e.getMessage());
                    bar.advance(0);
                    continue;
                }
                acks.add(
                        client.send(
                                        chunk.tag(),
                                        chunk.entries(),
                                        chunk.offset(),
                                        chunk.length(),
                                        chunk.count(),
                                        chunk.id())
                                .thenRun(
                                        () -> {
                                            moveAside(file, done);
                                            events.addAndGet(chunk.count());
                                            bar.advance(chunk.count());
                                        }));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            bar.finish();
            long acked =
                    acks.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
            System.err.println(
                    "timed out after "
                            + DurationFormat.toText(timeout)
                            + " (--timeout): "
                            + acked
                            + " of "
                            + acks.size()
                            + " chunks acked; run replay again for the rest (acked ones were moved to "
                            + done
                            + ")");
            return ExitCodes.INCOMPLETE;
        }
        bar.finish();
        System.err.println(
                "replayed "
                        + acks.size()
                        + " chunks ("
                        + events.get()
                        + " events) to "
                        + connection.destination(config)
                        + "; moved to "
                        + done
                        + (unreadable.get() > 0
                                ? "; " + unreadable.get() + " unreadable chunks left in place"
                                : ""));
        return unreadable.get() > 0 ? ExitCodes.INCOMPLETE : ExitCodes.OK;
    }

    /** The client, or one line naming the TLS file it could not use. */
    private static ForwardClient open(ForwardClientConfig config) {
        try {
            return ForwardClient.open(config, new SecureRandom());
        } catch (UncheckedIOException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private static void moveAside(Path file, Path done) {
        try {
            Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Path reason = file.resolveSibling(file.getFileName() + ".reason");
            if (Files.exists(reason)) {
                Files.move(
                        reason,
                        done.resolve(reason.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // the chunk stays; replaying it again is harmless (the aggregator skips it by id)
            System.err.println("\ncannot move " + file + " to " + done + ": " + e);
        }
    }
}
