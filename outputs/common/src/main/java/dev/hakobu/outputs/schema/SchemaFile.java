package dev.hakobu.outputs.schema;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hakobu.io.DurableFiles;
import dev.hakobu.outputs.schema.FieldType.ListOf;
import dev.hakobu.outputs.schema.FieldType.Scalar;
import dev.hakobu.outputs.schema.FieldType.Struct;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The schema registry's file: a JSON object with {@code version} (1), {@code columns} (name -> {@code type}
 * and {@code first_seen}) and {@code widenings} (each with {@code column}, {@code from}, {@code to}, {@code
 * since}, {@code objects} and {@code column_changed}: see {@link RegistrySchema.Widening}). A type is a scalar's name ({@code "bigint"}), {@code {"struct": {member:
 * type, ...}}} or {@code {"array": type}}. {@link #write} replaces the file atomically (temporary file,
 * fsync, rename, fsync of the directory), so a crash leaves the old file or the new one.
 */
public final class SchemaFile {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int VERSION = 1;

    private SchemaFile() {}

    /**
     * The registry in {@code file}.
     *
     * @throws IOException naming the file and what is wrong with it, when it cannot be read or is not a
     *     registry this version writes
     */
    public static RegistrySchema read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (JsonParser p = JSON.createParser(bytes)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            Map<String, RegistrySchema.Column> columns = new LinkedHashMap<>();
            Map<RegistrySchema.WideningKey, RegistrySchema.Widening> widenings =
                    new LinkedHashMap<>();
            int version = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "version" -> version = p.getIntValue();
                    case "columns" -> {
                        expect(p, value, JsonToken.START_OBJECT);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String column = p.currentName();
                            expect(p, p.nextToken(), JsonToken.START_OBJECT);
                            FieldType type = null;
                            Instant firstSeen = null;
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String key = p.currentName();
                                p.nextToken();
                                switch (key) {
                                    case "type" -> type = type(p);
                                    case "first_seen" -> firstSeen = instant(p);
                                    default -> p.skipChildren();
                                }
                            }
                            if (type == null || firstSeen == null) {
                                throw new IOException(
                                        "column " + column + ": type and first_seen required");
                            }
                            columns.put(column, new RegistrySchema.Column(type, firstSeen));
                        }
                    }
                    case "widenings" -> {
                        expect(p, value, JsonToken.START_ARRAY);
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            RegistrySchema.Widening w = widening(p);
                            widenings.put(w.key(), w);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (version != VERSION) {
                throw new IOException("version " + version + ", this Hakobu reads " + VERSION);
            }
            return new RegistrySchema(columns, widenings);
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    file
                            + ": not a Parquet schema registry this Hakobu can read ("
                            + e.getMessage()
                            + ")",
                    e);
        }
    }

    /** Replaces {@code file} by {@code schema}: temporary file, fsync, rename, fsync of the directory. */
    public static void write(Path file, RegistrySchema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("version", VERSION);
            g.writeObjectFieldStart("columns");
            for (Map.Entry<String, RegistrySchema.Column> c : schema.columns().entrySet()) {
                g.writeObjectFieldStart(c.getKey());
                g.writeFieldName("type");
                write(g, c.getValue().type());
                g.writeStringField("first_seen", c.getValue().firstSeen().toString());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("widenings");
            for (RegistrySchema.Widening w : schema.widenings().values()) {
                g.writeStartObject();
                g.writeStringField("column", w.column());
                g.writeFieldName("from");
                write(g, w.from());
                g.writeFieldName("to");
                write(g, w.to());
                g.writeStringField("since", w.since().toString());
                g.writeNumberField("objects", w.objects());
                g.writeBooleanField("column_changed", w.columnChanged());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        Files.createDirectories(file.toAbsolutePath().getParent());
        DurableFiles.replace(file, out.toByteArray());
    }

    private static RegistrySchema.Widening widening(JsonParser p) throws IOException {
        String column = null;
        FieldType from = null;
        FieldType to = null;
        Instant since = null;
        long objects = 0;
        boolean columnChanged = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            switch (key) {
                case "column" -> column = p.getText();
                case "from" -> from = type(p);
                case "to" -> to = type(p);
                case "since" -> since = instant(p);
                case "objects" -> objects = p.getLongValue();
                case "column_changed" -> columnChanged = p.getBooleanValue();
                default -> p.skipChildren();
            }
        }
        if (column == null || from == null || to == null || since == null) {
            throw new IOException("a widening needs column, from, to and since");
        }
        return new RegistrySchema.Widening(column, from, to, since, objects, columnChanged);
    }

    private static FieldType type(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            String name = p.getText();
            try {
                return Scalar.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException("unknown type " + name);
            }
        }
        expect(p, p.currentToken(), JsonToken.START_OBJECT);
        expect(p, p.nextToken(), JsonToken.FIELD_NAME);
        String kind = p.currentName();
        p.nextToken();
        FieldType type;
        if (kind.equals("array")) {
            type = new ListOf(type(p));
        } else if (kind.equals("struct")) {
            expect(p, p.currentToken(), JsonToken.START_OBJECT);
            Map<String, FieldType> members = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String member = p.currentName();
                p.nextToken();
                members.put(member, type(p));
            }
            type = new Struct(members);
        } else {
            throw new IOException("unknown type " + kind);
        }
        expect(p, p.nextToken(), JsonToken.END_OBJECT);
        return type;
    }

    private static void write(JsonGenerator g, FieldType type) throws IOException {
        if (type instanceof ListOf l) {
            g.writeStartObject();
            g.writeFieldName("array");
            write(g, l.element());
            g.writeEndObject();
        } else if (type instanceof Struct s) {
            g.writeStartObject();
            g.writeObjectFieldStart("struct");
            for (Map.Entry<String, FieldType> m : s.members().entrySet()) {
                g.writeFieldName(m.getKey());
                write(g, m.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } else {
            g.writeString(((Scalar) type).name().toLowerCase(Locale.ROOT));
        }
    }

    private static Instant instant(JsonParser p) throws IOException {
        try {
            return Instant.parse(p.getText());
        } catch (DateTimeParseException e) {
            throw new IOException("not an instant: " + p.getText());
        }
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken want) throws IOException {
        if (got != want) {
            throw new IOException(
                    "expected "
                            + want
                            + ", got "
                            + got
                            + " at byte "
                            + p.currentTokenLocation().getByteOffset());
        }
    }
}
