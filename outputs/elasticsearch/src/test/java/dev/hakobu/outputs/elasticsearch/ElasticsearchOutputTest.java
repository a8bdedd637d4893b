package dev.hakobu.outputs.elasticsearch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The output against Elasticsearch 8.19.21. */
class ElasticsearchOutputTest extends AbstractSearchOutputTest {
    private static SearchServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SearchServer.start(SearchServer.Kind.ELASTICSEARCH);
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
