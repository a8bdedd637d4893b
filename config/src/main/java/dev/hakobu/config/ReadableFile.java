package dev.hakobu.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code Path} (or {@code Optional<Path>}) component naming a file the process reads at start (a TLS
 * certificate or key). A loader made with {@link ConfigLoader#checkingPaths()} reports it when it is missing,
 * a directory, or not readable by this user.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface ReadableFile {}
