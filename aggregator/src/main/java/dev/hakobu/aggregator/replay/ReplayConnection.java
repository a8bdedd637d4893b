package dev.hakobu.aggregator.replay;

import dev.hakobu.config.ConfigError;
import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.forward.ClientSecurityConfig;
import dev.hakobu.forward.ClientTlsConfig;
import dev.hakobu.forward.ForwardClientConfig;
import dev.hakobu.forward.ForwardNodeConfig;
import dev.hakobu.runtime.CommandFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * Where {@code hakobu replay} sends and how it gets in: the same settings as the agent's {@code forward:}
 * section, from the agent's own file ({@code --config}), from options, or both.
 *
 * <p>Precedence: {@code --config} gives servers, timeouts, {@code security} and {@code tls}; {@code --to}
 * replaces the servers; any security option replaces the file's {@code security} section and any TLS option
 * replaces its {@code tls} section (a section is taken whole from one place, never merged). Secrets never go
 * on the command line, where {@code ps} shows them: the shared key and password are read from environment
 * variables named by {@code --shared-key-env} and {@code --password-env}.
 */
final class ReplayConnection {
    @Option(
            names = "--to",
            paramLabel = "HOST:PORT",
            description = "The aggregator's forward listener; replaces the servers of --config.")
    String to;

    @Option(
            names = "--config",
            paramLabel = "AGENT_YAML",
            description =
                    "An agent config: its forward section (servers, security, tls, timeouts) is used.")
    Path config;

    @Option(
            names = "--self-hostname",
            paramLabel = "NAME",
            description = "Name sent in the handshake (security.self_hostname).")
    String selfHostname;

    @Option(
            names = "--shared-key-env",
            paramLabel = "VAR",
            description = "Environment variable holding the shared key (security.shared_key).")
    String sharedKeyEnv;

    @Option(
            names = "--username",
            paramLabel = "NAME",
            description = "User name, for aggregators with user_auth (security.username).")
    String username;

    @Option(
            names = "--password-env",
            paramLabel = "VAR",
            description = "Environment variable holding the password (security.password).")
    String passwordEnv;

    @Option(
            names = "--tls",
            description = "Connect with TLS (implied by the other --tls-* options).")
    boolean tls;

    @Option(
            names = "--tls-ca",
            paramLabel = "FILE",
            description =
                    "PEM CA certificates to trust (tls.ca); the JDK's trust store when absent.")
    Path tlsCa;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description = "PEM client certificate chain (tls.cert), with --tls-key.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "PEM PKCS#8 key of --tls-cert (tls.key).")
    Path tlsKey;

    @Option(
            names = "--tls-no-verify-hostname",
            description =
                    "Do not check that the server certificate names the host (tls.verify_hostname: false).")
    boolean tlsNoVerifyHostname;

    /** Replay's own timing when no agent file gives one: patient acks, quick retries. */
    private static ForwardClientConfig replayDefaults(String host, int port) {
        return ForwardClientConfig.defaults(host, port)
                .withTiming(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(10))
                .withSending(ForwardClientConfig.Compression.GZIP, 8);
    }

    /**
     * @param env the process environment, where the secrets are read
     * @throws CommandFailure (exit 2) with one line saying what to fix
     */
    ForwardClientConfig forwardConfig(Map<String, String> env) {
        Optional<ForwardClientConfig> file = Optional.ofNullable(config).map(this::agentForward);
        if (to == null && file.isEmpty()) {
            throw new CommandFailure(
                    "give --to HOST:PORT, or --config AGENT_YAML to use its servers");
        }
        ForwardClientConfig base = to == null ? file.get() : withServer(file, parseTo(to));
        Optional<ClientSecurityConfig> security =
                security(env).or(() -> file.flatMap(ForwardClientConfig::security));
        Optional<ClientTlsConfig> tlsConfig =
                tls().or(() -> file.flatMap(ForwardClientConfig::tls));
        return base.withSecurity(security, tlsConfig);
    }

