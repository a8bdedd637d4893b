/**
 * {@code format: parquet}: an encoding for the file and S3 outputs that writes one Parquet object per chunk,
 * with parquet-java and no Hadoop at run time. Shipped in the aggregator package only; the agent never has it.
 */
package dev.hakobu.outputs.parquet;
