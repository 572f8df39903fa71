package io.kpigrpc.client;

import io.kpigrpc.kpi.v1.AppointmentResult;
import io.kpigrpc.kpi.v1.AppointmentResultKind;
import io.kpigrpc.kpi.v1.CallOutcome;
import io.kpigrpc.kpi.v1.CallRecord;
import io.kpigrpc.kpi.v1.KpiGroup;
import io.kpigrpc.kpi.v1.OperatorSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builders of the records the tests send, and a lookup of query results by operator. */
final class TestRecords {
    private TestRecords() {
    }

    static CallRecord call(String id, String campaign, String operator, String startedAt, CallOutcome outcome, double talkSeconds) {
        return CallRecord.newBuilder().setCallId(id).setCampaignId(campaign).setOperatorId(operator).setTeamId("t1")
                .setStartedAt(ProtoTime.timestamp(Instant.parse(startedAt))).setOutcome(outcome)
                .setTalkSeconds(talkSeconds).build();
    }

    static AppointmentResult result(String callId, AppointmentResultKind kind, String reportedAt) {
        return AppointmentResult.newBuilder().setCallId(callId).setResult(kind)
                .setReportedAt(ProtoTime.timestamp(Instant.parse(reportedAt))).build();
    }

    static OperatorSession session(String id, String campaign, String operator, String start, String end) {
        return OperatorSession.newBuilder().setSessionId(id).setCampaignId(campaign).setOperatorId(operator)
                .setTeamId("t1").setStartedAt(ProtoTime.timestamp(Instant.parse(start)))
                .setEndedAt(ProtoTime.timestamp(Instant.parse(end))).build();
    }

    static Map<String, KpiGroup> byOperator(List<KpiGroup> groups) {
        return groups.stream().collect(Collectors.toMap(g -> g.getKey().getOperatorId(), Function.identity()));
    }
}
