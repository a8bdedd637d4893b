package dev.hakobu.bench.harness;

/** The route every aggregator benchmark uses: all {@code app.**} events to output {@code out}, masked by story S1's three rules. */
public final class MaskedRoute {
    /** A top-level {@code routes:} YAML block. */
    public static final String YAML =
            """
            routes:
              - match: "app.**"
                outputs: [out]
                mask:
                  - {field: parameter, query_params: [token], action: redact}
                  - {field: "*secret*", action: remove}
                  - {pattern: email, action: redact}
            """;

    private MaskedRoute() {}
}
