package dev.hakobu.agent;

import dev.hakobu.agent.tail.TailSourceConfig;
import dev.hakobu.forward.ClientSecurityConfig;
import dev.hakobu.forward.ClientTlsConfig;
import dev.hakobu.forward.ForwardClientConfig;
import dev.hakobu.forward.ForwardNodeConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * What the agent says when it starts and when it stops, so that whoever reads the journal sees what it
 * reads, where it sends, and what became of it: one line per source, per forward server, for the state
 * directory and the HTTP endpoints, a warning for a source that matches no file; at stop, what was sent
 * and acknowledged. The lines are built here as text, and logged by {@link Agent}.
 */
final class AgentStartupReport {
    /** One line to log, at WARN or INFO. */
    record Line(boolean warn, String text) {}

    private AgentStartupReport() {}

    /**
     * @param matching the files a source's globs match now
     * @param http where the HTTP endpoints listen; null when they are off
     */
    static List<Line> started(
            AgentConfig config,
            Function<TailSourceConfig, List<Path>> matching,
            InetSocketAddress http) {
        List<Line> lines = new ArrayList<>();
        for (TailSourceConfig source : config.sources()) {
            lines.add(source(source, matching.apply(source)));
        }
        ForwardClientConfig forward = config.forward();
        for (ForwardNodeConfig server : forward.servers()) {
            lines.add(new Line(false, server(forward, server)));
        }
        lines.add(
                new Line(
                        false,
                        "state directory "
                                + config.stateDir().toAbsolutePath()
                                + " (read positions and chunks in flight)"));
        lines.add(
                new Line(
                        false,
                        http == null
                                ? "http endpoints off"
                                : "http endpoints on http://"
                                        + http.getHostString()
                                        + ":"
                                        + http.getPort()
                                        + " (/metrics, /health, /ready, /api/status)"));
        return lines;
    }

    /** The line at stop, once the positions are written: counts since start. */
    static String stopped(long chunksSent, long eventsSent, long chunksAcked, long eventsAcked) {
        return "stopped: sent "
                + chunksSent
                + " chunks ("
                + eventsSent
                + " events), acknowledged "
                + chunksAcked
                + " chunks ("
                + eventsAcked
                + " events); the positions of acknowledged lines are committed";
    }

    static void log(Logger log, List<Line> lines) {
        for (Line line : lines) {
            if (line.warn()) {
                log.warn("{}", line.text());
            } else {
                log.info("{}", line.text());
            }
        }
    }

    private static Line source(TailSourceConfig source, List<Path> files) {
        String text =
                "source "
                        + source.tag()
                        + ": paths "
                        + source.paths()
                        + (source.exclude().isEmpty() ? "" : ", excluding " + source.exclude())
                        + ", format "
                        + formatName(source);
        if (files.isEmpty()) {
            return new Line(
                    true,
                    text
                            + ": no file matches now; files that appear later are read from their"
                            + " beginning");
        }
        return new Line(
                false,
                text
                        + ": "
                        + files.size()
                        + (files.size() == 1 ? " file matches" : " files match")
                        + " now, read from "
                        + (source.readFromHead() ? "their beginning" : "their end")
                        + " unless a saved position says otherwise");
    }

    /** {@code json}, {@code ltsv}, {@code raw}: the {@code type:} of the format. */
    private static String formatName(TailSourceConfig source) {
        String name = source.format().getClass().getSimpleName();
        return name.endsWith("ParserConfig")
                ? name.substring(0, name.length() - "ParserConfig".length())
                        .toLowerCase(Locale.ROOT)
                : name;
    }

    private static String server(ForwardClientConfig forward, ForwardNodeConfig server) {
        StringBuilder b =
                new StringBuilder("forward server ")
                        .append(server.host())
                        .append(':')
                        .append(server.port())
                        .append(": ")
                        .append(
                                server.standby()
                                        ? "standby (used only while no regular server is healthy)"
                                        : "regular, weight " + server.weight())
                        .append(", compression ")
                        .append(forward.compressionOf(server).name().toLowerCase(Locale.ROOT));
        if (forward.tls().isPresent()) {
            ClientTlsConfig tls = forward.tls().get();
            b.append(", TLS (verify_hostname ").append(tls.verifyHostname()).append(')');
        } else {
            b.append(", plain TCP (no TLS)");
        }
        if (forward.security().isPresent()) {
            ClientSecurityConfig security = forward.security().get();
            b.append(", shared-key handshake as '").append(security.selfHostname()).append('\'');
            if (!security.username().isEmpty()) {
                b.append(" (user ").append(security.username()).append(')');
            }
        } else {
            b.append(", no handshake");
        }
        return b.toString();
    }
}
