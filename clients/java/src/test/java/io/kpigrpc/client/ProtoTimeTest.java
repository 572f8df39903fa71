package io.kpigrpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProtoTimeTest {
    @Test
    void timestamp_instantWithNanos_roundTrips() {
        Instant instant = Instant.parse("2026-03-10T09:20:00.123456789Z");

        var timestamp = ProtoTime.timestamp(instant);

        assertEquals(1_773_134_400L, timestamp.getSeconds()); // 2026-03-10T09:20:00Z
        assertEquals(123_456_789, timestamp.getNanos());
        assertEquals(instant, ProtoTime.instant(timestamp));
    }

    @Test
    void timestamp_beforeEpoch_keepsNanosPositive() {
        var timestamp = ProtoTime.timestamp(Instant.parse("1969-12-31T23:59:59.500Z"));

        assertEquals(-1, timestamp.getSeconds());
        assertEquals(500_000_000, timestamp.getNanos());
    }

    @Test
    void duration_millis_convertsToSecondsAndNanos() {
        var duration = ProtoTime.duration(Duration.ofMillis(1_250));

        assertEquals(1, duration.getSeconds());
        assertEquals(250_000_000, duration.getNanos());
    }

    @Test
    void floorToQueryStep_midQuarter_previousQuarterHour() {
        assertEquals(Instant.parse("2026-03-10T09:00:00Z"), ProtoTime.floorToQueryStep(Instant.parse("2026-03-10T09:14:59.9Z")));
        assertEquals(Instant.parse("2026-03-10T09:15:00Z"), ProtoTime.floorToQueryStep(Instant.parse("2026-03-10T09:15:00Z")));
    }

    @Test
    void ceilToQueryStep_midQuarter_nextQuarterHourButBoundaryStays() {
        assertEquals(Instant.parse("2026-03-10T09:15:00Z"), ProtoTime.ceilToQueryStep(Instant.parse("2026-03-10T09:00:00.001Z")));
        assertEquals(Instant.parse("2026-03-10T09:00:00Z"), ProtoTime.ceilToQueryStep(Instant.parse("2026-03-10T09:00:00Z")));
    }
}
