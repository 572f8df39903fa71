package io.kpigrpc.client;

import static io.kpigrpc.client.TestRecords.call;
import static io.kpigrpc.kpi.v1.CallOutcome.CALL_OUTCOME_BUSY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kpigrpc.kpi.v1.ImportCallsRequest;
import io.kpigrpc.kpi.v1.KpiFilter;
import io.kpigrpc.kpi.v1.QueryKpisRequest;
import io.kpigrpc.kpi.v1.WatchEventKind;
import io.kpigrpc.kpi.v1.WatchKpisRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys and a private CA against a server started with --keys-file, --tls-cert and --tls-key. */
class ApiKeyAndTlsTest {
    private static final Instant DAY = Instant.parse("2026-04-07T00:00:00Z");
    private static final String READER_WRITER = TestPki.newApiKey();
    private static final String READ_ONLY = TestPki.newApiKey();

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
        Path keys = pki.keysFile(Map.of("reporting-job", "ingest,read", "wallboard", "read"),
                Map.of("reporting-job", READER_WRITER, "wallboard", READ_ONLY));
        server = KpiServer.start("https", List.of("--keys-file", keys.toString(),
                "--tls-cert", pki.file("server.pem").toString(), "--tls-key", pki.file("server.key").toString()),
                options(READER_WRITER, "ca.pem"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void recordImportAndQuery_keyWithIngestAndReadAndCaFile_succeed() {
        try (var client = server.connect(options(READER_WRITER, "ca.pem"))) {
            var ack = client.recordCalls(List.of(call("access-1", "keyed", "op-a", "2026-04-07T09:00:00Z", CALL_OUTCOME_BUSY, 0)));
            var acks = client.importCalls(List.of(ImportCallsRequest.newBuilder().setBatchId(1)
                    .addCalls(call("access-2", "keyed", "op-a", "2026-04-07T10:00:00Z", CALL_OUTCOME_BUSY, 0)).build()));
            var groups = client.queryKpis(query("keyed"));

            assertEquals(1, ack.getAccepted());
            assertEquals(1, acks.get(0).getAck().getAccepted());
            assertEquals(1, groups.size());
            assertEquals(2, groups.get(0).getCounts().getDialed());
        }
    }

    @Test
    void watch_readOnlyKeyAndCaAsPemBytes_snapshotArrives() throws Exception {
        var options = KpiClientOptions.builder().apiKey(READ_ONLY)
                .certificateAuthority(Files.readAllBytes(pki.file("ca.pem"))).build();
        try (var client = server.connect(options); var watch = client.watchKpis(watchOfDay())) {
            var event = watch.next(Duration.ofSeconds(15));

            assertTrue(event.isPresent(), "no snapshot within 15 s");
            assertEquals(WatchEventKind.WATCH_EVENT_KIND_SNAPSHOT, event.get().getKind());
        }
    }

    @Test
    void query_noKey_unauthenticated() {
        try (var client = server.connect(options(null, "ca.pem"))) {
            var error = assertThrows(StatusRuntimeException.class, () -> client.queryKpis(query("keyed")));

            assertEquals(Status.Code.UNAUTHENTICATED, error.getStatus().getCode());
        }
    }

    @Test
    void watch_noKey_unauthenticated() {
        try (var client = server.connect(options(null, "ca.pem")); var watch = client.watchKpis(watchOfDay())) {
            var error = assertThrows(StatusRuntimeException.class, () -> watch.next(Duration.ofSeconds(15)));

            assertEquals(Status.Code.UNAUTHENTICATED, error.getStatus().getCode());
        }
    }

    @Test
    void recordCalls_readOnlyKey_permissionDenied() {
        try (var client = server.connect(options(READ_ONLY, "ca.pem"))) {
            var calls = List.of(call("denied-1", "keyed", "op-a", "2026-04-07T11:00:00Z", CALL_OUTCOME_BUSY, 0));

            var error = assertThrows(StatusRuntimeException.class, () -> client.recordCalls(calls));

            assertEquals(Status.Code.PERMISSION_DENIED, error.getStatus().getCode());
        }
    }

    @Test
    void query_caThatDidNotIssueTheServerCertificate_unavailable() {
        try (var client = server.connect(options(READER_WRITER, "other-ca.pem"))) {
            var error = assertThrows(StatusRuntimeException.class, () -> client.queryKpis(query("keyed")));

            // The handshake fails before any call reaches the server.
            assertEquals(Status.Code.UNAVAILABLE, error.getStatus().getCode());
        }
    }

    @Test
    void apiKey_spaceOrLineBreak_refused() {
        for (String key : List.of("kpi abc", "kpi_abc\n", "kpi_\u00e9")) {
            assertThrows(IllegalArgumentException.class, () -> KpiClientOptions.builder().apiKey(key), key);
        }
    }

    private static KpiClientOptions options(String apiKey, String caFile) {
        return KpiClientOptions.builder().apiKey(apiKey).certificateAuthority(pki.file(caFile)).build();
    }

    static QueryKpisRequest query(String campaign) {
        return QueryKpisRequest.newBuilder().setFrom(ProtoTime.timestamp(DAY))
                .setTo(ProtoTime.timestamp(DAY.plus(Duration.ofDays(1))))
                .setFilter(KpiFilter.newBuilder().addCampaignIds(campaign)).build();
    }

    private static WatchKpisRequest watchOfDay() {
        return WatchKpisRequest.newBuilder().setSince(ProtoTime.timestamp(DAY)).build();
    }
}
