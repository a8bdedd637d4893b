/** How records are written at rest: JSON lines (what Athena's JSON SerDe reads), gzip or zstd. */
package dev.hakobu.encoding;
