package io.kpigrpc.client;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Conversions between java.time and the protobuf well-known types, and the query grid. */
public final class ProtoTime {
    /** QueryKpis ranges start and end on this grid. */
    public static final Duration QUERY_STEP = Duration.ofMinutes(15);

    private ProtoTime() {
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    public static com.google.protobuf.Duration duration(Duration duration) {
        return com.google.protobuf.Duration.newBuilder()
                .setSeconds(duration.getSeconds()).setNanos(duration.getNano()).build();
    }

    /** The latest 15-minute boundary at or before {@code instant}: a valid QueryKpis bound. */
    public static Instant floorToQueryStep(Instant instant) {
        long step = QUERY_STEP.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), step) * step);
    }

    /** The earliest 15-minute boundary at or after {@code instant}. */
    public static Instant ceilToQueryStep(Instant instant) {
        Instant floor = floorToQueryStep(instant);
        return floor.equals(instant) ? floor : floor.plus(QUERY_STEP);
    }
}
