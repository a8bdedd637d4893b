package dev.hakobu.config;

/**
 * A byte count written as {@code 512}, {@code 64KiB}, {@code 8MiB}, {@code 1GiB} (also {@code KB/MB/GB},
 * read as powers of 1024 like most log shippers do, and lower case).
 */
public record DataSize(long bytes) {
    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative");
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static DataSize parse(String text) {
        throw new UnsupportedOperationException("TODO: implement");
    }

    public int intBytes() {
        return Math.toIntExact(bytes);
    }
}
