package dev.hakobu.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NewlinesTest {
    @Test
    void findsTheFirstNewlineInTheRangeAsAByteScanWould() {
        SplittableRandom random = new SplittableRandom(10);
        for (int round = 0; round < 50_000; round++) {
            byte[] buf = new byte[random.nextInt(1, 64)];
            for (int i = 0; i < buf.length; i++) {
                int kind = random.nextInt(20);
                buf[i] =
                        (byte)
                                (kind == 0
                                        ? '\n'
                                        : kind == 1
                                                ? 0x0B
                                                : kind == 2
                                                        ? 0x09
                                                        : kind == 3 ? 0x8A : random.nextInt(256));
            }
            int from = random.nextInt(buf.length);
            int to = random.nextInt(from, buf.length + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (buf[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(Newlines.next(buf, from, to)).as("round %d", round).isEqualTo(expected);
        }
    }
}
