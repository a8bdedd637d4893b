package dev.hakobu.runtime;

/**
 * Marker for a process's root config record ({@code agent}, {@code aggregator}); registered as a
 * {@link dev.hakobu.config.TypeBinding} of this family so {@code check-config} can tell which role a file is for.
 */
public interface RoleConfig {}
