package io.kpigrpc.client;

import static io.kpigrpc.client.TestRecords.call;
import static io.kpigrpc.kpi.v1.CallOutcome.CALL_OUTCOME_BUSY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client certificates against a server started with --tls-client-ca (mutual TLS, no keys). */
class MutualTlsTest {
    @TempDir
    static Path dir;
    private static TestPki pki;
    private static KpiServer server;

    @BeforeAll
    static void startServer() throws Exception {
        pki = new TestPki(dir);
        pki.authority("ca");
        pki.authority("other-ca");
        pki.serverCertificate("ca");
        pki.clientCertificate("ca", "dialer-1");
        pki.clientCertificate("other-ca", "intruder");
        server = KpiServer.start("https", List.of("--tls-cert", pki.file("server.pem").toString(),
                "--tls-key", pki.file("server.key").toString(), "--tls-client-ca", pki.file("ca.pem").toString()),
                withCertificate("dialer-1"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void recordAndQuery_clientCertificateFiles_succeed() {
        try (var client = server.connect(withCertificate("dialer-1"))) {
            var ack = client.recordCalls(List.of(call("mtls-1", "mutual", "op-a", "2026-04-07T09:00:00Z", CALL_OUTCOME_BUSY, 0)));
            var groups = client.queryKpis(ApiKeyAndTlsTest.query("mutual"));

            assertEquals(1, ack.getAccepted());
            assertEquals(1, groups.size());
            assertEquals(1, groups.get(0).getCounts().getDialed());
        }
    }

    @Test
    void query_clientCertificateAsPemBytes_succeeds() throws Exception {
        var options = KpiClientOptions.builder().certificateAuthority(Files.readAllBytes(pki.file("ca.pem")))
                .clientCertificate(Files.readAllBytes(pki.file("dialer-1.pem")), Files.readAllBytes(pki.file("dialer-1.key")))
                .build();
        try (var client = server.connect(options)) {
            assertEquals(0, client.queryKpis(ApiKeyAndTlsTest.query("nobody")).size());
        }
    }

    @Test
    void query_noClientCertificate_unauthenticated() {
        try (var client = server.connect(KpiClientOptions.builder().certificateAuthority(pki.file("ca.pem")).build())) {
            var error = assertThrows(StatusRuntimeException.class, () -> client.queryKpis(ApiKeyAndTlsTest.query("mutual")));

            assertEquals(Status.Code.UNAUTHENTICATED, error.getStatus().getCode());
        }
    }

    @Test
    void query_clientCertificateOfAnotherCa_unauthenticated() {
        try (var client = server.connect(withCertificate("intruder"))) {
            var error = assertThrows(StatusRuntimeException.class, () -> client.queryKpis(ApiKeyAndTlsTest.query("mutual")));

            assertEquals(Status.Code.UNAUTHENTICATED, error.getStatus().getCode());
        }
    }

    private static KpiClientOptions withCertificate(String name) {
        return KpiClientOptions.builder().certificateAuthority(pki.file("ca.pem"))
                .clientCertificate(pki.file(name + ".pem"), pki.file(name + ".key")).build();
    }
}
