package dev.hakobu.aggregator.replay;

import dev.hakobu.aggregator.buffer.ChunkReader;
import dev.hakobu.aggregator.buffer.CorruptChunkException;
import dev.hakobu.forward.ForwardClient;
import dev.hakobu.forward.ForwardClientConfig;
import dev.hakobu.output.Chunk;
import dev.hakobu.runtime.HakobuCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hakobu replay DIR --to host:port}: sends the chunk files of a dead-letter (or quarantine) folder
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

    @Option(
            names = "--to",
            required = true,
            paramLabel = "HOST:PORT",
            description = "The aggregator's forward listener.")
    String to;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "Give up waiting for acks after this long.")
    long timeoutSeconds;

    /** Registers this subcommand with the launcher. */
    public static final class Provider implements HakobuCommand {
        @Override
        public Object command() {
            return new ReplayCommand();
        }
    }

    @Override
    public Integer call() throws Exception {
        int colon = to.lastIndexOf(':');
        if (colon <= 0 || !to.substring(colon + 1).matches("\\d{1,5}")) {
            System.err.println("--to: write host:port, e.g. 127.0.0.1:24224");
            return 2;
        }
        if (!Files.isDirectory(dir)) {
            System.err.println(
                    dir + ": not a folder; point replay at <buffer dir>/<output>/dead-letter");
            return 2;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".chunk")).sorted().toList();
        }
        ForwardClientConfig config =
                ForwardClientConfig.defaults(
                                to.substring(0, colon), Integer.parseInt(to.substring(colon + 1)))
                        .withTiming(
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(30),
                                Duration.ofMillis(500),
                                Duration.ofSeconds(10))
                        .withSending(ForwardClientConfig.Compression.GZIP, 8);
        Path done = dir.resolve("replayed");
        Files.createDirectories(done);
        ProgressBar bar = new ProgressBar(System.err, files.size());
        AtomicInteger unreadable = new AtomicInteger();
        AtomicInteger events = new AtomicInteger();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        try (ForwardClient client = ForwardClient.open(config, new SecureRandom())) {
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
                    .get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            bar.finish();
            long acked =
                    acks.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
            System.err.println(
                    "timed out after "
                            + timeoutSeconds
                            + " s: "
                            + acked
                            + " of "
                            + acks.size()
                            + " chunks acked; run replay again for the rest (acked ones were moved to "
                            + done
                            + ")");
            return 1;
        }
        bar.finish();
        System.err.println(
                "replayed "
                        + acks.size()
                        + " chunks ("
                        + events.get()
                        + " events) to "
                        + to
                        + "; moved to "
                        + done
                        + (unreadable.get() > 0
                                ? "; " + unreadable.get() + " unreadable chunks left in place"
                                : ""));
        return unreadable.get() > 0 ? 1 : 0;
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
