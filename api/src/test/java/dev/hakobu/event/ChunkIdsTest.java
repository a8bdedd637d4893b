package dev.hakobu.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChunkIdsTest {

    @Test
    void newIdsAreTwentyTwoUrlSafeCharactersAndDiffer() {
        SplittableRandom random = new SplittableRandom(1);
        String id = ChunkIds.newId(random);
        assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(ChunkIds.newId(random)).isNotEqualTo(id);
    }

    @Test
    void newIdsAreAlreadyFileSafe() {
        String id = ChunkIds.newId(new SplittableRandom(2));
        assertThat(ChunkIds.fileSafe(id)).isEqualTo(id);
    }

    @Test
    void foreignIdsAreHashedToTheSameNameEveryTime() {
        String foreign = "a/b+c==";
        assertThat(ChunkIds.fileSafe(foreign))
                .hasSize(32)
                .matches("[0-9a-f]+")
                .isEqualTo(ChunkIds.fileSafe(foreign));
    }
}
