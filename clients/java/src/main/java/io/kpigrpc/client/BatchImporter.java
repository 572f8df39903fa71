package io.kpigrpc.client;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs one of the Import* bidi streams: sends the batches as fast as flow control allows,
 * collects one ack per batch and checks that each echoes its batch's id, in order.
 */
final class BatchImporter<Q, R> implements ClientResponseObserver<Q, R> {
    private final List<Q> batches;
    private final ToLongFunction<Q> batchId;
    private final ToLongFunction<R> ackBatchId;
    // Written by gRPC's callbacks, read by the caller on failure.
    private final List<R> acks = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<R>> done = new CompletableFuture<>();
    private ClientCallStreamObserver<Q> requests;
    private int sent;

    private BatchImporter(List<Q> batches, ToLongFunction<Q> batchId, ToLongFunction<R> ackBatchId) {
        this.batches = List.copyOf(batches);
        this.batchId = batchId;
        this.ackBatchId = ackBatchId;
    }

    /** Opens the stream with {@code open} (e.g. {@code stub::importCalls}) and returns the acks. */
    static <Q, R> List<R> run(Function<StreamObserver<R>, StreamObserver<Q>> open, List<Q> batches,
            ToLongFunction<Q> batchId, ToLongFunction<R> ackBatchId) {
        if (batches.isEmpty()) {
            return List.of();
        }
        var importer = new BatchImporter<>(batches, batchId, ackBatchId);
        open.apply(importer);
        try {
            return importer.done.get();
        } catch (InterruptedException e) {
            importer.requests.cancel("interrupted", e);
            Thread.currentThread().interrupt();
            throw importer.failure("import interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImportException importFailure) {
                throw importFailure;
            }
            throw importer.failure("import failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
        requests = requestStream;
        // Called whenever the transport can take more: a large import never buffers it all.
        requestStream.setOnReadyHandler(this::sendWhileReady);
    }

    private void sendWhileReady() {
        while (sent < batches.size() && requests.isReady()) {
            requests.onNext(batches.get(sent++));
            if (sent == batches.size()) {
                requests.onCompleted();
            }
        }
    }

    @Override
    public void onNext(R ack) {
        int index = acks.size();
        if (index >= batches.size() || ackBatchId.applyAsLong(ack) != batchId.applyAsLong(batches.get(index))) {
            String expected = index < batches.size() ? String.valueOf(batchId.applyAsLong(batches.get(index))) : "none";
            var error = failure("ack for batch " + ackBatchId.applyAsLong(ack) + " where batch " + expected + " was expected", null);
            requests.cancel("unexpected ack", error);
            done.completeExceptionally(error);
            return;
        }
        acks.add(ack);
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
        if (acks.size() == batches.size()) {
            done.complete(List.copyOf(acks));
        } else {
            done.completeExceptionally(failure("stream ended after " + acks.size() + " of " + batches.size() + " acks", null));
        }
    }

    private ImportException failure(String message, Throwable cause) {
        List<Long> ids = new ArrayList<>();
        for (R ack : acks) {
            ids.add(ackBatchId.applyAsLong(ack));
        }
        return new ImportException(message, ids, cause);
    }
}
