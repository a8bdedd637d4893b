package dev.hakobu.forward;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.ReadableFile;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** TLS on a listener: PEM certificate chain and PKCS#8 key, optionally verifying client certificates. */
@Doc("TLS for the listener (JDK provider)")
public record ServerTlsConfig(
        @Doc("PEM certificate chain, server certificate first") @ReadableFile Path cert,
        @Doc("PEM private key, unencrypted PKCS#8 (BEGIN PRIVATE KEY)") @ReadableFile Path key,
        @Doc("PEM CA certificates that sign accepted client certificates") @ReadableFile
                Optional<Path> ca,
        @Doc("client certificates: none, optional (verified if sent) or require") @Default("none")
                ClientAuth clientAuth) {

    /** Whether clients must present a certificate signed by {@code ca}. */
    public enum ClientAuth {
        NONE,
        OPTIONAL,
        REQUIRE
    }

    public ServerTlsConfig {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(clientAuth, "client_auth");
        if (clientAuth != ClientAuth.NONE && ca.isEmpty()) {
            throw new IllegalArgumentException(
                    "ca: client_auth is "
                            + clientAuth.name().toLowerCase(java.util.Locale.ROOT)
                            + ", so give the CA file that signs client certificates");
        }
    }
}
