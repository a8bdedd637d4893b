package dev.hakobu.forward;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessageUnpacker;

/** The server's response to a frame carrying a chunk id: the msgpack map {@code {"ack": chunk}}. */
final class Acks {
    private static final byte[] PREFIX = {(byte) 0x81, (byte) 0xa3, 'a', 'c', 'k'};

    private Acks() {}

    static byte[] encode(String chunk) {
        byte[] id = chunk.getBytes(StandardCharsets.UTF_8);
        int header = id.length < 32 ? 1 : id.length < 256 ? 2 : id.length < 65536 ? 3 : 5;
        byte[] out = new byte[PREFIX.length + header + id.length];
        System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
        int p = PREFIX.length;
        switch (header) {
            case 1 -> out[p] = (byte) (0xa0 | id.length);
            case 2 -> {
                out[p] = (byte) 0xd9;
                out[p + 1] = (byte) id.length;
            }
            case 3 -> {
                out[p] = (byte) 0xda;
                out[p + 1] = (byte) (id.length >>> 8);
                out[p + 2] = (byte) id.length;
            }
            default -> {
                out[p] = (byte) 0xdb;
                for (int i = 0; i < 4; i++) {
                    out[p + 1 + i] = (byte) (id.length >>> (24 - 8 * i));
                }
            }
        }
        System.arraycopy(id, 0, out, p + header, id.length);
        return out;
    }

    /**
     * Reads one response map from the server.
     *
     * @return the acked chunk id, or {@code null} if the map has no string {@code ack}
     * @throws IOException if the stream ends or is not msgpack
     */
    static String read(MessageUnpacker unpacker) throws IOException {
        String ack = null;
        int entries = unpacker.unpackMapHeader();
        for (int i = 0; i < entries; i++) {
            String key =
                    unpacker.getNextFormat().getValueType().isStringType()
                            ? unpacker.unpackString()
                            : null;
            if ("ack".equals(key) && unpacker.getNextFormat().getValueType().isStringType()) {
                ack = unpacker.unpackString();
            } else {
                if (key == null) {
                    unpacker.skipValue();
                }
                unpacker.skipValue();
            }
        }
        return ack;
    }
}
