package dev.hakobu.encoding;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link RecordEncoding}s on the classpath, by name, found once through {@link ServiceLoader}.
 * Thread-safe.
 */
public final class RecordEncodings {
    private RecordEncodings() {}

    /** Loaded on first use, so a process that never stores files never scans for encodings. */
    private static final class Registered {
        static final Map<String, RecordEncoding> BY_NAME =
                index(ServiceLoader.load(RecordEncoding.class));
    }

    /**
     * The encoding {@code format: name} selects.
     *
     * @throws IllegalArgumentException naming the known encodings when none has this name
     */
    public static RecordEncoding find(String name) {
        RecordEncoding encoding = Registered.BY_NAME.get(name);
        if (encoding == null) {
            throw new IllegalArgumentException(
                    "no encoding named '" + name + "'; known: " + String.join(", ", names()));
        }
        return encoding;
    }

    /** The registered names, sorted. */
    public static Set<String> names() {
        return Registered.BY_NAME.keySet();
    }

    /** @throws IllegalStateException if two encodings share a name, naming both classes */
    static Map<String, RecordEncoding> index(Iterable<RecordEncoding> encodings) {
        Map<String, RecordEncoding> byName = new TreeMap<>();
        for (RecordEncoding encoding : encodings) {
            RecordEncoding earlier = byName.putIfAbsent(encoding.name(), encoding);
            if (earlier != null) {
                throw new IllegalStateException(
                        "two record encodings are named '"
                                + encoding.name()
                                + "': "
                                + earlier.getClass().getName()
                                + " and "
                                + encoding.getClass().getName()
                                + "; rename one of them");
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
