package dev.hakobu.outputs.key;

import dev.hakobu.event.LogSafe;
import java.io.IOException;

/** A name built from data that {@link SafeNames} refuses: the chunk can never be written there. */
public final class UnsafeNameException extends IOException {
    /** @param name as built; it may hold anything a tag or record held, so the message escapes it */
    public UnsafeNameException(String name, String problem) {
        super("'" + LogSafe.escape(name) + "': " + problem);
    }
}
