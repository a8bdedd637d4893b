package dev.hakobu.forward;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A CA and certificates it signed, made at test time with the JDK's keytool (no BouncyCastle), exported as
 * PEM: {@code ca.pem}, {@code server.pem}/{@code server.key} (for localhost and 127.0.0.1) and
 * {@code client.pem}/{@code client.key}; also {@code other-ca.pem}, a CA that signed nothing here.
 */
public final class TestCerts {
    private static final String PASSWORD = "changeit";
    final Path dir;

    private TestCerts(Path dir) {
        this.dir = dir;
    }

    public static TestCerts create(Path dir)
            throws IOException, InterruptedException, GeneralSecurityException {
        TestCerts certs = new TestCerts(dir);
        certs.keypair("ca", "CN=Hakobu Test CA", "bc:c");
        certs.keytool(
                "-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        certs.keypair("other-ca", "CN=Someone Else's CA", "bc:c");
        certs.keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "other-ca",
                "-keystore",
                "other-ca.p12",
                "-file",
                "other-ca.pem");
        certs.signed("server", "CN=localhost", "san=dns:localhost,ip:127.0.0.1");
        certs.signed("client", "CN=agent-1", "eku=clientAuth");
        return certs;
    }

    public Path path(String name) {
        return dir.resolve(name);
    }

    private void keypair(String alias, String dname, String ext)
            throws IOException, InterruptedException {
        keytool(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                dname,
                "-ext",
                ext,
                "-keystore",
                alias + ".p12",
                "-storetype",
                "PKCS12");
    }

    /** {@code name.pem}: a certificate signed by the CA; {@code name.key}: its PKCS#8 key. */
    private void signed(String name, String dname, String ext)
            throws IOException, InterruptedException, GeneralSecurityException {
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                dname,
                "-keystore",
                name + ".p12",
                "-storetype",
                "PKCS12");
        keytool("-certreq", "-alias", name, "-keystore", name + ".p12", "-file", name + ".csr");
        keytool(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                "ca.p12",
                "-infile",
                name + ".csr",
                "-outfile",
                name + ".pem",
                "-validity",
                "2",
                "-ext",
                ext);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            store.load(in, PASSWORD.toCharArray());
        }
        Key key = store.getKey(name, PASSWORD.toCharArray());
        String pem =
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(key.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(dir.resolve(name + ".key"), pem, StandardCharsets.US_ASCII);
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        List<String> command = new ArrayList<>(List.of(java.resolveSibling("keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
