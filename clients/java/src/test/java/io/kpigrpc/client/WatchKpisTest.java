package io.kpigrpc.client;

import static io.kpigrpc.client.TestRecords.call;
import static io.kpigrpc.kpi.v1.CallOutcome.CALL_OUTCOME_BUSY;
import static io.kpigrpc.kpi.v1.CallOutcome.CALL_OUTCOME_PITCHED;
import static io.kpigrpc.kpi.v1.WatchEventKind.WATCH_EVENT_KIND_SNAPSHOT;
import static io.kpigrpc.kpi.v1.WatchEventKind.WATCH_EVENT_KIND_UPDATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.kpigrpc.kpi.v1.GroupDimension;
import io.kpigrpc.kpi.v1.KpiFilter;
import io.kpigrpc.kpi.v1.KpiGroup;
import io.kpigrpc.kpi.v1.WatchKpisRequest;
import io.kpigrpc.kpi.v1.WatchKpisResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A live watch of operator op-w on 2026-03-10: the snapshot, then an update after new calls. */
@ExtendWith(KpiServer.Extension.class)
class WatchKpisTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void watchKpis_callsArriveAfterSnapshot_updateCarriesNewCounts(KpiServer server) throws InterruptedException {
        try (var client = server.connect()) {
            client.recordCalls(List.of(call("w1", "live", "op-w", "2026-03-10T10:00:00Z", CALL_OUTCOME_PITCHED, 60)));
            var request = WatchKpisRequest.newBuilder()
                    .setSince(ProtoTime.timestamp(Instant.parse("2026-03-10T00:00:00Z")))
                    .setFilter(KpiFilter.newBuilder().addOperatorIds("op-w"))
                    .addGroupBy(GroupDimension.GROUP_DIMENSION_OPERATOR)
                    .setCoalesceInterval(ProtoTime.duration(Duration.ofMillis(50)))
                    .build();

            try (var watch = client.watchKpis(request)) {
                WatchKpisResponse snapshot = watch.next(WAIT).orElseThrow(() -> new AssertionError("no snapshot in " + WAIT));
                assertEquals(WATCH_EVENT_KIND_SNAPSHOT, snapshot.getKind());
                assertEquals(1, opW(snapshot).getCounts().getDialed());

                client.recordCalls(List.of(
                        call("w2", "live", "op-w", "2026-03-10T10:05:00Z", CALL_OUTCOME_PITCHED, 30),
                        call("w3", "live", "op-w", "2026-03-10T10:10:00Z", CALL_OUTCOME_BUSY, 0)));

                // 1 + 2 calls: dialed 3, connected 3, pitched 2 -> pitch rate 2/3 = 66.67%.
                KpiGroup updated = awaitUpdate(watch, 3);
                assertEquals(2, updated.getCounts().getPitched());
                assertEquals(66.67, updated.getKpis().getPitchRate().getValue(), 0.01);
            }
        }
    }

    /** Reads updates until op-w reaches {@code dialed} calls; coalescing may split the two calls. */
    private static KpiGroup awaitUpdate(KpiWatch watch, long dialed) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            var message = watch.next(Duration.between(Instant.now(), deadline));
            if (message.isPresent()) {
                assertEquals(WATCH_EVENT_KIND_UPDATE, message.get().getKind());
                KpiGroup group = opW(message.get());
                if (group.getCounts().getDialed() == dialed) {
                    return group;
                }
            }
        }
        return fail("no update with " + dialed + " calls for op-w within " + WAIT);
    }

    private static KpiGroup opW(WatchKpisResponse message) {
        KpiGroup group = TestRecords.byOperator(message.getGroupsList()).get("op-w");
        if (group == null) {
            fail("no op-w group in " + message);
        }
        return group;
    }
}
