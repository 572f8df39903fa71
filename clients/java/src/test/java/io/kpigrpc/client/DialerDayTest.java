package io.kpigrpc.client;

import static io.kpigrpc.client.TestRecords.call;
import static io.kpigrpc.client.TestRecords.result;
import static io.kpigrpc.client.TestRecords.session;
import static io.kpigrpc.kpi.v1.AppointmentResultKind.APPOINTMENT_RESULT_KIND_NO_SALE;
import static io.kpigrpc.kpi.v1.AppointmentResultKind.APPOINTMENT_RESULT_KIND_SALE;
import static io.kpigrpc.kpi.v1.CallOutcome.*;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpigrpc.kpi.v1.GroupDimension;
import io.kpigrpc.kpi.v1.ImportAppointmentResultsRequest;
import io.kpigrpc.kpi.v1.ImportCallsRequest;
import io.kpigrpc.kpi.v1.ImportCallsResponse;
import io.kpigrpc.kpi.v1.ImportSessionsRequest;
import io.kpigrpc.kpi.v1.KpiFilter;
import io.kpigrpc.kpi.v1.KpiGroup;
import io.kpigrpc.kpi.v1.QueryKpisRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A day of campaign "solar" (2026-03-10, UTC) fed through every ingest RPC, then queried.
 *
 * op-a: invalid number, busy, pitched (120 s), appointment (300 s) later reported SALE; session 2 h.
 *   dialed 4, connected 3, answered 2, pitched 2, appointments 1, sales 1, talk 420 s ->
 *   list validity 3/4 = 75%, answer 2/4 = 50%, rejection 0%, pitch 2/3 = 66.67%, conversion 1/2 = 50%,
 *   close 1/1 = 100%, abandon 0/2 = 0%, calls/hour 4/2 = 2, avg call 420/4 = 105 s, avg conversation 210 s.
 * op-b: no answer, dropped, rejected with removal (5 s), answered (40 s), appointment (200 s) NO_SALE;
 *   sessions 2 h + 2 h. dialed 5, connected 5, answered 4, rejected 1, pitched 1, appointments 1, sales 0,
 *   dropped 1, talk 245 s -> list validity 100%, answer 80%, rejection 20%, pitch 1/5 = 20%,
 *   conversion 100%, close 0%, abandon 1/4 = 25%, calls/hour 5/4 = 1.25, avg call 49 s, avg conversation 61.25 s.
 * op-c: one invalid number -> list validity 0%; every KPI over connected or answered is absent.
 */
@ExtendWith(KpiServer.Extension.class)
class DialerDayTest {
    private static final Instant DAY = Instant.parse("2026-03-10T00:00:00Z");
    private static final double DELTA = 0.01;

    private static KpiClient client;
    private static List<ImportCallsResponse> importAcks;

