package dev.hakobu.aggregator.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChunkRecoveryTest extends BufferFixture {

    private Path onlyChunk() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("buf"))) {
            return s.filter(p -> p.toString().endsWith(".chunk")).findFirst().orElseThrow();
        }
    }

    private void writeThreeBatches() throws Exception {
        try (DiskBuffer b = open(config())) {
            append(b, "s1", DAY1, "a");
            append(b, "s2", DAY1, "b");
            append(b, "s3", DAY1, "c");
        }
    }

    @Test
    void aTornLastBatchIsCutAndTheBatchesBeforeItAreKept() throws Exception {
        writeThreeBatches();
        Path chunk = onlyChunk();
        long size = Files.size(chunk);
        try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
            f.setLength(size - 3); // the crash came in the middle of writing s3
        }
        try (DiskBuffer b = open(config())) {
            BufferChunk c = b.poll().orElseThrow();
            assertThat(Entries.texts(b.read(c))).containsExactly("a", "b");
            assertThat(b.stats().quarantinedChunks()).isZero();
            append(b, "s3", DAY1, "c"); // the unacked s3 is resent and taken again
            assertThat(b.stats().duplicateEvents()).isZero();
        }
        assertThat(Files.size(chunk)).isLessThan(size - 3);
    }

    @Test
    void zerosAfterTheLastBatchAreATornTailNotCorruption() throws Exception {
        writeThreeBatches();
        Path chunk = onlyChunk();
        try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
            f.setLength(Files.size(chunk) + 4096);
        }
        try (DiskBuffer b = open(config())) {
            assertThat(Entries.texts(b.read(b.poll().orElseThrow())))
                    .containsExactly("a", "b", "c");
        }
    }

    @Test
    void aChunkDamagedInTheMiddleIsQuarantinedWithAReasonAndTheOthersKeepFlowing()
            throws Exception {
        writeThreeBatches();
        Path bad = onlyChunk();
        try (DiskBuffer b = open(config())) {
            append(b, "s4", DAY2, "d"); // another partition, another file
        }
        try (RandomAccessFile f = new RandomAccessFile(bad.toFile(), "rw")) {
            f.seek(Files.size(bad) / 2);
            f.write(0x5a ^ f.read());
        }
        try (DiskBuffer b = open(config())) {
            assertThat(b.stats().quarantinedChunks()).isEqualTo(1);
            assertThat(Entries.texts(b.read(b.poll().orElseThrow()))).containsExactly("d");
            assertThat(b.poll()).isEmpty();
            Path moved = b.quarantineDir().resolve(bad.getFileName());
            assertThat(moved).exists();
            assertThat(Files.readString(b.quarantineDir().resolve(bad.getFileName() + ".reason")))
                    .contains("corrupt");
        }
    }

    @Test
    void aFileWithoutAHeaderIsQuarantinedInsteadOfStoppingTheStart() throws Exception {
        Files.createDirectories(dir.resolve("buf"));
        Files.write(dir.resolve("buf/garbage.chunk"), new byte[] {1, 2, 3});
        try (DiskBuffer b = open(config())) {
            assertThat(b.stats().quarantinedChunks()).isEqualTo(1);
            assertThat(b.poll()).isEmpty();
        }
        assertThat(
                        List.of(
                                dir.resolve("buf/quarantine/garbage.chunk"),
                                dir.resolve("buf/quarantine/garbage.chunk.reason")))
                .allSatisfy(p -> assertThat(p).exists());
    }

    @Test
    void aDamagedByteInTheLastBatchIsCorruptionNotATornTailBecauseThatBatchWasAcknowledged()
            throws Exception {
        writeThreeBatches();
        Path bad = onlyChunk();
        try (RandomAccessFile f = new RandomAccessFile(bad.toFile(), "rw")) {
            f.seek(Files.size(bad) - 2); // inside the last batch, which ends at the end of the file
            f.write(0x5a ^ f.read());
        }
        try (DiskBuffer b = open(config())) {
            assertThat(b.stats().quarantinedChunks()).isEqualTo(1);
            assertThat(b.poll()).isEmpty();
            assertThat(b.quarantineDir().resolve(bad.getFileName())).exists();
        }
    }
}
