package dev.hakobu.outputs.file;

import dev.hakobu.output.Chunk;
import dev.hakobu.output.DeliveryGuarantee;
import dev.hakobu.output.Health;
import dev.hakobu.output.Output;
import dev.hakobu.output.OutputContext;
import dev.hakobu.output.WriteResult;
import dev.hakobu.outputs.format.ObjectFormat;
import dev.hakobu.outputs.format.PartitionedEncoder;
import dev.hakobu.outputs.key.KeyTemplate;
import dev.hakobu.outputs.key.UnsafeNameException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** See the package contract. Thread-safe: each write uses its own encoder state. */
final class FileOutput implements Output {
    private static final Logger log = LoggerFactory.getLogger(FileOutput.class);
    private final Path root;
    private final KeyTemplate template;
    private final ObjectFormat format;
    private final OutputContext context;

    FileOutput(FileOutputConfig config, OutputContext context) {
        this.context = context;
        this.root = config.root().toAbsolutePath().normalize();
        this.template = KeyTemplate.parse(config.path(), config.timeZone());
        this.format = config.objectFormat(context.stateDir());
    }

    @Override
    public WriteResult write(Chunk chunk) {
        List<Path[]> written = new ArrayList<>();
        PartitionedEncoder encoder = new PartitionedEncoder(template, format);
        try {
            encoder.encode(
                    chunk,
                    context.node(),
                    key -> {
                        Path target = root.resolve(key).normalize();
                        if (!target.startsWith(root)) {
                            throw new UnsafeNameException(key, "escapes the output root");
                        }
                        Files.createDirectories(target.getParent());
                        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
                        written.add(new Path[] {tmp, target});
                        return new SyncOnClose(
                                FileChannel.open(
                                        tmp,
                                        StandardOpenOption.CREATE,
                                        StandardOpenOption.WRITE,
                                        StandardOpenOption.TRUNCATE_EXISTING));
                    });
            Set<Path> dirs = new LinkedHashSet<>();
            for (Path[] pair : written) {
                Files.move(
                        pair[0],
                        pair[1],
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                dirs.add(pair[1].getParent());
            }
            for (Path dir : dirs) {
                try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                    d.force(true);
                }
            }
            return WriteResult.DELIVERED;
        } catch (UnsafeNameException e) {
            cleanUp(written);
            return new WriteResult.Rejected(
                    "the chunk can never be written under this key: " + e.getMessage());
        } catch (InvalidPathException e) {
            cleanUp(written);
            return new WriteResult.Rejected("the file system refuses the path: " + e.getMessage());
        } catch (IOException e) {
            log.warn("{}: chunk {} not written: {}", context.name(), chunk.id(), e.toString());
            cleanUp(written);
            return new WriteResult.Retry(e.toString());
        }
    }

    /**
     * Idempotent while the path holds {@code ${chunk_id}} (the default): a chunk written again renames its
     * files onto the same names, replacing what an earlier try left.
     */
    @Override
    public DeliveryGuarantee deliveryGuarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE_IDEMPOTENT;
    }

    /** Whether the root, or the folder it will be created in, is a writable directory; no file is written. */
    @Override
    public Health health() {
        Path existing = root;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            return Health.down(root + ": no directory to write under");
        }
        if (!Files.isWritable(existing)) {
            return Health.down(existing + ": not writable by this process");
        }
        return Health.up(
                existing.equals(root)
                        ? root + ": writable"
                        : root + ": will be created under " + existing);
    }

    @Override
    public void close() {}

    private static void cleanUp(List<Path[]> written) {
        for (Path[] pair : written) {
            try {
                Files.deleteIfExists(pair[0]);
            } catch (IOException ignored) {
                // a leftover temporary file is overwritten by the retry
            }
        }
    }

    /** A file stream that reaches the disk before it reports closed. */
    private static final class SyncOnClose extends java.io.FilterOutputStream {
        private final FileChannel channel;

        SyncOnClose(FileChannel channel) {
            super(Channels.newOutputStream(channel));
            this.channel = channel;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
            channel.force(false);
            super.close();
        }
    }
}
