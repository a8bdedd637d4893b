package dev.hakobu.outputs.elasticsearch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The output against OpenSearch 2.19.6. */
class OpenSearchOutputTest extends AbstractSearchOutputTest {
    private static SearchServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SearchServer.start(SearchServer.Kind.OPENSEARCH);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected SearchServer server() {
        return server;
    }
}
