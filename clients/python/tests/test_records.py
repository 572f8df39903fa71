"""Unit tests of the record builders: no server."""

from datetime import datetime, timedelta, timezone

import pytest

from kpigrpc import appointment_result, call_outcome, call_record, operator_session, timestamp, to_datetime
from kpigrpc.pb import records_pb2
from kpigrpc.records import duration, granularity, group_dimension

PARIS_WINTER = timezone(timedelta(hours=1))


def test_timestamp_aware_datetime_is_the_same_instant_in_utc():
    # 10:30:00.250 at +01:00 is 09:30:00.250Z; 2026-03-10T00:00Z is 1773100800 s after the epoch.
    ts = timestamp(datetime(2026, 3, 10, 10, 30, 0, 250_000, tzinfo=PARIS_WINTER))
    assert (ts.seconds, ts.nanos) == (1773100800 + 9 * 3600 + 30 * 60, 250_000_000)


def test_timestamp_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="naive datetime"):
        timestamp(datetime(2026, 3, 10, 9, 0))


def test_to_datetime_round_trips_to_aware_utc():
    instant = datetime(1999, 12, 31, 23, 59, 59, 123_456, tzinfo=timezone.utc)
    assert to_datetime(timestamp(instant)) == instant
    assert to_datetime(timestamp(instant)).tzinfo == timezone.utc


@pytest.mark.parametrize(
    "name, expected",
    [
        ("busy", records_pb2.CALL_OUTCOME_BUSY),
        ("invalid_number", records_pb2.CALL_OUTCOME_INVALID_NUMBER),
        ("Invalid-Number", records_pb2.CALL_OUTCOME_INVALID_NUMBER),
        ("CALL_OUTCOME_APPOINTMENT", records_pb2.CALL_OUTCOME_APPOINTMENT),
        (records_pb2.CALL_OUTCOME_PITCHED, records_pb2.CALL_OUTCOME_PITCHED),
    ],
)
def test_call_outcome_names_map_to_the_enum(name, expected):
    assert call_outcome(name) == expected


@pytest.mark.parametrize("name", ["unspecified", "hung_up", "", 42])
def test_call_outcome_unknown_or_unspecified_is_refused(name):
    with pytest.raises(ValueError):
        call_outcome(name)


def test_call_record_sets_every_field():
    started = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)
    call = call_record(
        "c-1", campaign_id="solar", operator_id="op-a", team_id="t-1", lead_id="l-9",
        started_at=started, outcome="pitched", talk_seconds=95.5, removal_requested=True, revision=2,
    )
    assert (call.call_id, call.campaign_id, call.operator_id, call.team_id, call.lead_id) == (
        "c-1", "solar", "op-a", "t-1", "l-9")
    assert to_datetime(call.started_at) == started
    assert call.outcome == records_pb2.CALL_OUTCOME_PITCHED
    assert (call.talk_seconds, call.removal_requested, call.revision) == (95.5, True, 2)


def test_appointment_result_maps_the_result_name():
    result = appointment_result("c-1", "no_sale", datetime(2026, 3, 11, tzinfo=timezone.utc))
    assert result.result == records_pb2.APPOINTMENT_RESULT_KIND_NO_SALE
    with pytest.raises(ValueError, match="sale, no_sale, cancelled"):
        appointment_result("c-1", "refund", datetime(2026, 3, 11, tzinfo=timezone.utc))


def test_operator_session_keeps_both_instants():
    start = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)
    session = operator_session("s-1", operator_id="op-a", started_at=start, ended_at=start + timedelta(hours=2))
    assert session.ended_at.seconds - session.started_at.seconds == 7200


def test_query_enums_and_duration():
    assert group_dimension("team") == 2
    assert granularity(None) == 0 and granularity("week") == 3
    assert duration(timedelta(milliseconds=250)).nanos == 250_000_000
