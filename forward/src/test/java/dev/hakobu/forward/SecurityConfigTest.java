package dev.hakobu.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hakobu.config.ConfigLoader;
import dev.hakobu.config.TypeRegistry;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityConfigTest {
    @Test
    void aSharedKeyShorterThanSixteenCharactersIsRefusedOnBothSidesWithWhatToDo() {
        assertThatThrownBy(
                        () -> new ServerSecurityConfig("agg", "fluentd-secret", false, List.of()))
                .hasMessageContaining("shared_key: 14 characters is too short")
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new ClientSecurityConfig("agent", "short", "", ""))
                .hasMessageContaining("shared_key: 5 characters is too short");
    }

    @Test
    void sixteenCharactersAreEnough() {
        assertThatCode(() -> new ServerSecurityConfig("agg", "0123456789abcdef", false, List.of()))
                .doesNotThrowAnyException();
        assertThatCode(() -> new ClientSecurityConfig("agent", "0123456789abcdef", "", ""))
                .doesNotThrowAnyException();
    }

    @TempDir Path dir;

    /**
     * Issue 18: systemd sets no HOSTNAME, so {@code self_hostname: ${HOSTNAME}} stopped the agent; left out,
     * it is the machine's host name on the agent, and that name with -aggregator on the aggregator (an agent
     * and an aggregator on one machine must not share a name).
     */
    @Test
    void selfHostnameLeftOutIsTheMachinesHostNameOnTheClientAndWithASuffixOnTheServer()
            throws Exception {
        ConfigLoader loader = new ConfigLoader(TypeRegistry.fromClasspath(), Map.of());
        ForwardClientConfig client =
                loader.load(
                        "agent.yaml",
                        "{host: agg, security: {shared_key: 0123456789abcdef}}",
                        ForwardClientConfig.class);
        ForwardServerConfig server =
                loader.load(
                        "aggregator.yaml",
                        "{security: {shared_key: 0123456789abcdef}}",
                        ForwardServerConfig.class);
        String host = LocalHostName.get();
        assertThat(host).isNotBlank();
        assertThat(client.security().orElseThrow().selfHostname()).isEqualTo(host);
        assertThat(server.security().orElseThrow().selfHostname()).isEqualTo(host + "-aggregator");
        // a name given is kept
        assertThat(new ClientSecurityConfig("agent-7", "0123456789abcdef", "", "").selfHostname())
                .isEqualTo("agent-7");
    }

    @Test
    void theHostNameComesFromTheSystemElseEtcHostnameElseLocalhost() throws Exception {
        Path file = Files.writeString(dir.resolve("hostname"), "\n  web-3.example  \n");
        assertThat(LocalHostName.of(() -> "web-1", file)).isEqualTo("web-1");
        assertThat(
                        LocalHostName.of(
                                () -> {
                                    throw new UnknownHostException(
                                            "web-2: Name or service not known");
                                },
                                file))
                .isEqualTo("web-3.example");
        assertThat(LocalHostName.of(() -> "", dir.resolve("absent"))).isEqualTo("localhost");
    }
}
