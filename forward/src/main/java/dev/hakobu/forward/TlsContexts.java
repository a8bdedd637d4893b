package dev.hakobu.forward;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds TLS contexts from PEM files with the JDK alone (no BouncyCastle): certificates through
 * {@link CertificateFactory}, keys as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) RSA, EC or EdDSA.
 * Called once per server or client, at start; the contexts are thread-safe and shared by all connections.
 */
final class TlsContexts {
    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {}

    /** Netty's server context with the JDK provider. */
    static SslContext server(ServerTlsConfig tls) throws IOException {
        try {
            SslContextBuilder builder =
                    SslContextBuilder.forServer(keyManagers(tls.cert(), tls.key()))
                            .sslProvider(SslProvider.JDK)
                            .clientAuth(
                                    switch (tls.clientAuth()) {
                                        case NONE -> ClientAuth.NONE;
                                        case OPTIONAL -> ClientAuth.OPTIONAL;
                                        case REQUIRE -> ClientAuth.REQUIRE;
                                    });
            if (tls.ca().isPresent()) {
                builder.trustManager(trustManagers(tls.ca().get()));
            }
            return builder.build();
        } catch (GeneralSecurityException e) {
            throw new IOException("tls: " + e.getMessage(), e);
        }
    }

    /** A JDK client context: trusts {@code ca} (or the JDK's store) and presents {@code cert} if given. */
    static SSLContext client(ClientTlsConfig tls) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    tls.cert().isPresent()
                            ? keyManagers(tls.cert().get(), tls.key().orElseThrow())
                                    .getKeyManagers()
                            : null,
                    tls.ca().isPresent() ? trustManagers(tls.ca().get()).getTrustManagers() : null,
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("tls: " + e.getMessage(), e);
        }
    }

    static KeyManagerFactory keyManagers(Path certFile, Path keyFile)
            throws IOException, GeneralSecurityException {
        List<? extends Certificate> chain = certificates(certFile, "cert");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                "key", privateKey(keyFile), NO_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, NO_PASSWORD);
        return factory;
    }

    static TrustManagerFactory trustManagers(Path caFile)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (Certificate ca : certificates(caFile, "ca")) {
            store.setCertificateEntry("ca-" + i++, ca);
        }
        TrustManagerFactory factory =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static List<? extends Certificate> certificates(Path file, String key)
            throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<? extends Certificate> certificates =
                    List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certificates.isEmpty()) {
                throw new IOException(key + ": no PEM certificate in " + file);
            }
            return certificates;
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(
                    key + ": " + file + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(
                    "key: "
                            + file
                            + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with"
                            + " 'openssl pkcs8 -topk8 -nocrypt -in "
                            + file.getFileName()
                            + " -out key.pem'");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm)
                        .generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException(
                "key: "
                        + file
                        + " holds a private key of an algorithm the JDK cannot read (RSA, EC, EdDSA)");
    }
}
