package io.kpigrpc.client;

import static io.kpigrpc.client.TestRecords.call;
import static io.kpigrpc.kpi.v1.CallOutcome.CALL_OUTCOME_ANSWERED;
import static io.kpigrpc.kpi.v1.CallOutcome.CALL_OUTCOME_PITCHED;
import static io.kpigrpc.kpi.v1.WatchEventKind.WATCH_EVENT_KIND_SNAPSHOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kpigrpc.kpi.v1.GroupDimension;
import io.kpigrpc.kpi.v1.KpiFilter;
import io.kpigrpc.kpi.v1.KpiGroup;
import io.kpigrpc.kpi.v1.QueryKpisRequest;
import io.kpigrpc.kpi.v1.WatchKpisRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Answers the server sends in pieces (query pages, a watch snapshot split into several messages) reach the caller whole. */
@ExtendWith(KpiServer.Extension.class)
class PagingAndSplitTest {
    @Test
    void queryKpis_pagesOfTwo_everyGroupOnceInOrder(KpiServer server) {
        try (var client = server.connect()) {
            var operators = List.of("op-p1", "op-p2", "op-p3", "op-p4", "op-p5");
            client.recordCalls(operators.stream()
                    .map(op -> call("p-" + op, "paged", op, "2026-03-13T09:00:00Z", CALL_OUTCOME_ANSWERED, 30)).toList());
            // 5 groups in pages of 2, 2 and 1.
            var request = QueryKpisRequest.newBuilder()
                    .setFrom(ProtoTime.timestamp(Instant.parse("2026-03-13T00:00:00Z")))
                    .setTo(ProtoTime.timestamp(Instant.parse("2026-03-14T00:00:00Z")))
                    .setFilter(KpiFilter.newBuilder().addCampaignIds("paged"))
                    .addGroupBy(GroupDimension.GROUP_DIMENSION_OPERATOR)
                    .setPageSize(2)
                    .build();

            List<KpiGroup> groups = client.queryKpis(request);

            assertEquals(operators, groups.stream().map(g -> g.getKey().getOperatorId()).toList());
        }
    }

    @Test
    void watchKpis_snapshotSplitByTheServer_oneEventWithEveryGroup(KpiServer server) throws InterruptedException {
        try (var client = server.connect()) {
            // 2,000 operators with 60-character ids, about 400 KB of groups: more than one message
            // at the server's default of 64 KiB.
            var operators = IntStream.range(0, 2000).mapToObj(i -> String.format("op-%04d", i) + "x".repeat(52)).toList();
            client.recordCalls(operators.stream()
                    .map(op -> call("s-" + op, "split", op, "2026-03-14T10:00:00Z", CALL_OUTCOME_PITCHED, 90)).toList());
            var request = WatchKpisRequest.newBuilder()
                    .setSince(ProtoTime.timestamp(Instant.parse("2026-03-14T00:00:00Z")))
                    .setFilter(KpiFilter.newBuilder().addCampaignIds("split"))
                    .addGroupBy(GroupDimension.GROUP_DIMENSION_OPERATOR)
                    .build();

            try (var watch = client.watchKpis(request)) {
                var snapshot = watch.next(Duration.ofSeconds(15)).orElseThrow(() -> new AssertionError("no snapshot in 15 s"));

                assertEquals(WATCH_EVENT_KIND_SNAPSHOT, snapshot.getKind());
                assertFalse(snapshot.getContinued());
                assertEquals(operators, snapshot.getGroupsList().stream().map(g -> g.getKey().getOperatorId()).toList());
            }
        }
    }
}
