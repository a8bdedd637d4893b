package dev.hakobu.outputs.s3;

/**
 * The JSON SerDe a table reads the output's objects with ({@code --serde}). Hive's is the default: it
 * reads every record the S3 output writes (one JSON object a line, UTF-8, nested values into structs
 * and arrays, the event time as an ISO-8601 string in a {@code string} column) without properties. OpenX
 * is for records the Hive SerDe refuses: keys with dots or keys equal but for case, malformed lines
 * in objects written by others ({@code ignore.malformed.json}). docs/athena.md says why.
 */
public enum AthenaSerde {
    HIVE("org.apache.hive.hcatalog.data.JsonSerDe"),
    OPENX("org.openx.data.jsonserde.JsonSerDe");

    private final String className;

    AthenaSerde(String className) {
        this.className = className;
    }

    /** The {@code ROW FORMAT SERDE} line. */
    String rowFormat() {
        return "ROW FORMAT SERDE '" + className + "'\n";
    }
}
