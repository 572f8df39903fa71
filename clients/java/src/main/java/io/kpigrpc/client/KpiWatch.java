package io.kpigrpc.client;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.kpigrpc.kpi.v1.KpiServiceGrpc;
import io.kpigrpc.kpi.v1.WatchKpisRequest;
import io.kpigrpc.kpi.v1.WatchKpisResponse;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A live WatchKpis stream read one event at a time: a SNAPSHOT first (and after each
 * rollover), then UPDATEs carrying only the groups that changed. An event the server splits
 * into several messages (none over 4 MB) comes as one. Close it to cancel.
 */
public final class KpiWatch implements AutoCloseable {
    /** What the stream delivered: a message, its end, or its failure. */
    private record Event(WatchKpisResponse message, Throwable error) {
        static final Event END = new Event(null, null);
    }

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile ClientCallStreamObserver<WatchKpisRequest> call;
    private boolean ended;

    private KpiWatch() {
    }

    static KpiWatch open(KpiServiceGrpc.KpiServiceStub stub, WatchKpisRequest request) {
        var watch = new KpiWatch();
        stub.watchKpis(request, watch.new Receiver());
        return watch;
    }

    /**
     * Waits up to {@code timeout} for the next event; empty when none came in time.
     *
     * @throws io.grpc.StatusRuntimeException when the stream failed
     * @throws NoSuchElementException when the server ended the stream
     */
    public Optional<WatchKpisResponse> next(Duration timeout) throws InterruptedException {
        if (ended) {
            throw new NoSuchElementException("the watch has ended");
        }
        Event event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (event == null) {
            return Optional.empty();
        }
        if (event.message() != null) {
            return Optional.of(event.message());
        }
        ended = true;
        if (event.error() instanceof RuntimeException failure) {
            throw failure;
        }
        if (event.error() != null) {
            throw new IllegalStateException("the watch failed", event.error());
        }
        throw new NoSuchElementException("the server ended the watch");
    }

    @Override
    public void close() {
        var current = call;
        if (current != null) {
            current.cancel("watch closed by the client", null);
        }
    }

    private final class Receiver implements ClientResponseObserver<WatchKpisRequest, WatchKpisResponse> {
        /** The parts of a split event received so far; the first keeps its kind. */
        private WatchKpisResponse.Builder partial;

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchKpisRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(WatchKpisResponse message) {
            var event = partial == null
                    ? message.toBuilder()
                    : partial.addAllGroups(message.getGroupsList()).setContinued(message.getContinued());
            partial = event.getContinued() ? event : null;
            if (partial == null) {
                events.add(new Event(event.build(), null));
            }
        }

        @Override
        public void onError(Throwable t) {
            events.add(new Event(null, t));
        }

        @Override
        public void onCompleted() {
            events.add(Event.END);
        }
    }
}
