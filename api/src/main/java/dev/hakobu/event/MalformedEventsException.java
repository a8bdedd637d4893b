package dev.hakobu.event;

/**
 * Entries, a record or an event time that are not well-formed msgpack of the shape Hakobu reads. The message
 * names the problem and the offset where one is known; whoever knows the peer or the file adds it when
 * logging. The Forward server turns it into its protocol error, so a peer's bad frame closes one connection.
 */
public class MalformedEventsException extends RuntimeException {

    public MalformedEventsException(String message) {
        super(message);
    }

    public MalformedEventsException(String message, Throwable cause) {
        super(message, cause);
    }
}
