package dev.hakobu.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged units' sandbox, end to end: the installed packages' launchers, their shipped configs and
 * their units' environment, run where they may write only their state directory.
 *
 * <p>Two ways. Where systemd runs ({@code /run/systemd/system} exists), {@code systemd-run} starts the
 * aggregator as a transient service with the unit's own properties ({@code ProtectSystem=strict},
 * {@code StateDirectory=}, ...). Where it does not (this project's machines and CI: systemd is installed
 * but is not PID 1), a stand-in as close as root can build one without systemd: a private mount
 * namespace ({@code unshare --mount}) where every mount is read-only ({@code ProtectSystem=strict}) but
 * the state directory, a fresh tmpfs on /tmp ({@code PrivateTmp=}), then {@code setpriv} to the
 * unprivileged user {@code nobody} ({@code User=}, {@code NoNewPrivileges=}) with an environment of
 * nothing but the unit's {@code Environment=} (no HOSTNAME, as under systemd). Its state directory is
 * a folder of the scratch root, owned by nobody, named by {@code HAKOBU_STATE_DIR} instead of
 * {@code /var/lib/hakobu/<role>}: that one variable moves every path the config writes.
 */
class UnitSandboxIT {
    private static final int NOBODY = 65534;
    private static final int LINES = 50;

    @TempDir Path work;

