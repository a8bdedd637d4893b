package dev.hakobu.bench.parquet;

import dev.hakobu.event.EntryReader;
import dev.hakobu.output.Chunk;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * DuckDB's Parquet writer (duckdb_jdbc): each chunk's records are appended to an in-memory table through
 * the appender, then {@code COPY ... TO} a temporary file (FORMAT parquet, COMPRESSION zstd), which is
 * copied into the output's stream, as the encoding seam would have to. The table's columns are S1's, known
 * in advance: this candidate skips the schema inference the other one does, which favours it.
 * {@code -Dthreads=N} sets DuckDB's threads (default 1, one output worker's share).
 */
final class DuckDbCandidate implements ParquetChoiceBench.Candidate {
    private static final String[] COLUMNS = {
        "timestamp", "camera_id", "api", "method", "parameter", "user", "ua"
    };
    private final Connection db;
    private final Path file;

    DuckDbCandidate(Path dir) throws SQLException {
        this.db = DriverManager.getConnection("jdbc:duckdb:");
        this.file = dir.resolve("duckdb.parquet");
        try (Statement st = db.createStatement()) {
            st.execute("SET threads = " + Integer.getInteger("threads", 1));
        }
    }

    @Override
    public void encode(Chunk chunk, OutputStream out) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute(
                    "CREATE OR REPLACE TABLE t (time BIGINT, \"timestamp\" VARCHAR, camera_id VARCHAR,"
                            + " api VARCHAR, method VARCHAR, parameter VARCHAR, \"user\" VARCHAR,"
                            + " ua VARCHAR)");
            try (DuckDBAppender appender =
                    db.unwrap(DuckDBConnection.class)
                            .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t")) {
                String[] slots = new String[COLUMNS.length];
                EntryReader.parse(
                        chunk.entries(),
                        chunk.offset(),
                        chunk.length(),
                        (nanos, buf, off, limit) -> {
                            try {
                                return append(appender, slots, nanos, buf, off, limit);
                            } catch (IOException | SQLException e) {
                                throw new RuntimeException(e);
                            }
                        });
            }
            st.execute(
                    "COPY (SELECT make_timestamp(time) AS time, * EXCLUDE (time) FROM t) TO '"
                            + file
                            + "' (FORMAT parquet, COMPRESSION zstd)");
        }
        try (out) {
            Files.copy(file, out);
        }
    }

    private static int append(
            DuckDBAppender appender, String[] slots, long nanos, byte[] buf, int off, int limit)
            throws IOException, SQLException {
        java.util.Arrays.fill(slots, null);
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(buf, off, limit - off)) {
            int fields = u.unpackMapHeader();
            for (int i = 0; i < fields; i++) {
                int column = column(u.unpackString());
                if (u.getNextFormat().getValueType() == org.msgpack.value.ValueType.NIL) {
                    u.unpackNil();
                } else if (column < 0) {
                    u.skipValue();
                } else {
                    slots[column] = u.unpackString();
                }
            }
            appender.beginRow();
            appender.append(Math.floorDiv(nanos, 1000L));
            for (String value : slots) {
                appender.append(value);
            }
            appender.endRow();
            return off + (int) u.getTotalReadBytes();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static int column(String key) {
        for (int i = 0; i < COLUMNS.length; i++) {
            if (COLUMNS[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
