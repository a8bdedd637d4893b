package dev.hakobu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSizeTest {

    @ParameterizedTest
    @CsvSource({
        "512, 512",
        "512B, 512",
        "64KiB, 65536",
        "64kib, 65536",
        "64 KB, 65536",
        "64k, 65536",
        "8MiB, 8388608",
        "8M, 8388608",
        "1GiB, 1073741824",
        "1gb, 1073741824",
        "2TiB, 2199023255552",
        "0, 0"
    })
    void sizesAreReadAsPowersOf1024InAnyCase(String text, long bytes) {
        assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "1.5MiB", "MiB", "12 34"})
    void garbageIsRejectedWithExamples(String text) {
        assertThatThrownBy(() -> DataSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64KiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-5MiB"})
    void negativeSizesAreRejected(String text) {
        assertThatThrownBy(() -> DataSize.parse(text))
                .hasMessageStartingWith("a size cannot be negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8EB", "3pb"})
    void unknownUnitsNameTheUnitsThatWork(String text) {
        assertThatThrownBy(() -> DataSize.parse(text))
                .hasMessageEndingWith("use B, KiB, MiB, GiB or TiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999", "9000000TiB"})
    void sizesBeyondALongAreTooLarge(String text) {
        assertThatThrownBy(() -> DataSize.parse(text)).hasMessageEndingWith("is too large");
    }
}
