package dev.hakobu.runtime;

/**
 * Service-provider interface for a subcommand: returns an instance of a picocli {@code @Command}
 * class. Listed in {@code META-INF/services/dev.hakobu.runtime.HakobuCommand} of the module that owns it.
 */
public interface HakobuCommand {
    Object command();
}
