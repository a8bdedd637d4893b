package dev.hakobu.forward;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import java.util.Objects;

/** The handshake a {@link ForwardClient} performs when the aggregators demand one (out_forward's {@code <security>}). */
@Doc("handshake with aggregators that demand a shared key")
public record ClientSecurityConfig(
        @Doc(
                        "this agent's name, sent in PING; must differ from the server's. Left out or empty: this"
                                + " machine's host name (from the system, else /etc/hostname), no environment variable needed")
                @Default("")
                String selfHostname,
        @Doc(
                        "the secret shared with the aggregators, at least 16 characters; write it as ${ENV_VAR}")
                String sharedKey,
        @Doc("user name, for aggregators with user_auth") @Default("") String username,
        @Doc("password, for aggregators with user_auth; use ${ENV_VAR}") @Default("")
                String password) {

    public ClientSecurityConfig {
        selfHostname =
                selfHostname == null || selfHostname.isEmpty() ? LocalHostName.get() : selfHostname;
        ServerSecurityConfig.requireKey(sharedKey);
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "ClientSecurityConfig[selfHostname="
                + selfHostname
                + ", sharedKey=***, username="
                + username
                + "]";
    }
}
