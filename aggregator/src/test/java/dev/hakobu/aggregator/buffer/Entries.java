package dev.hakobu.aggregator.buffer;

import dev.hakobu.event.EntryReader;
import dev.hakobu.event.EntryWriter;
import dev.hakobu.output.Chunk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds and reads test entries: records {"n": "<text>"} at given epoch seconds. */
final class Entries {
    private Entries() {}

    static EntryWriter of(long epochSecond, String... texts) {
        EntryWriter w = new EntryWriter(256);
        for (String t : texts) {
            byte[] s = t.getBytes(StandardCharsets.UTF_8);
            byte[] rec = new byte[3 + 2 + s.length];
            rec[0] = (byte) 0x81;
            rec[1] = (byte) 0xa1;
            rec[2] = 'n';
            rec[3] = (byte) 0xd9;
            rec[4] = (byte) s.length;
            System.arraycopy(s, 0, rec, 5, s.length);
            w.add(epochSecond * 1_000_000_000L, rec, 0, rec.length);
        }
        return w;
    }

    static List<String> texts(Chunk c) {
        List<String> out = new ArrayList<>();
        EntryReader.read(
                c.entries(),
                c.offset(),
                c.length(),
                (nanos, buf, off, len) ->
                        out.add(
                                new String(
                                        buf,
                                        off + 5,
                                        buf[off + 4] & 0xff,
                                        StandardCharsets.UTF_8)));
        return out;
    }
}
