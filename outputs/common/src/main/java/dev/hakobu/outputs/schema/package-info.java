/**
 * The column types of columnar objects (Parquet) as one model both the writer and {@code athena-ddl} read:
 * {@link dev.hakobu.outputs.schema.FieldType} (scalars, structs, lists), the one set of widening rules
 * ({@link dev.hakobu.outputs.schema.TypeWidening}), and the schema registry's file ({@link
 * dev.hakobu.outputs.schema.SchemaFile}): the union of every object's columns an output wrote, with each
 * widening it saw.
 */
package dev.hakobu.outputs.schema;
