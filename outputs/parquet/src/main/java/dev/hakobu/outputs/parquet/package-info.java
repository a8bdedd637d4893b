/**
 * {@code format: parquet}: an encoding for the file and S3 outputs that writes one Parquet object per chunk,
 * with parquet-java and no Hadoop at run time. Shipped in the aggregator package only; the agent never has it.
 *
 * <p>Each object's columns ({@link dev.hakobu.outputs.parquet.ChunkSchema}) come from the declared types, then
 * from the values of the chunk's records ({@link dev.hakobu.outputs.parquet.ValueTypes}), fixed against the
 * output's {@link dev.hakobu.outputs.parquet.SchemaRegistry}, which holds the union of every object written
 * and is on disk before the object is handed to the output. Rows are written by {@link
 * dev.hakobu.outputs.parquet.RowWriteSupport} (declared values: {@link
 * dev.hakobu.outputs.parquet.DeclaredValues}; nested values: {@link dev.hakobu.outputs.parquet.NestedCells}).
 */
package dev.hakobu.outputs.parquet;
