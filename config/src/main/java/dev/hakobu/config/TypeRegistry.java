package dev.hakobu.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * All {@link TypeBinding}s known to a process, by family and name. Immutable; a name is unique within its
 * family, and the same record may be registered under several names.
 */
public final class TypeRegistry {
    private final Map<Class<?>, Map<String, TypeBinding>> byFamily = new LinkedHashMap<>();

    private TypeRegistry(List<TypeBinding> bindings) {
        for (TypeBinding binding : bindings) {
            Map<String, TypeBinding> family =
                    byFamily.computeIfAbsent(binding.family(), f -> new TreeMap<>());
            TypeBinding earlier = family.putIfAbsent(binding.name(), binding);
            if (earlier != null) {
                throw new IllegalStateException(
                        "two config types are named '"
                                + binding.name()
                                + "' in family "
                                + binding.family().getName()
                                + ": "
                                + earlier.config().getName()
                                + " and "
                                + binding.config().getName()
                                + "; rename one of them");
            }
        }
    }

    /** The types every {@link ConfigTypes} service on the classpath contributes. */
    public static TypeRegistry fromClasspath() {
        List<TypeBinding> bindings = new ArrayList<>();
        for (ConfigTypes types : ServiceLoader.load(ConfigTypes.class)) {
            bindings.addAll(types.bindings());
        }
        return new TypeRegistry(bindings);
    }

    /** @throws IllegalStateException if two bindings share a family and a name */
    public static TypeRegistry of(List<TypeBinding> bindings) {
        return new TypeRegistry(bindings);
    }

    /** True when at least one binding has {@code type} as its family. */
    public boolean isFamily(Class<?> type) {
        return byFamily.containsKey(type);
    }

    /** The bindings of {@code family}, sorted by name; empty for a type that is no family. */
    public List<TypeBinding> bindingsOf(Class<?> family) {
        return List.copyOf(byFamily.getOrDefault(family, Map.of()).values());
    }

    /** The binding that {@code type: name} selects where {@code family} is expected. */
    public Optional<TypeBinding> find(Class<?> family, String name) {
        return Optional.ofNullable(byFamily.getOrDefault(family, Map.of()).get(name));
    }

    /** The first name {@code config} is registered under, in any family; for messages and config dumps. */
    public Optional<String> nameOf(Class<? extends Record> config) {
        return byFamily.values().stream()
                .flatMap(names -> names.values().stream())
                .filter(binding -> binding.config() == config)
                .map(TypeBinding::name)
                .findFirst();
    }
}