    /** Where replay sends, as its summary line says. */
    String destination(ForwardClientConfig config) {
        return config.servers().stream()
                        .map(ForwardNodeConfig::toString)
                        .collect(Collectors.joining(", "))
                + (config.tls().isPresent() ? " (TLS)" : "");
    }

    private ForwardClientConfig agentForward(Path file) {
        try {
            return ConfigLoader.fromClasspath()
                    .loadSection(file, "forward", ForwardClientConfig.class);
        } catch (ConfigException e) {
            throw new CommandFailure(
                    e.errors().stream()
                            .map(ConfigError::toString)
                            .collect(Collectors.joining("; ")));
        }
    }

    private static ForwardNodeConfig parseTo(String to) {
        int colon = to.lastIndexOf(':');
        if (colon <= 0 || !to.substring(colon + 1).matches("\\d{1,5}")) {
            throw new CommandFailure("--to: write host:port, e.g. 127.0.0.1:24224");
        }
        int port = Integer.parseInt(to.substring(colon + 1));
        if (port < 1 || port > 65535) {
            throw new CommandFailure("--to: " + port + " is not a TCP port (1 to 65535)");
        }
        return ForwardNodeConfig.of(to.substring(0, colon), port);
    }

    private static ForwardClientConfig withServer(
            Optional<ForwardClientConfig> file, ForwardNodeConfig server) {
        if (file.isEmpty()) {
            return replayDefaults(server.host(), server.port());
        }
        ForwardClientConfig f = file.get();
        return new ForwardClientConfig(
                List.of(server),
                Optional.empty(),
                server.port(),
                f.connectTimeout(),
                f.ackTimeout(),
                f.compression(),
                f.maxInFlightChunks(),
                f.retryBackoffMin(),
                f.retryBackoffMax(),
                f.security(),
                f.tls());
    }

    private Optional<ClientSecurityConfig> security(Map<String, String> env) {
        if (selfHostname == null
                && sharedKeyEnv == null
                && username == null
                && passwordEnv == null) {
            return Optional.empty();
        }
        if (sharedKeyEnv == null) {
            throw new CommandFailure(
                    "--shared-key-env: required with --self-hostname, --username or --password-env;"
                            + " name the environment variable that holds the shared key");
        }
        if (selfHostname == null) {
            throw new CommandFailure(
                    "--self-hostname: required with --shared-key-env; give the name this replay sends in"
                            + " the handshake (not the aggregator's own)");
        }
        try {
            return Optional.of(
                    new ClientSecurityConfig(
                            selfHostname,
                            secret(env, sharedKeyEnv, "--shared-key-env"),
                            username == null ? "" : username,
                            passwordEnv == null ? "" : secret(env, passwordEnv, "--password-env")));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("security: " + e.getMessage());
        }
    }

    private static String secret(Map<String, String> env, String variable, String option) {
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            throw new CommandFailure(
                    option + ": the environment variable " + variable + " is not set or empty");
        }
        return value;
    }

    private Optional<ClientTlsConfig> tls() {
        if (!tls && tlsCa == null && tlsCert == null && tlsKey == null && !tlsNoVerifyHostname) {
            return Optional.empty();
        }
        requireReadable(tlsCa, "--tls-ca");
        requireReadable(tlsCert, "--tls-cert");
        requireReadable(tlsKey, "--tls-key");
        try {
            return Optional.of(
                    new ClientTlsConfig(
                            Optional.ofNullable(tlsCa),
                            Optional.ofNullable(tlsCert),
                            Optional.ofNullable(tlsKey),
                            !tlsNoVerifyHostname));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("--tls-cert and --tls-key go together");
        }
    }

    private static void requireReadable(Path file, String option) {
        if (file != null && !Files.isReadable(file)) {
            throw new CommandFailure(
                    option
                            + ": "
                            + file
                            + (Files.exists(file)
                                    ? " is not readable by this user"
                                    : ": no such file"));
        }
    }
}
