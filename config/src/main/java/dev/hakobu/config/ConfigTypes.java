package dev.hakobu.config;

import java.util.List;

/**
 * Service-provider interface: each module lists the config types it contributes in
 * {@code META-INF/services/dev.hakobu.config.ConfigTypes}. The loader finds them with
 * {@link java.util.ServiceLoader}, so a process only knows the types on its classpath
 * (the agent knows no outputs).
 */
public interface ConfigTypes {
    List<TypeBinding> bindings();
}
