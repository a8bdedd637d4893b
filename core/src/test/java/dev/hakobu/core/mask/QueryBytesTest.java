package dev.hakobu.core.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hakobu.core.msgpack.GrowableOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

class QueryBytesTest {
    private static final String[] PIECES = {"name", "token", "TOKEN", "Token", "key", "=", "=", "&", "&", "hoge", "abc123", "%E6%97%A5",
        "日本", "é", "", "x".repeat(40)};

    @Test
    void masksExactlyAsTheStringPathForEveryActionOnRandomQueries() throws IOException {
        SplittableRandom random = new SplittableRandom(2020_08_14);
        QueryBytes bytes = new QueryBytes();
        int onBytes = 0;
        for (MaskAction action : MaskAction.values()) {
            ValueTransform transform = new ValueTransform(rule(action));
            for (int i = 0; i < 4_000; i++) {
                String query = query(random);
                MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
                p.packString(query);
                byte[] packed = p.toByteArray();
                GrowableOutput out = new GrowableOutput(16);
                boolean handled = bytes.mask(packed, 0, packed.length, new byte[][] {"token".getBytes(StandardCharsets.US_ASCII),
                    "key".getBytes(StandardCharsets.US_ASCII)}, transform, out);
                if (!handled) {
                    assertThat(out.size()).isZero();
                    assertThat(query).as("only names with non-ASCII bytes leave the byte path").containsPattern("[^\\x00-\\x7f]");
                    continue;
                }
                onBytes++;
                try (MessageUnpacker u = MessagePack.newDefaultUnpacker(out.array(), 0, out.size())) {
                    assertThat(u.unpackString()).as("%s on '%s'", action, query).isEqualTo(QueryString.mask(query, Set.of("token", "key"), transform));
                    assertThat(u.hasNext()).isFalse();
                }
            }
        }
        assertThat(onBytes).as("most random queries take the byte path").isGreaterThan(8_000);
    }

    @Test
    void leavesValuesThatAreNotStringsToTheDecodingPath() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packInt(42);
        byte[] packed = p.toByteArray();
        GrowableOutput out = new GrowableOutput(16);
        assertThat(new QueryBytes().mask(packed, 0, packed.length, new byte[][] {"token".getBytes(StandardCharsets.US_ASCII)},
                new ValueTransform(rule(MaskAction.REDACT)), out)).isFalse();
        assertThat(out.size()).isZero();
    }

    private static MaskRuleConfig rule(MaskAction action) {
        return new MaskRuleConfig(Optional.of("parameter"), List.of("token", "key"), Optional.empty(), action, "***", 4, Optional.of("k3y"));
    }

    private static String query(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(1, 10);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return s.toString();
    }
}
