package dev.hakobu.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatternPrefilterTest {
    @Test
    void theEmailPrefilterFindsAnAtSignAtEveryPositionAndOffset() {
        MaskRuleConfig.BytePrefilter email = MaskRuleConfig.Patterns.bytePrefilter("email");
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(1, 40)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) random.nextInt(256);
                if (b[k] == '@') {
                    b[k] = 'a';
                }
            }
            int off = random.nextInt(b.length);
            int len = random.nextInt(b.length - off + 1);
            int at = random.nextInt(3) == 0 ? -1 : random.nextInt(b.length);
            if (at >= 0) {
                b[at] = '@';
            }
            boolean expected = at >= off && at < off + len;
            assertThat(email.test(b, off, len))
                    .as("'@' at %d in [%d, %d)", at, off, off + len)
                    .isEqualTo(expected);
        }
    }
}
