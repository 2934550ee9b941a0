package org.optline.audience.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkSizesTest {

    @Test
    void chunksStartSmallAndGrowByHalfUpToTheSetSize() {
        List<Integer> sizes = new ArrayList<>();
        int size = ImportRunner.firstChunkSize(100_000);
        for (int i = 0; i < 10; i++) {
            sizes.add(size);
            size = ImportRunner.nextChunkSize(size, 100_000);
        }
        assertThat(sizes).containsExactly(6_250, 9_375, 14_062, 21_093, 31_639, 47_458, 71_187, 100_000, 100_000, 100_000);
    }

    @Test
    void smallSetSizesAreKeptAsTheyAre() {
        assertThat(ImportRunner.firstChunkSize(3)).isEqualTo(3);
        assertThat(ImportRunner.nextChunkSize(3, 3)).isEqualTo(3);
        assertThat(ImportRunner.firstChunkSize(20_000)).isEqualTo(5_000);
        assertThat(ImportRunner.nextChunkSize(5_000, 20_000)).isEqualTo(7_500);
    }
}
