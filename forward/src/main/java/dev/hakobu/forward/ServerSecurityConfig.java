package dev.hakobu.forward;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.util.List;
import java.util.Objects;

/**
 * The Forward protocol v1 handshake a listener demands (Fluentd in_forward's {@code <security>} section):
 * every client must prove it knows {@code shared_key}, and with {@code user_auth} also a user's password.
 */
@Doc("handshake: clients must know the shared key (and a user's password with user_auth)")
public record ServerSecurityConfig(
        @Doc(
                        "this server's name, sent in PONG; clients must use another name. Left out or empty: this"
                                + " machine's host name followed by -aggregator (an agent on the same machine defaults to the"
                                + " host name itself, and equal names would fail the handshake)")
                @Default("")
                String selfHostname,
        @Doc(
                        "the secret every client shares, at least 16 characters; write it as ${ENV_VAR}, not in the file")
                String sharedKey,
        @Doc("also require a username and password from the users list") @Default("false")
                boolean userAuth,
        @Doc("accepted users, when user_auth is true") List<ForwardUserConfig> users) {

    /** Added to the host name for the default: an agent on this machine takes the bare host name. */
    static final String DEFAULT_SUFFIX = "-aggregator";

    public ServerSecurityConfig {
        selfHostname =
                selfHostname == null || selfHostname.isEmpty()
                        ? LocalHostName.get() + DEFAULT_SUFFIX
                        : selfHostname;
        requireKey(sharedKey);
        users = List.copyOf(users == null ? List.of() : users);
        if (userAuth && users.isEmpty()) {
            throw new IllegalArgumentException(
                    "users: user_auth is true, so list at least one {username, password}");
        }
    }

    /** Shorter keys can be guessed or brute-forced from one captured PING; Fluentd sets no minimum, we do. */
    static final int MIN_SHARED_KEY = 16;

    static void requireKey(String sharedKey) {
        requireText(sharedKey, "shared_key");
        if (sharedKey.length() < MIN_SHARED_KEY) {
            throw new IllegalArgumentException(
                    "shared_key: "
                            + sharedKey.length()
                            + " characters is too short to keep"
                            + " strangers out; use at least "
                            + MIN_SHARED_KEY
                            + " (e.g. from 'openssl rand -base64 24'), written as ${ENV_VAR}");
        }
    }

    static void requireText(String value, String key) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(key + ": required and must not be empty");
        }
    }

    @Override
    public String toString() {
        return "ServerSecurityConfig[selfHostname="
                + selfHostname
                + ", sharedKey=***, userAuth="
                + userAuth
                + ", users="
                + users.size()
                + "]";
    }

    /** A username and password a client may authenticate with. */
    @Doc("a user allowed to connect")
    public record ForwardUserConfig(
            @Doc("user name") String username, @Doc("password; use ${ENV_VAR}") String password) {
        public ForwardUserConfig {
            Objects.requireNonNull(username, "username");
            requireText(password, "password");
        }

        @Override
        public String toString() {
            return "ForwardUserConfig[username=" + username + ", password=***]";
        }
    }
}