    @Test
    void agentAndAggregatorInTheUnitsSandboxDeliverEveryLineIntoTheStateDirectory()
            throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "the sandbox stand-in needs root to build a mount namespace and drop to nobody");
        assumeTrue(
                canBuildAMountNamespace(),
                "unshare --mount is not permitted here (a container without CAP_SYS_ADMIN)");
        // not under /tmp (the sandbox mounts its own empty /tmp), nor in the clone (which may be
        // under
        // /root, where nobody cannot look)
        Path root = Files.createTempDirectory(Path.of("/var/tmp"), "hakobu-sandbox-");
        List<Process> processes = new ArrayList<>();
        try {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            ScratchRoot scratch =
                    new ScratchRoot(root, work).install("agent").install("aggregator");
            for (String role : List.of("agent", "aggregator")) {
                // what postinst's chgrp hakobu does for the service's user
                ScratchRoot.run(work, "chgrp", "nogroup", root + "/etc/hakobu/" + role + ".yaml");
            }
            assertThat(scratch.chgrpCalls()).hasLineCount(2);
            Path aggregatorState = stateDirectory(root, "aggregator");
            Path agentState = stateDirectory(root, "agent");
            Path appLogs = Files.createDirectories(root.resolve("var/log/app"));
            Path log = appLogs.resolve("api.log");
            Files.writeString(log, "");
            int port = freePort();

            Map<String, String> aggregatorEnv =
                    unitEnvironment(root, "aggregator", aggregatorState);
            aggregatorEnv.put("HAKOBU_LISTEN_PORT", Integer.toString(port));
            aggregatorEnv.put("HAKOBU_HTTP_PORT", "0");
            Map<String, String> agentEnv = unitEnvironment(root, "agent", agentState);
            agentEnv.put("HAKOBU_APP_LOG_DIR", appLogs.toString());
            agentEnv.put("HAKOBU_AGGREGATOR_PORT", Integer.toString(port));
            // nothing listens there: a standby is used only while the regular server is down
            agentEnv.put("HAKOBU_AGGREGATOR_STANDBY_PORT", Integer.toString(freePort()));

            // ExecStartPre: check-config in the same sandbox
            for (String role : List.of("aggregator", "agent")) {
                Process check =
                        sandboxed(
                                root,
                                role,
                                role.equals("agent") ? agentEnv : aggregatorEnv,
                                role.equals("agent") ? agentState : aggregatorState,
                                "check-" + role,
                                "check-config",
                                "--role",
                                role,
                                root + "/etc/hakobu/" + role + ".yaml");
                assertThat(check.waitFor(90, TimeUnit.SECONDS)).isTrue();
                assertThat(check.exitValue()).as(output("check-" + role)).isZero();
            }
            Process aggregator =
                    sandboxed(
                            root,
                            "aggregator",
                            aggregatorEnv,
                            aggregatorState,
                            "aggregator",
                            "aggregator",
                            "--config",
                            root + "/etc/hakobu/aggregator.yaml");
            processes.add(aggregator);
            Process agent =
                    sandboxed(
                            root,
                            "agent",
                            agentEnv,
                            agentState,
                            "agent",
                            "agent",
                            "--config",
                            root + "/etc/hakobu/agent.yaml");
            processes.add(agent);
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                lines.append(
                        "{\"timestamp\":\"2020-08-14T11:22:33+09:00\",\"seq\":"
                                + i
                                + ",\"api\":\"/image\"}\n");
            }
            Files.writeString(log, lines.toString());

            Path out = aggregatorState.resolve("out");
            OutputScan scan = OutputScan.of(out, ZoneId.of("Asia/Tokyo"));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (scan.distinct() < LINES && Instant.now().isBefore(deadline)) {
                assertThat(aggregator.isAlive()).as(output("aggregator")).isTrue();
                assertThat(agent.isAlive()).as(output("agent")).isTrue();
                Thread.sleep(200);
                scan = OutputScan.of(out, ZoneId.of("Asia/Tokyo"));
            }

            assertThat(scan)
                    .as(output("aggregator") + output("agent"))
                    .isEqualTo(new OutputScan(LINES, 0, 0, 0));
            stop(processes);
            // the agent's position: the whole file, acked
            assertThat(Files.readString(agentState.resolve("positions.tsv")))
                    .containsPattern("(?m)^" + Files.size(log) + "\t");
            try (Stream<Path> s = Files.walk(aggregatorState)) {
                assertThat(s.filter(p -> !p.equals(aggregatorState)).toList())
                        .isNotEmpty()
                        .allSatisfy(
                                p ->
                                        assertThat(Files.getAttribute(p, "unix:uid"))
                                                .as(p + " written by the service's user")
                                                .isEqualTo(NOBODY));
            }
            assertThat(output("aggregator") + output("agent"))
                    .doesNotContain("Read-only file system", "AccessDenied", "Permission denied");
        } finally {
            stop(processes);
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Where systemd runs: the aggregator as a transient service with its unit's sandbox properties, fed
     * by an agent from the package, and the lines land in {@code /var/lib/<StateDirectory>/out}.
     */
    @Test
    void underSystemdRunWithTheUnitsPropertiesTheAggregatorWritesIntoItsStateDirectory()
            throws Exception {
        assumeTrue(
                Files.isDirectory(Path.of("/run/systemd/system")),
                "systemd is not running on this machine (no /run/systemd/system): systemd-run cannot"
                        + " start a transient unit; the unshare/setpriv stand-in in this class covers"
                        + " the sandbox here");
        assumeTrue(
                "root".equals(System.getProperty("user.name")), "systemd-run --system needs root");
        String name = "hakobu-it-" + UUID.randomUUID().toString().substring(0, 8);
        // visible under ProtectHome= and PrivateTmp=, read-only under ProtectSystem=strict
        Path root = Files.createDirectories(Path.of("/var/lib", name + "-root"));
        Path stateDirectory = Path.of("/var/lib", name, "aggregator");
        Process service = null;
        Process agent = null;
        try {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            new ScratchRoot(root, work).install("aggregator").install("agent");
            Path config = root.resolve("etc/hakobu/aggregator.yaml");
            // the dynamic user below is in no group the file could be given to
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
            SystemdUnit unit =
                    SystemdUnit.read(root.resolve("lib/systemd/system/hakobu-aggregator.service"));
            int port = freePort();
            List<String> command = new ArrayList<>();
            command.addAll(
                    List.of(
                            "systemd-run",
                            "--wait",
                            "--collect",
                            "--quiet",
                            "--unit=" + name,
                            "-p",
                            "DynamicUser=yes",
                            "-p",
                            "StateDirectory=" + name + "/aggregator"));
            // every sandbox and resource property of the unit, as written there
            for (Map.Entry<String, List<String>> e : unit.service().entrySet()) {
                if (List.of(
                                        "User",
                                        "Group",
                                        "StateDirectory",
                                        "ConfigurationDirectory",
                                        "Environment",
                                        "Type",
                                        "Restart",
                                        "RestartSec")
                                .contains(e.getKey())
                        || e.getKey().startsWith("Exec")) {
                    continue;
                }
                for (String v : e.getValue()) {
                    command.addAll(List.of("-p", e.getKey() + "=" + v));
                }
            }
            Map<String, String> env = unit.environment(root);
            env.put("HAKOBU_STATE_DIR", stateDirectory.toString());
            env.put("HAKOBU_LISTEN_PORT", Integer.toString(port));
            env.put("HAKOBU_HTTP_PORT", "0");
            env.forEach((k, v) -> command.addAll(List.of("-E", k + "=" + v)));
            command.addAll(
                    List.of(
                            root + "/usr/lib/hakobu-aggregator/bin/hakobu",
                            "aggregator",
                            "--config",
                            config.toString()));
            service =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(work.resolve("systemd-run.out").toFile())
                            .start();

            Path logs = Files.createDirectories(work.resolve("logs"));
            Path log = logs.resolve("api.log");
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                lines.append("{\"timestamp\":\"2020-08-14T11:22:33+09:00\",\"seq\":" + i + "}\n");
            }
            Files.writeString(log, lines.toString());
            ProcessBuilder agentBuilder =
                    new ProcessBuilder(
                                    root + "/usr/lib/hakobu-agent/bin/hakobu",
                                    "agent",
                                    "--config",
                                    root + "/etc/hakobu/agent.yaml")
                            .redirectErrorStream(true)
                            .redirectOutput(work.resolve("agent.out").toFile());
            agentBuilder.environment().put("HAKOBU_STATE_DIR", work.resolve("agent").toString());
            agentBuilder.environment().put("HAKOBU_APP_LOG_DIR", logs.toString());
            agentBuilder.environment().put("HAKOBU_AGGREGATOR_PORT", Integer.toString(port));
            agentBuilder
                    .environment()
                    .put("HAKOBU_AGGREGATOR_STANDBY_PORT", Integer.toString(freePort()));
            agent = agentBuilder.start();

            Path out = stateDirectory.resolve("out");
            OutputScan scan = OutputScan.of(out, ZoneId.of("Asia/Tokyo"));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (scan.distinct() < LINES
                    && Instant.now().isBefore(deadline)
                    && service.isAlive()) {
                Thread.sleep(200);
                scan = OutputScan.of(out, ZoneId.of("Asia/Tokyo"));
            }
            assertThat(scan)
                    .as(Files.readString(work.resolve("systemd-run.out")))
                    .isEqualTo(new OutputScan(LINES, 0, 0, 0));
        } finally {
            if (agent != null) {
                agent.destroy();
                agent.waitFor(60, TimeUnit.SECONDS);
            }
            new ProcessBuilder("systemctl", "stop", name).start().waitFor(120, TimeUnit.SECONDS);
            if (service != null) {
                service.waitFor(120, TimeUnit.SECONDS);
            }
            new ProcessBuilder(
                            "rm",
                            "-rf",
                            root.toString(),
                            "/var/lib/" + name,
                            "/var/lib/private/" + name)
                    .start()
                    .waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static void stop(List<Process> processes) throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** {@code /var/lib/hakobu/<role>} in the scratch root, owned by nobody as StateDirectory= makes it. */
    private static Path stateDirectory(Path root, String role) throws Exception {
        Path dir = Files.createDirectories(root.resolve("var/lib/hakobu/" + role));
        ScratchRoot.run(root, "chown", NOBODY + ":" + NOBODY, dir.toString());
        return dir;
    }

    /** The unit's Environment= (and EnvironmentFile=), with HAKOBU_STATE_DIR moved to {@code state}. */
    private static Map<String, String> unitEnvironment(Path root, String role, Path state)
            throws IOException {
        SystemdUnit unit =
                SystemdUnit.read(root.resolve("lib/systemd/system/hakobu-" + role + ".service"));
        Map<String, String> env = new LinkedHashMap<>(unit.environment(root));
        assertThat(env).containsKey("HAKOBU_STATE_DIR").doesNotContainKey("HOSTNAME");
        env.put("HAKOBU_STATE_DIR", state.toString());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        return env;
    }

    /**
     * Starts {@code <root>/usr/lib/hakobu-<role>/bin/hakobu args} in the stand-in sandbox: a private
     * mount namespace with every mount read-only but {@code state}, an empty /tmp, as nobody with no
     * new privileges and exactly {@code env}. Output goes to {@code <name>.out} in the work folder.
     */
    private Process sandboxed(
            Path root,
            String role,
            Map<String, String> env,
            Path state,
            String name,
            String... args)
            throws IOException {
        String script =
                """
                set -eu
                state=$1; shift
                for m in $(findmnt -rn -o TARGET); do
                  case "$m" in /proc*|/sys*|/dev*) ;; *) mount -o remount,bind,ro "$m" 2>/dev/null || : ;; esac
                done
                if touch /.hakobu-sandbox-probe 2>/dev/null; then echo "sandbox: / is writable" >&2; exit 97; fi
                mount --bind "$state" "$state"
                mount -o remount,bind,rw "$state"
                mount -t tmpfs -o mode=1777 tmpfs /tmp
                exec setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs "$@"
                """;
        List<String> command = new ArrayList<>();
        command.addAll(
                List.of(
                        "unshare",
                        "--mount",
                        "--propagation",
                        "private",
                        "sh",
                        "-c",
                        script,
                        "sandbox",
                        state.toString(),
                        root + "/usr/lib/hakobu-" + role + "/bin/hakobu"));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve(name + ".out").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private String output(String name) {
        try {
            return "\n--- "
                    + name
                    + "\n"
                    + Files.readString(work.resolve(name + ".out"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "\n--- " + name + ": " + e;
        }
    }

    private static boolean canBuildAMountNamespace() throws InterruptedException {
        try {
            Process p =
                    new ProcessBuilder("unshare", "--mount", "--propagation", "private", "true")
                            .redirectErrorStream(true)
                            .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
