package dev.hakobu.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code Path} (or {@code Optional<Path>}) component naming a directory the process creates if needed and
 * writes in. A loader made with {@link ConfigLoader#checkingPaths()} reports it when it is not a directory,
 * cannot be created (under a regular file, or under a directory this user cannot write) or is not writable.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface WritableDirectory {}
