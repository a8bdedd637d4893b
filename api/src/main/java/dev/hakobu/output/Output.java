package dev.hakobu.output;

/** A sink. See the package contract; {@link #close()} is idempotent. */
public interface Output extends AutoCloseable {

    WriteResult write(Chunk chunk);

    @Override
    void close();
}
