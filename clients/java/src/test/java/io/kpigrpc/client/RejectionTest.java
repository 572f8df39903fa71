package io.kpigrpc.client;

import static io.kpigrpc.client.TestRecords.call;
import static io.kpigrpc.kpi.v1.CallOutcome.CALL_OUTCOME_ANSWERED;
import static io.kpigrpc.kpi.v1.CallOutcome.CALL_OUTCOME_BUSY;
import static io.kpigrpc.kpi.v1.CallOutcome.CALL_OUTCOME_NO_ANSWER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.kpigrpc.kpi.v1.GroupDimension;
import io.kpigrpc.kpi.v1.QueryKpisRequest;
import io.kpigrpc.kpi.v1.Rejection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Invalid records and requests, on 2026-03-11 so that no other test's data is involved. */
@ExtendWith(KpiServer.Extension.class)
class RejectionTest {
    private static final Instant DAY = Instant.parse("2026-03-11T00:00:00Z");

    @Test
    void recordCalls_invalidRecordsInBatch_rejectedOneByOneAndTheValidOneStored(KpiServer server) {
        try (var client = server.connect()) {
            var ack = client.recordCalls(List.of(
                    call("good-0", "solar", "op-r", "2026-03-11T09:00:00Z", CALL_OUTCOME_NO_ANSWER, 0),
                    call("bad-1", "solar", "op-r", "2026-03-11T09:05:00Z", CALL_OUTCOME_BUSY, 30), // talk on a busy line
                    call("bad-2", "solar", "", "2026-03-11T09:10:00Z", CALL_OUTCOME_ANSWERED, 30))); // no operator

            assertEquals(1, ack.getAccepted());
            assertEquals(2, ack.getRejectionsCount());
            assertRejection(ack.getRejections(0), 1, "bad-1", "talk_seconds");
            assertRejection(ack.getRejections(1), 2, "bad-2", "operator_id");

            var groups = client.queryKpis(QueryKpisRequest.newBuilder()
                    .setFrom(ProtoTime.timestamp(DAY)).setTo(ProtoTime.timestamp(DAY.plusSeconds(86_400)))
                    .addGroupBy(GroupDimension.GROUP_DIMENSION_OPERATOR).build());
            assertEquals(1, groups.size());
            assertEquals("op-r", groups.get(0).getKey().getOperatorId());
            assertEquals(1, groups.get(0).getCounts().getDialed());
        }
    }

    @Test
    void queryKpis_rangeOffTheQuarterHour_invalidArgument(KpiServer server) {
        try (var client = server.connect()) {
            Instant from = DAY.plusSeconds(9 * 3600 + 7 * 60); // 09:07
            var request = QueryKpisRequest.newBuilder()
                    .setFrom(ProtoTime.timestamp(from)).setTo(ProtoTime.timestamp(from.plusSeconds(3600))).build();

            var error = assertThrows(StatusRuntimeException.class, () -> client.queryKpis(request));

            assertEquals(Status.Code.INVALID_ARGUMENT, error.getStatus().getCode());
        }
    }

    private static void assertRejection(Rejection rejection, int index, String recordId, String field) {
        assertEquals(index, rejection.getIndex());
        assertEquals(recordId, rejection.getRecordId());
        assertEquals(field, rejection.getField());
        assertFalse(rejection.getReason().isBlank(), "a reason a person can act on");
    }
}
