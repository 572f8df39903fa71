package io.kpigrpc.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Certificates made with openssl, and keys files as {@code kpi keys add} writes them, for the
 * tests against a server with TLS and API keys.
 */
final class TestPki {
    private static final List<String> EC_KEY = List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes");

    private final Path dir;

    TestPki(Path dir) {
        this.dir = dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** A self-signed CA: name.pem and name.key. */
    void authority(String name) throws IOException, InterruptedException {
        openssl(concat(List.of("req", "-x509"), EC_KEY, List.of("-keyout", name + ".key", "-out", name + ".pem",
                "-days", "2", "-subj", "/CN=" + name, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign")));
    }

    /** server.pem and server.key for 127.0.0.1 and localhost, issued by authority. */
    void serverCertificate(String authority) throws IOException, InterruptedException {
        issue(authority, "server", "localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    }

    /** name.pem and name.key: a client certificate for mutual TLS, issued by authority. */
    void clientCertificate(String authority, String name) throws IOException, InterruptedException {
        issue(authority, name, name, "extendedKeyUsage=clientAuth\n");
    }

    private void issue(String authority, String name, String commonName, String extensions)
            throws IOException, InterruptedException {
        Files.writeString(file(name + ".ext"), extensions);
        openssl(concat(List.of("req"), EC_KEY, List.of("-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + commonName)));
        openssl(List.of("x509", "-req", "-in", name + ".csr", "-CA", authority + ".pem", "-CAkey", authority + ".key",
                "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext"));
    }

    private void openssl(List<String> args) throws IOException, InterruptedException {
        var command = concat(List.of("openssl"), args);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** A secret like those {@code kpi keys add} prints: kpi_ and 256 random bits. */
    static String newApiKey() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "kpi_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** keys.json with each key's name, roles (comma-separated) and the SHA-256 of its secret. */
    Path keysFile(Map<String, String> rolesByName, Map<String, String> secretByName) throws IOException {
        String entries = rolesByName.entrySet().stream().map(e -> String.format(
                "{\"name\":\"%s\",\"roles\":[%s],\"campaigns\":null,\"sha256\":\"%s\",\"created\":\"%s\"}",
                e.getKey(),
                List.of(e.getValue().split(",")).stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",")),
                sha256(secretByName.get(e.getKey())), Instant.now()))
                .collect(Collectors.joining(","));
        return Files.writeString(file("keys.json"), "{\"keys\":[" + entries + "]}");
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        var all = new ArrayList<String>();
        for (var part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
