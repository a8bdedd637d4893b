package dev.hakobu.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.forward.ForwardClientConfig.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16, item 6: the defaults work with every receiver we claim. Fluentd 1.18's in_forward inflates only
 * {@code compressed: "gzip"}; Fluent Bit 4.2.8's in_forward inflates a compressed chunk in pieces of
 * Buffer_Chunk_Size (1,024,000 bytes by default) and loses the entries of a chunk larger than that.
 */
class AgentDefaultsTest {
    private static final long FLUENT_BIT_BUFFER_CHUNK_SIZE = 1_024_000;

    @TempDir Path dir;

    private AgentConfig load(String forward) throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("agent.yaml"),
                        """
                state_dir: "%s"
                sources: [{paths: ["/var/log/app/*.log"], tag: app, format: {type: raw}}]
                forward: %s
                """
                                .formatted(dir.resolve("state"), forward));
        return ConfigLoader.fromClasspath().load(file, AgentConfig.class);
    }

    /**
     * Issue 18: {@code http: {enabled: true}} took HttpConfig's 24231 and collided with an aggregator on the
     * same host; an agent's port is 24232 unless given.
     */
    @Test
    void theAgentsHttpPortIs24232WhenEnabledWithoutAPort() throws Exception {
        assertThat(loadWithHttp("http: {enabled: true}").http().listenPort()).isEqualTo(24232);
        assertThat(loadWithHttp("http: {enabled: true, bind: 0.0.0.0}").http().listenPort())
                .isEqualTo(24232);
        assertThat(loadWithHttp("").http().listenPort()).isEqualTo(24232);
        assertThat(loadWithHttp("").http().enabled()).isFalse();
        assertThat(loadWithHttp("http: {enabled: true, port: 9100}").http().listenPort())
                .isEqualTo(9100);
        assertThat(loadWithHttp("http: {enabled: true, port: 0}").http().listenPort()).isZero();
    }

    private AgentConfig loadWithHttp(String http) throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("agent.yaml"),
                        """
                state_dir: "%s"
                sources: [{paths: ["/var/log/app/*.log"], tag: app, format: {type: raw}}]
                forward: {host: agg}
                %s
                """
                                .formatted(dir.resolve("state"), http));
        return ConfigLoader.fromClasspath().load(file, AgentConfig.class);
    }

    @Test
    void byDefaultCompressionIsAutoAndChunksStayUnderFluentBitsDefaultBufferChunkSize()
            throws Exception {
        AgentConfig config = load("{host: agg}");
        // zstd, falling back to gzip per server that refuses it (PerServerCompressionTest)
        assertThat(config.forward().compression()).isEqualTo(Compression.AUTO);
        assertThat(config.forward().compressionOf(config.forward().servers().get(0)))
                .isEqualTo(Compression.AUTO);
        assertThat(config.batch().maxBytes().bytes())
                .isEqualTo(960_000)
                .isLessThan(FLUENT_BIT_BUFFER_CHUNK_SIZE);
        assertThat(Agent.effectiveBatch(config)).isEqualTo(config.batch());
    }

    @Test
    void aServerSetsItsOwnCompressionAndTheSmallestMaxChunkBytesOfAnyServerCutsEveryChunk()
            throws Exception {
        AgentConfig config =
                load(
                        """
                {compression: zstd, servers: [{host: hakobu}, {host: fluentd, compression: gzip, max_chunk_bytes: 500000},
                 {host: fluent-bit, port: 24225, max_chunk_bytes: 800KiB, standby: true}]}""");
        var servers = config.forward().servers();
        assertThat(servers)
                .extracting(config.forward()::compressionOf)
                .containsExactly(Compression.ZSTD, Compression.GZIP, Compression.ZSTD);
        assertThat(Agent.effectiveBatch(config).maxBytes().bytes()).isEqualTo(500_000);
        assertThat(Agent.effectiveBatch(config).flushInterval())
                .isEqualTo(config.batch().flushInterval());
    }

    @Test
    void aMaxChunkBytesAboveBatchMaxBytesChangesNothing() throws Exception {
        AgentConfig config = load("{servers: [{host: agg, max_chunk_bytes: 4MiB}]}");
        assertThat(Agent.effectiveBatch(config).maxBytes().bytes()).isEqualTo(960_000);
    }
}
