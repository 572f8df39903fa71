package io.kpigrpc.examples;

import io.kpigrpc.client.KpiClient;
import io.kpigrpc.client.KpiClientOptions;
import io.kpigrpc.client.ProtoTime;
import io.kpigrpc.kpi.v1.CallOutcome;
import io.kpigrpc.kpi.v1.CallRecord;
import io.kpigrpc.kpi.v1.GroupDimension;
import io.kpigrpc.kpi.v1.ImportCallsRequest;
import io.kpigrpc.kpi.v1.KpiGroup;
import io.kpigrpc.kpi.v1.KpiValue;
import io.kpigrpc.kpi.v1.QueryKpisRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A dialer feeding random calls of the last hour over ImportCalls, then printing the KPIs of
 * that hour per operator. Usage: DialerFeed [host:port] [batches] [calls per batch] [CA PEM file]
 * [client certificate PEM] [client key PEM]. Sends the API key of $KPI_API_KEY when set; a CA
 * file connects over TLS, a client certificate and key are presented to a mutual-TLS server.
 */
public final class DialerFeed {
    private static final String[] OPERATORS = {"op-1", "op-2", "op-3"};

    private DialerFeed() {
    }

    public static void main(String[] args) {
        String[] server = (args.length > 0 ? args[0] : "127.0.0.1:5051").split(":");
        int batchCount = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Instant to = ProtoTime.ceilToQueryStep(Instant.now());
        Instant from = to.minus(Duration.ofHours(1));

        var options = KpiClientOptions.builder().apiKey(System.getenv(KpiClientOptions.API_KEY_ENV));
        if (args.length > 3) {
            options.certificateAuthority(Path.of(args[3]));
        }
        if (args.length > 5) {
            options.clientCertificate(Path.of(args[4]), Path.of(args[5]));
        }

        try (var client = KpiClient.connect(server[0], Integer.parseInt(server[1]), options.build())) {
            var acks = client.importCalls(randomBatches(batchCount, batchSize, from, new Random()));
            int accepted = acks.stream().mapToInt(ack -> ack.getAck().getAccepted()).sum();
            System.out.printf("%d batches acknowledged, %d calls accepted%n", acks.size(), accepted);

            List<KpiGroup> groups = client.queryKpis(QueryKpisRequest.newBuilder()
                    .setFrom(ProtoTime.timestamp(from)).setTo(ProtoTime.timestamp(to))
                    .addGroupBy(GroupDimension.GROUP_DIMENSION_OPERATOR).build());
            for (KpiGroup group : groups) {
                var kpis = group.getKpis();
                System.out.printf("%-6s %4d dialed  answer %s  pitch %s  conversion %s%n",
                        group.getKey().getOperatorId(), group.getCounts().getDialed(),
                        percent(kpis.hasAnswerRate(), kpis.getAnswerRate()),
                        percent(kpis.hasPitchRate(), kpis.getPitchRate()),
                        percent(kpis.hasConversionRate(), kpis.getConversionRate()));
            }
        }
    }

    /** A rate, or "-" when its denominator is zero (the server leaves it unset). */
    private static String percent(boolean present, KpiValue value) {
        return present ? String.format("%6.2f%%", value.getValue()) : "     -";
    }

    private static List<ImportCallsRequest> randomBatches(int count, int size, Instant from, Random random) {
        CallOutcome[] outcomes = {CallOutcome.CALL_OUTCOME_NO_ANSWER, CallOutcome.CALL_OUTCOME_ANSWERED,
            CallOutcome.CALL_OUTCOME_PITCHED, CallOutcome.CALL_OUTCOME_APPOINTMENT};
        List<ImportCallsRequest> batches = new ArrayList<>();
        for (int batch = 1; batch <= count; batch++) {
            var request = ImportCallsRequest.newBuilder().setBatchId(batch);
            for (int i = 0; i < size; i++) {
                CallOutcome outcome = outcomes[random.nextInt(outcomes.length)];
                boolean talked = outcome != CallOutcome.CALL_OUTCOME_NO_ANSWER;
                request.addCalls(CallRecord.newBuilder()
                        .setCallId(UUID.randomUUID().toString())
                        .setCampaignId("solar")
                        .setOperatorId(OPERATORS[random.nextInt(OPERATORS.length)])
                        .setStartedAt(ProtoTime.timestamp(from.plusSeconds(random.nextInt(3600))))
                        .setOutcome(outcome)
                        .setTalkSeconds(talked ? 30 + random.nextInt(300) : 0));
            }
            batches.add(request.build());
        }
        return batches;
    }
}
