package dev.hakobu.bench.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

/**
 * Writes an object the {@code parquet} encoding made again, same schema, same rows in the same order,
 * with other page and row-group limits: the stand-in for writer options the encoding does not offer yet
 * (issue 21 slice B adds them). Dictionary encoding and statistics stay on, as in the encoding; the
 * codec is the original's. A rewrite with parquet-java's defaults gives the encoding's own object back
 * (same sizes, see the results), so the differences measured are the settings'.
 *
 * @param pageRowLimit  parquet-java's {@code page.row.count.limit} (default 20,000)
 * @param pageBytes     its {@code page.size} (default 1 MiB)
 * @param rowGroupBytes its {@code block.size} (default 128 MiB)
 * @param writerVersion its {@code writer.version}: v1 (default; PLAIN or dictionary values) or v2 (data
 *     page v2, delta encodings for integers and strings that do not fit a dictionary)
 */
record PageSettingsRewrite(
        int pageRowLimit, int pageBytes, long rowGroupBytes, WriterVersion writerVersion) {
    static final PageSettingsRewrite DEFAULTS =
            new PageSettingsRewrite(
                    ParquetProperties.DEFAULT_PAGE_ROW_COUNT_LIMIT,
                    ParquetWriter.DEFAULT_PAGE_SIZE,
                    ParquetWriter.DEFAULT_BLOCK_SIZE,
                    WriterVersion.PARQUET_1_0);

    /** Replaces {@code file} by its rewrite. */
    void rewrite(Path file, PageCodecs codecs) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".rewrite");
        ParquetReadOptions options = PlainReadOptions.all(codecs);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            Map<String, String> meta =
                    new HashMap<>(reader.getFooter().getFileMetaData().getKeyValueMetaData());
            CompressionCodecName codec =
                    reader.getFooter().getBlocks().get(0).getColumns().get(0).getCodec();
            try (ParquetWriter<Group> writer =
                    ExampleParquetWriter.builder(new LocalOutputFile(tmp))
                            .withType(schema)
                            .withExtraMetaData(meta)
                            .withConf(new PlainParquetConfiguration())
                            .withCodecFactory(codecs)
                            .withCompressionCodec(codec)
                            .withDictionaryEncoding(true)
                            .withPageRowCountLimit(pageRowLimit)
                            .withPageSize(pageBytes)
                            .withRowGroupSize(rowGroupBytes)
                            .withWriterVersion(writerVersion)
                            .build()) {
                ColumnIOFactory columns = new ColumnIOFactory();
                PageReadStore rowGroup;
                while ((rowGroup = reader.readNextRowGroup()) != null) {
                    RecordReader<Group> rows =
                            columns.getColumnIO(schema)
                                    .getRecordReader(rowGroup, new GroupRecordConverter(schema));
                    for (long r = 0; r < rowGroup.getRowCount(); r++) {
                        writer.write(rows.read());
                    }
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * {@code rows=1000,page=1048576,rowgroup=134217728,writer=v2}; a missing key keeps parquet-java's
     * default.
     */
    static PageSettingsRewrite parse(String spec) {
        PageSettingsRewrite s = DEFAULTS;
        for (String kv : spec.split(",")) {
            String[] p = kv.split("=", 2);
            int rows = s.pageRowLimit;
            int page = s.pageBytes;
            long rowGroup = s.rowGroupBytes;
            WriterVersion version = s.writerVersion;
            switch (p[0].trim()) {
                case "rows" -> rows = Integer.parseInt(p[1]);
                case "page" -> page = Integer.parseInt(p[1]);
                case "rowgroup" -> rowGroup = Long.parseLong(p[1]);
                case "writer" ->
                        version =
                                p[1].equals("v2")
                                        ? WriterVersion.PARQUET_2_0
                                        : WriterVersion.PARQUET_1_0;
                default ->
                        throw new IllegalArgumentException(
                                "page settings: rows=, page=, rowgroup= or writer=, not " + kv);
            }
            s = new PageSettingsRewrite(rows, page, rowGroup, version);
        }
        return s;
    }
}
