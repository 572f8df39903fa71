package io.kpigrpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.kpigrpc.kpi.v1.BatchAck;
import io.kpigrpc.kpi.v1.CallOutcome;
import io.kpigrpc.kpi.v1.ImportCallsRequest;
import io.kpigrpc.kpi.v1.ImportCallsResponse;
import io.kpigrpc.kpi.v1.IngestServiceGrpc;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** importCalls against an in-process fake IngestService whose acks the test controls. */
class BatchImporterTest {
    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void importCalls_serverEchoesEveryBatch_acksInOrder() throws IOException {
        var client = fakeServer(id -> id, Long.MAX_VALUE);

        var acks = client.importCalls(batches(1, 2, 3));

        assertEquals(List.of(1L, 2L, 3L), acks.stream().map(ImportCallsResponse::getBatchId).toList());
        assertEquals(1, acks.get(2).getAck().getAccepted());
    }

    @Test
    void importCalls_wrongBatchIdEchoed_failsWithTheBatchesAcknowledgedBefore() throws IOException {
        var client = fakeServer(id -> id == 2 ? 99 : id, Long.MAX_VALUE);

        var error = assertThrows(ImportException.class, () -> client.importCalls(batches(1, 2, 3)));

        assertEquals(List.of(1L), error.acknowledgedBatchIds());
    }

    @Test
    void importCalls_streamEndsEarly_failsWithTheBatchesAcknowledged() throws IOException {
        var client = fakeServer(id -> id, 2);

        var error = assertThrows(ImportException.class, () -> client.importCalls(batches(1, 2, 3)));

        assertEquals(List.of(1L, 2L), error.acknowledgedBatchIds());
    }

    @Test
    void importCalls_noBatch_noCall() throws IOException {
        var client = fakeServer(id -> { throw new AssertionError("called"); }, 0);

        assertEquals(List.of(), client.importCalls(List.of()));
    }

    private static List<ImportCallsRequest> batches(long... ids) {
        return LongStream.of(ids).mapToObj(id -> ImportCallsRequest.newBuilder().setBatchId(id)
                .addCalls(TestRecords.call("c" + id, "solar", "op-a", "2026-03-10T09:00:00Z",
                        CallOutcome.CALL_OUTCOME_BUSY, 0)).build()).toList();
    }

    /** A server acking each batch with {@code echo(batch_id)}, completing after {@code maxAcks} acks. */
    private KpiClient fakeServer(LongUnaryOperator echo, long maxAcks) throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).addService(new IngestServiceGrpc.IngestServiceImplBase() {
            @Override
            public StreamObserver<ImportCallsRequest> importCalls(StreamObserver<ImportCallsResponse> responses) {
                return new StreamObserver<>() {
                    private long acked;

                    @Override
                    public void onNext(ImportCallsRequest request) {
                        if (acked++ == maxAcks) {
                            responses.onCompleted();
                        } else if (acked <= maxAcks) {
                            responses.onNext(ImportCallsResponse.newBuilder().setBatchId(echo.applyAsLong(request.getBatchId()))
                                    .setAck(BatchAck.newBuilder().setAccepted(request.getCallsCount())).build());
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                        if (acked <= maxAcks) {
                            responses.onCompleted();
                        }
                    }
                };
            }
        }).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        return new KpiClient(channel, Duration.ofSeconds(5));
    }
}
