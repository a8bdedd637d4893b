package dev.hakobu.bench.cluster;

import dev.hakobu.bench.harness.MaskedRoute;
import dev.hakobu.bench.harness.S3Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The YAML of every role in a run. Aggregators mask as story S1 needs (the {@code token} query parameter,
 * {@code *secret*} fields, e-mail addresses), route {@code app.**} to one output named {@code out} with
 * Asia/Tokyo partitions, and keep the shipped defaults otherwise except the chunk age under test. Agents
 * tail their S1 JSON and S2 LTSV files (with S2's typed fields) and list every aggregator with equal weight.
 */
final class ClusterConfigs {
    private ClusterConfigs() {}

    /** @param s3 the running proxy for the s3 outputs, else null */
    static String aggregator(
            ClusterOptions o,
            String node,
            Path dir,
            int port,
            int httpPort,
            Path fileRoot,
            S3Proxy s3) {
        String codec = o.output().substring(o.output().indexOf('-') + 1);
        String out =
                o.s3()
                        ? "{type: s3, bucket: %s, endpoint: \"%s\", path_style: true, compression: %s, time_zone: Asia/Tokyo, credentials: {access_key_id: %s, secret_access_key: %s}}"
                                .formatted(
                                        S3Proxy.BUCKET,
                                        s3.endpoint(),
                                        codec,
                                        S3Proxy.IDENTITY,
                                        S3Proxy.CREDENTIAL)
                        : "{type: file, root: \"%s\", compression: %s, time_zone: Asia/Tokyo}"
                                .formatted(fileRoot, codec);
        return """
                node: %s
                state_dir: "%s"
                listen: {bind: 127.0.0.1, port: %d}
                http: {bind: 127.0.0.1, port: %d}
                outputs:
                  out: %s
                %s
                buffer: {max_age: %dms, late_wait: %dms}
                """
                .formatted(
                        node,
                        dir.resolve("state"),
                        port,
                        httpPort,
                        out,
                        MaskedRoute.YAML,
                        o.maxAge().toMillis(),
                        o.lateWait().toMillis());
    }

    static String agent(
            ClusterOptions o, Path dir, Path logs, List<Integer> aggregatorPorts, int httpPort) {
        String servers =
                aggregatorPorts.stream()
                        .map(p -> "{host: 127.0.0.1, port: " + p + ", weight: 60}")
                        .collect(Collectors.joining(", "));
        return """
                state_dir: "%s"
                sources:
                  - paths: ["%s"]
                    tag: app.api
                    format: {type: json, time_key: timestamp}
                  - paths: ["%s"]
                    tag: app.access
                    format: {type: ltsv, time_key: time, time_format: "dd/MMM/yyyy:HH:mm:ss Z", types: {size: {type: integer, null_as: -1}, reqtime: {type: float, null_as: -1.0}}}
                forward: {servers: [%s]}
                batch: {flush_interval: %dms}
                http: {enabled: true, port: %d}
                """
                .formatted(
                        dir.resolve("state"),
                        logs.resolve("api.log"),
                        logs.resolve("access.log"),
                        servers,
                        o.agentFlush().toMillis(),
                        httpPort);
    }
}
