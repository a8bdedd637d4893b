package dev.hakobu.forward;

import dev.hakobu.config.Default;
import dev.hakobu.config.Doc;
import dev.hakobu.config.ReadableFile;
import java.nio.file.Path;
import java.util.Optional;

/** TLS towards the aggregators: which CAs to trust and, for client-certificate auth, our certificate. */
@Doc("TLS towards the aggregators (JDK provider)")
public record ClientTlsConfig(
        @Doc("PEM CA certificates to trust; the JDK's trust store when absent") @ReadableFile
                Optional<Path> ca,
        @Doc("PEM client certificate chain, for servers that require one") @ReadableFile
                Optional<Path> cert,
        @Doc("PEM private key of cert, unencrypted PKCS#8") @ReadableFile Optional<Path> key,
        @Doc("check that the server certificate names the host we connect to") @Default("true")
                boolean verifyHostname) {

    public ClientTlsConfig {
        if (ca == null || cert == null || key == null) {
            throw new NullPointerException("ca, cert and key must be Optional");
        }
        if (cert.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException(
                    (cert.isPresent() ? "key" : "cert") + ": cert and key go together");
        }
    }
}
