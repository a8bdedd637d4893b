package dev.hakobu.runtime;

import dev.hakobu.config.ConfigError;
import dev.hakobu.config.ConfigException;
import dev.hakobu.config.ConfigLoader;
import dev.hakobu.config.TypeBinding;
import dev.hakobu.config.TypeRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "check-config",
        mixinStandardHelpOptions = true,
        description =
                "Validate config files: every error with file:line:column, including outputs named but"
                        + " not defined, directories this user cannot write and TLS files it cannot read;"
                        + " exit 2 if any.")
final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Config files to check.")
    List<Path> files;

    @Option(
            names = "--role",
            paramLabel = "ROLE",
            description = "agent or aggregator; guessed from the keys when absent.")
    Optional<String> role = Optional.empty();

    @Override
    public Integer call() {
        TypeRegistry registry = TypeRegistry.fromClasspath();
        ConfigLoader loader = new ConfigLoader(registry, System.getenv()).checkingPaths();
        List<TypeBinding> roles = registry.bindingsOf(RoleConfig.class);
        int exit = 0;
        for (Path file : files) {
            try {
                String yaml = Files.readString(file, StandardCharsets.UTF_8);
                TypeBinding chosen = choose(roles, loader, file, yaml);
                loader.load(file.toString(), yaml, chosen.config());
                System.out.println(file + ": ok (" + chosen.name() + ")");
            } catch (ConfigException e) {
                e.errors().forEach(error -> System.err.println(error));
                exit = 2;
            } catch (IOException e) {
                System.err.println(
                        new ConfigError(
                                file.toString(), 1, 1, "", "cannot read: " + e.getMessage()));
                exit = 2;
            }
        }
        return exit;
    }

    /** The role named by --role, else the one whose schema knows the most top-level keys of the file. */
    private TypeBinding choose(List<TypeBinding> roles, ConfigLoader loader, Path file, String yaml)
            throws ConfigException {
        if (role.isPresent()) {
            return roles.stream()
                    .filter(r -> r.name().equals(role.get()))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new ConfigException(
                                            List.of(
                                                    new ConfigError(
                                                            file.toString(),
                                                            1,
                                                            1,
                                                            "",
                                                            "unknown role '"
                                                                    + role.get()
                                                                    + "'; known: "
                                                                    + roles.stream()
                                                                            .map(TypeBinding::name)
                                                                            .toList()))));
        }
        TypeBinding best = null;
        int fewest = Integer.MAX_VALUE;
        for (TypeBinding r : roles) {
            @SuppressWarnings("unchecked")
            int unknown =
                    loader.unknownTopLevelKeys(
                                    file.toString(), yaml, (Class<? extends Record>) r.config())
                            .size();
            if (unknown < fewest) {
                fewest = unknown;
                best = r;
            }
        }
        if (best == null) {
            throw new ConfigException(
                    List.of(new ConfigError(file.toString(), 1, 1, "", "no roles are installed")));
        }
        return best;
    }
}
