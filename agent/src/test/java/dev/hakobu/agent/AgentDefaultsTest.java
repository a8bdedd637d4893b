package dev.hakobu.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.core.forward.ForwardClientConfig.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #16, item 6: what a forward server takes (its compression, its largest chunk) shapes what it gets. */
class AgentDefaultsTest {
    @TempDir
    Path dir;

    private AgentConfig load(String forward) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.yaml"), """
                state_dir: "%s"
                sources: [{paths: ["/var/log/app/*.log"], tag: app, format: {type: raw}}]
                forward: %s
                """.formatted(dir.resolve("state"), forward));
        return ConfigLoader.fromClasspath().load(file, AgentConfig.class);
    }

    @Test
    void aServerSetsItsOwnCompressionAndTheSmallestMaxChunkBytesOfAnyServerCutsEveryChunk() throws Exception {
        AgentConfig config = load("""
                {compression: zstd, servers: [{host: hakobu}, {host: fluentd, compression: gzip, max_chunk_bytes: 500000},
                 {host: fluent-bit, port: 24225, max_chunk_bytes: 800KiB, standby: true}]}""");
        var servers = config.forward().servers();
        assertThat(servers).extracting(config.forward()::compressionOf)
                .containsExactly(Compression.ZSTD, Compression.GZIP, Compression.ZSTD);
        assertThat(Agent.effectiveBatch(config).maxBytes().bytes()).isEqualTo(500_000);
        assertThat(Agent.effectiveBatch(config).flushInterval()).isEqualTo(config.batch().flushInterval());
    }

    @Test
    void aMaxChunkBytesAboveBatchMaxBytesChangesNothing() throws Exception {
        AgentConfig config = load("{servers: [{host: agg, max_chunk_bytes: 4MiB}]}");
        assertThat(Agent.effectiveBatch(config).maxBytes().bytes()).isEqualTo(config.batch().maxBytes().bytes());
    }
}
