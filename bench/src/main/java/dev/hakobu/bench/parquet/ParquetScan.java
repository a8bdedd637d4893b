package dev.hakobu.bench.parquet;

import static org.apache.parquet.filter2.predicate.FilterApi.binaryColumn;
import static org.apache.parquet.filter2.predicate.FilterApi.eq;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.hadoop.metadata.IndexReference;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;

/**
 * The bytes of one Parquet object a reader cannot skip for {@code column = 'value'}, from the object's
 * footer and page indexes, with parquet-java's own filters deciding what is skipped:
 *
 * <ul>
 *   <li>Row-group level: {@code RowGroupFilter} (statistics min/max, then the column's dictionary when
 *       every page is dictionary-encoded) keeps or drops each row group; a kept row group is read whole
 *       (every column chunk), a dropped one costs the dictionary page read to drop it, if any.
 *   <li>Page level, within kept row groups: {@code ColumnIndexFilter} turns the column's page min/max into
 *       row ranges; of every column, the pages that overlap them are read, plus that column's dictionary
 *       page. This is what Trino (Athena engine v3) and parquet-mr readers do with the column index.
 * </ul>
 *
 * Both levels also read the footer (and the page level the column and offset indexes), counted apart as
 * {@code metadataBytes}. All sizes are compressed bytes as stored, page headers included.
 */
final class ParquetScan {
    /**
     * One object's cost.
     *
     * @param fileBytes       the object's size
     * @param rowGroups       row groups in the object
     * @param rowGroupsKept   row groups the statistics and dictionary filters keep
     * @param rowGroupBytes   bytes read at row-group level: kept row groups whole, plus dictionary checks
     * @param pageBytes       bytes read at page level: overlapping pages of every column, their dictionaries
     * @param footerBytes     the footer and its length field
     * @param indexBytes      column indexes and offset indexes (page level only)
     * @param rows            rows in the object
     * @param rowsInPages     rows of the key column's pages the page level reads
     */
    record Cost(
            long fileBytes,
            int rowGroups,
            int rowGroupsKept,
            long rowGroupBytes,
            long pageBytes,
            long footerBytes,
            long indexBytes,
            long rows,
            long rowsInPages) {
        static final Cost ZERO = new Cost(0, 0, 0, 0, 0, 0, 0, 0, 0);

        Cost plus(Cost o) {
            return new Cost(
                    fileBytes + o.fileBytes,
                    rowGroups + o.rowGroups,
                    rowGroupsKept + o.rowGroupsKept,
                    rowGroupBytes + o.rowGroupBytes,
                    pageBytes + o.pageBytes,
                    footerBytes + o.footerBytes,
                    indexBytes + o.indexBytes,
                    rows + o.rows,
                    rowsInPages + o.rowsInPages);
        }

        /** What a row-group-level reader reads in all: footer and row groups. */
        long rowGroupLevelRead() {
            return footerBytes + rowGroupBytes;
        }

        /** What a page-level reader reads in all: footer, indexes and pages. */
        long pageLevelRead() {
            return footerBytes + indexBytes + pageBytes;
        }
    }

    private final String column;
    private final Binary value;
    private final PageCodecs codecs = new PageCodecs();

    ParquetScan(String column, String value) {
        this.column = column;
        this.value = Binary.fromString(value);
    }

    Cost of(Path file) throws IOException {
        ParquetReadOptions options =
                PlainReadOptions.filtering(
                        codecs, FilterCompat.get(eq(binaryColumn(column), value)));
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            List<BlockMetaData> all = reader.getFooter().getBlocks();
            List<BlockMetaData> kept = reader.getRowGroups();
            long rowGroupBytes = 0;
            long pageBytes = 0;
            long indexBytes = 0;
            long rowsInPages = 0;
            long rows = 0;
            for (BlockMetaData block : all) {
                rows += block.getRowCount();
                ColumnChunkMetaData key = key(block);
                if (!kept.contains(block) && admitsByStatistics(key) && isAllDictionary(key)) {
                    rowGroupBytes += dictionaryBytes(key); // read to drop the row group
                }
            }
            for (int b = 0; b < kept.size(); b++) {
                BlockMetaData block = kept.get(b);
                RowRanges ranges = reader.getRowRanges(b);
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    rowGroupBytes += chunk.getTotalSize();
                    indexBytes += length(chunk.getOffsetIndexReference());
                    OffsetIndex pages = reader.readOffsetIndex(chunk);
                    long read = 0;
                    for (int p = 0; p < pages.getPageCount(); p++) {
                        long first = pages.getFirstRowIndex(p);
                        long last = pages.getLastRowIndex(p, block.getRowCount());
                        if (ranges.isOverlapping(first, last)) {
                            read += pages.getCompressedPageSize(p);
                            if (chunk.getPath().equals(ColumnPath.get(column))) {
                                rowsInPages += last - first + 1;
                            }
                        }
                    }
                    if (read > 0) {
                        read += dictionaryBytes(chunk);
                    }
                    pageBytes += read;
                }
                indexBytes += length(key(block).getColumnIndexReference());
            }
            return new Cost(
                    Files.size(file),
                    all.size(),
                    kept.size(),
                    rowGroupBytes,
                    pageBytes,
                    footerBytes(file),
                    indexBytes,
                    rows,
                    rowsInPages);
        }
    }

    private ColumnChunkMetaData key(BlockMetaData block) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (chunk.getPath().equals(ColumnPath.get(column))) {
                return chunk;
            }
        }
        throw new IllegalArgumentException("no column " + column);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean admitsByStatistics(ColumnChunkMetaData key) {
        Statistics stats = key.getStatistics();
        if (stats == null || stats.isEmpty()) {
            return true;
        }
        if (!stats.hasNonNullValue()) {
            return false;
        }
        return stats.compareMinToValue(value) <= 0 && stats.compareMaxToValue(value) >= 0;
    }

    private static boolean isAllDictionary(ColumnChunkMetaData chunk) {
        return chunk.getEncodingStats() != null
                && chunk.getEncodingStats().hasDictionaryPages()
                && !chunk.getEncodingStats().hasNonDictionaryEncodedPages();
    }

    private static long dictionaryBytes(ColumnChunkMetaData chunk) {
        return chunk.hasDictionaryPage()
                ? chunk.getFirstDataPageOffset() - chunk.getDictionaryPageOffset()
                : 0;
    }

    private static long length(IndexReference ref) {
        return ref == null ? 0 : ref.getLength();
    }

    /** The footer's length (little-endian, before the closing magic) plus those 8 bytes. */
    private static long footerBytes(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(f.length() - 8);
            int b0 = f.read();
            int b1 = f.read();
            int b2 = f.read();
            int b3 = f.read();
            return (b0 | b1 << 8 | b2 << 16 | (long) b3 << 24) + 8;
        }
    }
}
