package io.kpigrpc.client;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.kpigrpc.kpi.v1.AppointmentResult;
import io.kpigrpc.kpi.v1.BatchAck;
import io.kpigrpc.kpi.v1.CallRecord;
import io.kpigrpc.kpi.v1.ImportAppointmentResultsRequest;
import io.kpigrpc.kpi.v1.ImportAppointmentResultsResponse;
import io.kpigrpc.kpi.v1.ImportCallsRequest;
import io.kpigrpc.kpi.v1.ImportCallsResponse;
import io.kpigrpc.kpi.v1.ImportSessionsRequest;
import io.kpigrpc.kpi.v1.ImportSessionsResponse;
import io.kpigrpc.kpi.v1.IngestServiceGrpc;
import io.kpigrpc.kpi.v1.KpiGroup;
import io.kpigrpc.kpi.v1.KpiServiceGrpc;
import io.kpigrpc.kpi.v1.OperatorSession;
import io.kpigrpc.kpi.v1.QueryKpisRequest;
import io.kpigrpc.kpi.v1.RecordAppointmentResultsRequest;
import io.kpigrpc.kpi.v1.RecordCallsRequest;
import io.kpigrpc.kpi.v1.RecordSessionsRequest;
import io.kpigrpc.kpi.v1.WatchKpisRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client of the KpiGrpc IngestService and KpiService. Calls block; failures surface as
 * {@link io.grpc.StatusRuntimeException}. Every call but {@link #watchKpis} has a deadline.
 */
public final class KpiClient implements AutoCloseable {
    /** The deadline of each call unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Channel channel;
    private final ManagedChannel ownedChannel;
    private final Duration timeout;

    /** Uses a channel the caller owns and closes. */
    public KpiClient(Channel channel, Duration timeout) {
        this(channel, null, timeout);
    }

    private KpiClient(Channel channel, ManagedChannel ownedChannel, Duration timeout) {
        this.channel = channel;
        this.ownedChannel = ownedChannel;
        this.timeout = timeout;
    }

    /** Connects over plaintext HTTP/2 (the server's default on loopback); close() closes the channel. */
    public static KpiClient connectPlaintext(String host, int port) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
        return new KpiClient(channel, channel, DEFAULT_TIMEOUT);
    }

    /**
     * Connects with an API key, TLS (a private CA) and a client certificate as the options say;
     * plaintext without a key when they are empty. close() closes the channel. A server
     * certificate the client does not trust fails the first call with UNAVAILABLE.
     */
    public static KpiClient connect(String host, int port, KpiClientOptions options) {
        ManagedChannel channel = Channels.open(host, port, options);
        return new KpiClient(channel, channel, DEFAULT_TIMEOUT);
    }

    /** Stores a batch of calls; invalid records come back as rejections, the others are stored. */
    public BatchAck recordCalls(List<CallRecord> calls) {
        return ingest().recordCalls(RecordCallsRequest.newBuilder().addAllCalls(calls).build()).getAck();
    }

    /** Stores a batch of appointment results. */
    public BatchAck recordAppointmentResults(List<AppointmentResult> results) {
        var request = RecordAppointmentResultsRequest.newBuilder().addAllResults(results).build();
        return ingest().recordAppointmentResults(request).getAck();
    }

    /** Stores a batch of operator sessions. */
    public BatchAck recordSessions(List<OperatorSession> sessions) {
        return ingest().recordSessions(RecordSessionsRequest.newBuilder().addAllSessions(sessions).build()).getAck();
    }

    /**
     * Streams the batches and returns their acks, in order. Throws {@link ImportException}
     * (with the batch ids acknowledged so far) when an ack does not echo its batch id.
     */
    public List<ImportCallsResponse> importCalls(List<ImportCallsRequest> batches) {
        return BatchImporter.run(ingestAsync()::importCalls, batches,
                ImportCallsRequest::getBatchId, ImportCallsResponse::getBatchId);
    }

    /** Streams batches of appointment results, like {@link #importCalls}. */
    public List<ImportAppointmentResultsResponse> importAppointmentResults(List<ImportAppointmentResultsRequest> batches) {
        return BatchImporter.run(ingestAsync()::importAppointmentResults, batches,
                ImportAppointmentResultsRequest::getBatchId, ImportAppointmentResultsResponse::getBatchId);
    }

    /** Streams batches of operator sessions, like {@link #importCalls}. */
    public List<ImportSessionsResponse> importSessions(List<ImportSessionsRequest> batches) {
        return BatchImporter.run(ingestAsync()::importSessions, batches,
                ImportSessionsRequest::getBatchId, ImportSessionsResponse::getBatchId);
    }

    /** Groups per page when the request does not set page_size: the most the server gives in one page. */
    public static final int DEFAULT_PAGE_SIZE = 10_000;

    /**
     * The groups of a KPI query; from and to must fall on 15-minute boundaries. Follows the
     * server's pages (page_size groups each, {@link #DEFAULT_PAGE_SIZE} when unset) to the last,
     * each a call with its own deadline.
     */
    public List<KpiGroup> queryKpis(QueryKpisRequest request) {
        var page = request.toBuilder();
        if (page.getPageSize() == 0) {
            page.setPageSize(DEFAULT_PAGE_SIZE);
        }
        var groups = new ArrayList<KpiGroup>();
        while (true) {
            var response = KpiServiceGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .queryKpis(page.build());
            groups.addAll(response.getGroupsList());
            if (response.getNextPageToken().isEmpty()) {
                return groups;
            }
            page.setPageToken(response.getNextPageToken());
        }
    }

    /**
     * Opens a live watch: a SNAPSHOT first, then UPDATEs; an event the server splits into several
     * messages comes as one. Close it to cancel the stream.
     */
    public KpiWatch watchKpis(WatchKpisRequest request) {
        return KpiWatch.open(KpiServiceGrpc.newStub(channel), request);
    }

    @Override
    public void close() {
        if (ownedChannel == null) {
            return;
        }
        ownedChannel.shutdown();
        try {
            if (!ownedChannel.awaitTermination(5, TimeUnit.SECONDS)) {
                ownedChannel.shutdownNow();
            }
        } catch (InterruptedException e) {
            ownedChannel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private IngestServiceGrpc.IngestServiceBlockingStub ingest() {
        return IngestServiceGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private IngestServiceGrpc.IngestServiceStub ingestAsync() {
        return IngestServiceGrpc.newStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
