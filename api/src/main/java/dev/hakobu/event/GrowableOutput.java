package dev.hakobu.event;

import java.util.Arrays;
import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferOutput;

/**
 * A msgpack output into one growable byte array that callers may read and patch in place
 * ({@link #array()}, {@link #size()}), and reuse with {@link #reset()} without reallocating.
 * Not thread-safe; one per parser thread.
 */
public final class GrowableOutput implements MessageBufferOutput {
    private byte[] array;
    private int size;

    public GrowableOutput(int initialCapacity) {
        this.array = new byte[Math.max(16, initialCapacity)];
    }

    public byte[] array() {
        return array;
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    /** Drops what was written after {@code size} bytes. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
        }
        size = newSize;
    }

    /** Skips {@code n} bytes to be patched later (a header whose size is known only at the end). */
    public void reserve(int n) {
        ensure(n);
        size += n;
    }

    public void ensure(int extra) {
        int needed = size + extra;
        if (needed > array.length) {
            array = Arrays.copyOf(array, Math.max(needed, array.length * 2));
        }
    }

    @Override
    public MessageBuffer next(int minimumSize) {
        ensure(Math.max(minimumSize, 4096));
        return MessageBuffer.wrap(array, size, array.length - size);
    }

    @Override
    public void writeBuffer(int length) {
        size += length;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        ensure(length);
        System.arraycopy(buffer, offset, array, size, length);
        size += length;
    }

    public void writeByte(int b) {
        ensure(1);
        array[size++] = (byte) b;
    }

    @Override
    public void add(byte[] buffer, int offset, int length) {
        write(buffer, offset, length);
    }

    @Override
    public void close() {}

    @Override
    public void flush() {}
}
