/**
 * The {@code hakobu} launcher. Subcommands come from {@link dev.hakobu.runtime.HakobuCommand} services,
 * so the agent's classpath (without the aggregator and outputs) offers only what it can run.
 * Exit codes: 0 success, 1 runtime failure, 2 invalid usage or configuration; the roles' full list
 * (lock held, directory, port) is in {@link dev.hakobu.runtime.RoleRunner}.
 */
package dev.hakobu.runtime;