    @BeforeAll
    static void feedTheDay(KpiServer server) {
        client = server.connect();
        client.recordCalls(List.of(
                call("a1", "solar", "op-a", "2026-03-10T09:00:00Z", CALL_OUTCOME_INVALID_NUMBER, 0),
                call("a2", "solar", "op-a", "2026-03-10T09:10:00Z", CALL_OUTCOME_BUSY, 0),
                call("a3", "solar", "op-a", "2026-03-10T09:20:00Z", CALL_OUTCOME_PITCHED, 120),
                call("a4", "solar", "op-a", "2026-03-10T09:30:00Z", CALL_OUTCOME_APPOINTMENT, 300),
                call("c1", "solar", "op-c", "2026-03-10T09:40:00Z", CALL_OUTCOME_INVALID_NUMBER, 0)));
        importAcks = client.importCalls(List.of(
                ImportCallsRequest.newBuilder().setBatchId(1)
                        .addCalls(call("b1", "solar", "op-b", "2026-03-10T10:00:00Z", CALL_OUTCOME_NO_ANSWER, 0))
                        .addCalls(call("b2", "solar", "op-b", "2026-03-10T10:05:00Z", CALL_OUTCOME_DROPPED, 0))
                        .addCalls(call("b3", "solar", "op-b", "2026-03-10T10:10:00Z", CALL_OUTCOME_REJECTED, 5)
                                .toBuilder().setRemovalRequested(true).build())
                        .build(),
                ImportCallsRequest.newBuilder().setBatchId(2)
                        .addCalls(call("b4", "solar", "op-b", "2026-03-10T10:20:00Z", CALL_OUTCOME_ANSWERED, 40))
                        .addCalls(call("b5", "solar", "op-b", "2026-03-10T10:30:00Z", CALL_OUTCOME_APPOINTMENT, 200))
                        .build()));
        client.recordAppointmentResults(List.of(
                result("a4", APPOINTMENT_RESULT_KIND_NO_SALE, "2026-03-10T12:00:00Z"),
                result("b5", APPOINTMENT_RESULT_KIND_NO_SALE, "2026-03-10T12:00:00Z")));
        // A later report wins: a4 ends up a sale.
        client.importAppointmentResults(List.of(ImportAppointmentResultsRequest.newBuilder().setBatchId(7)
                .addResults(result("a4", APPOINTMENT_RESULT_KIND_SALE, "2026-03-10T15:00:00Z")).build()));
        client.recordSessions(List.of(session("s-a", "solar", "op-a", "2026-03-10T08:00:00Z", "2026-03-10T10:00:00Z")));
        client.importSessions(List.of(ImportSessionsRequest.newBuilder().setBatchId(1)
                .addSessions(session("s-b1", "solar", "op-b", "2026-03-10T09:00:00Z", "2026-03-10T11:00:00Z"))
                .addSessions(session("s-b2", "solar", "op-b", "2026-03-10T12:00:00Z", "2026-03-10T14:00:00Z"))
                .build()));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void importCalls_twoBatches_eachAckEchoesItsBatchId() {
        assertEquals(List.of(1L, 2L), importAcks.stream().map(ImportCallsResponse::getBatchId).toList());
        assertEquals(3, importAcks.get(0).getAck().getAccepted());
        assertEquals(2, importAcks.get(1).getAck().getAccepted());
    }

    @Test
    void queryKpis_byOperator_countsMatchTheDay() {
        Map<String, KpiGroup> groups = queryDay();

        assertEquals(List.of("op-a", "op-b", "op-c"), groups.keySet().stream().sorted().toList());
        var a = groups.get("op-a").getCounts();
        assertAll("op-a",
                () -> assertEquals(List.of(4L, 3L, 2L, 0L, 2L, 1L, 1L, 0L), List.of(a.getDialed(), a.getConnected(),
                        a.getAnswered(), a.getRejected(), a.getPitched(), a.getAppointments(), a.getSales(), a.getDropped())),
                () -> assertEquals(420, a.getTalkSeconds(), DELTA),
                () -> assertEquals(2, a.getLoggedHours(), DELTA),
                () -> assertFalse(a.getLoggedHoursEstimated()));
        var b = groups.get("op-b").getCounts();
        assertAll("op-b",
                () -> assertEquals(List.of(5L, 5L, 4L, 1L, 1L, 1L, 0L, 1L), List.of(b.getDialed(), b.getConnected(),
                        b.getAnswered(), b.getRejected(), b.getPitched(), b.getAppointments(), b.getSales(), b.getDropped())),
                () -> assertEquals(245, b.getTalkSeconds(), DELTA),
                () -> assertEquals(4, b.getLoggedHours(), DELTA));
    }

    @Test
    void queryKpis_byOperator_kpisMatchTheFiguresWorkedOutByHand() {
        Map<String, KpiGroup> groups = queryDay();

        var a = groups.get("op-a").getKpis();
        assertAll("op-a",
                () -> assertEquals(75, a.getListValidityRate().getValue(), DELTA),
                () -> assertEquals(50, a.getAnswerRate().getValue(), DELTA),
                () -> assertEquals(0, a.getRejectionRate().getValue(), DELTA),
                () -> assertEquals(2, a.getCallsPerHour().getValue(), DELTA),
                () -> assertEquals(105, a.getAverageCallDurationSeconds().getValue(), DELTA),
                () -> assertEquals(210, a.getAverageConversationSeconds().getValue(), DELTA),
                () -> assertEquals(66.67, a.getPitchRate().getValue(), DELTA),
                () -> assertEquals(50, a.getConversionRate().getValue(), DELTA),
                () -> assertEquals(100, a.getCloseRate().getValue(), DELTA),
                () -> assertTrue(a.hasAbandonRate()),
                () -> assertEquals(0, a.getAbandonRate().getValue(), DELTA));
        var b = groups.get("op-b").getKpis();
        assertAll("op-b",
                () -> assertEquals(100, b.getListValidityRate().getValue(), DELTA),
                () -> assertEquals(80, b.getAnswerRate().getValue(), DELTA),
                () -> assertEquals(20, b.getRejectionRate().getValue(), DELTA),
                () -> assertEquals(1.25, b.getCallsPerHour().getValue(), DELTA),
                () -> assertEquals(49, b.getAverageCallDurationSeconds().getValue(), DELTA),
                () -> assertEquals(61.25, b.getAverageConversationSeconds().getValue(), DELTA),
                () -> assertEquals(20, b.getPitchRate().getValue(), DELTA),
                () -> assertEquals(100, b.getConversionRate().getValue(), DELTA),
                () -> assertTrue(b.hasCloseRate()),
                () -> assertEquals(0, b.getCloseRate().getValue(), DELTA),
                () -> assertEquals(25, b.getAbandonRate().getValue(), DELTA));
    }

    @Test
    void queryKpis_nothingConnected_ratesOverConnectedAreAbsent() {
        var c = queryDay().get("op-c").getKpis();

        assertAll("op-c",
                () -> assertTrue(c.hasListValidityRate()),
                () -> assertEquals(0, c.getListValidityRate().getValue(), DELTA),
                () -> assertFalse(c.hasPitchRate(), "pitch rate"),
                () -> assertFalse(c.hasConversionRate(), "conversion rate"),
                () -> assertFalse(c.hasCloseRate(), "close rate"),
                () -> assertFalse(c.hasAbandonRate(), "abandon rate"),
                () -> assertFalse(c.hasAverageConversationSeconds(), "average conversation"));
    }

    @Test
    void recordCalls_sameRecordAgain_countedAsDuplicate() {
        var ack = client.recordCalls(List.of(call("a3", "solar", "op-a", "2026-03-10T09:20:00Z", CALL_OUTCOME_PITCHED, 120)));

        assertEquals(0, ack.getAccepted());
        assertEquals(1, ack.getDuplicates());
    }

    private static Map<String, KpiGroup> queryDay() {
        return TestRecords.byOperator(client.queryKpis(QueryKpisRequest.newBuilder()
                .setFrom(ProtoTime.timestamp(DAY)).setTo(ProtoTime.timestamp(DAY.plusSeconds(86_400)))
                .setFilter(KpiFilter.newBuilder().addCampaignIds("solar"))
                .addGroupBy(GroupDimension.GROUP_DIMENSION_OPERATOR)
                .build()));
    }
}
