package dev.hakobu.outputs.s3;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.time.Duration;

@Doc(
        "Redshift COPY manifests: for each tag and time window, one JSON manifest listing the objects written, so one COPY ... MANIFEST loads them all.")
public record ManifestConfig(
        @Doc(
                        "Key prefix of the manifests; they are named <prefix><tag>/<node>-<window start, UTC>.manifest.")
                @Default("manifests/")
                String prefix,
        @Doc(
                        "Objects written in one window go into one manifest, written once the window has ended.")
                @Default("5m")
                Duration window) {

    public ManifestConfig {
        if (window.compareTo(Duration.ofMinutes(1)) < 0
                || window.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("window: between 1m and 1d");
        }
        if (prefix.startsWith("/")) {
            throw new IllegalArgumentException("prefix: an S3 key prefix does not start with '/'");
        }
    }
}
