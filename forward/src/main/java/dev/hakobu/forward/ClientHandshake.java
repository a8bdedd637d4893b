package dev.hakobu.forward;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueFactory;

/**
 * The client side of the handshake ({@link Handshake}), as Fluentd's out_forward does it: read HELO, send
 * PING with a fresh 32-hex-character salt (and the password digest whenever the server sent an auth salt),
 * read PONG and check the server's digest, which proves the server knows the key too. Blocking; runs on the
 * node's thread while connecting, under the socket's connect timeout.
 */
final class ClientHandshake {
    private static final SecureRandom SALTS = new SecureRandom();

    private ClientHandshake() {}

    /** @throws IOException if the server refuses us, cannot prove it knows the key, or says something else */
    static void perform(
            MessageUnpacker in, OutputStream out, ClientSecurityConfig security, String peer)
            throws IOException {
        List<Value> helo = read(in, Handshake.HELO, 2, peer);
        Map<Value, Value> options =
                helo.get(1).isMapValue() ? helo.get(1).asMapValue().map() : Map.of();
        byte[] nonce = orEmpty(options.get(ValueFactory.newString("nonce")));
        byte[] authSalt = orEmpty(options.get(ValueFactory.newString("auth")));

        byte[] random = new byte[16];
        SALTS.nextBytes(random);
        String salt = HexFormat.of().formatHex(random);
        byte[] saltBytes = salt.getBytes(StandardCharsets.US_ASCII);
        String digest =
                Handshake.sharedKeyDigest(
                        saltBytes, security.selfHostname(), nonce, security.sharedKey());
        boolean userAuth = authSalt.length > 0;
        out.write(
                Handshake.ping(
                        security.selfHostname(),
                        salt,
                        digest,
                        userAuth ? security.username() : "",
                        userAuth
                                ? Handshake.passwordDigest(
                                        authSalt, security.username(), security.password())
                                : ""));
        out.flush();

        List<Value> pong = read(in, Handshake.PONG, 5, peer);
        if (!pong.get(1).isBooleanValue() || !pong.get(1).asBooleanValue().getBoolean()) {
            throw new IOException(
                    "handshake: " + peer + " refused us: " + Handshake.text(pong.get(2)));
        }
        String serverHostname = Handshake.text(pong.get(3));
        String serverDigest = Handshake.text(pong.get(4));
        if (security.selfHostname().equals(serverHostname)) {
            throw new IOException(
                    "handshake: "
                            + peer
                            + " uses our self_hostname '"
                            + serverHostname
                            + "'; give the agent and the aggregator different self_hostname values");
        }
        if (serverHostname == null
                || serverDigest == null
                || !Handshake.sameDigest(
                        Handshake.sharedKeyDigest(
                                saltBytes, serverHostname, nonce, security.sharedKey()),
                        serverDigest)) {
            throw new IOException(
                    "handshake: "
                            + peer
                            + " does not know our shared_key (its PONG digest is wrong)");
        }
    }

    private static List<Value> read(MessageUnpacker in, String type, int size, String peer)
            throws IOException {
        Value message;
        try {
            message = in.unpackValue();
        } catch (SocketTimeoutException e) {
            throw new IOException(
                    "handshake: no "
                            + type
                            + " from "
                            + peer
                            + " within connect_timeout; "
                            + "is security configured on the aggregator?",
                    e);
        }
        if (!message.isArrayValue()
                || message.asArrayValue().size() != size
                || !type.equals(Handshake.text(message.asArrayValue().get(0)))) {
            throw new IOException(
                    "handshake: expected "
                            + type
                            + " from "
                            + peer
                            + ", got "
                            + abbreviate(message));
        }
        return message.asArrayValue().list();
    }

    private static byte[] orEmpty(Value value) {
        byte[] raw = value == null ? null : Handshake.raw(value);
        return raw == null ? new byte[0] : raw;
    }

    private static String abbreviate(Value value) {
        String text = value.toString();
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
