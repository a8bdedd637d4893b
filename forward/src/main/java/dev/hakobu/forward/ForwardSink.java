package dev.hakobu.forward;

import java.util.concurrent.CompletionStage;

/** Where {@link ForwardServer} hands decoded requests: in the aggregator, the ingest pipeline. */
@FunctionalInterface
public interface ForwardSink {

    /**
     * Takes one request. Called on the connection's event loop, so it must not block: it starts the work
     * and returns a stage.
     *
     * @return a stage that completes normally only once every buffer the request goes to holds it durably
     *         (the server acks the chunk then, and only then), or exceptionally if it could not be stored
     *         (the server sends no ack and closes the connection so the client resends, maybe elsewhere)
     */
    CompletionStage<Void> accept(ForwardRequest request);
}
