"""Build kpi.v1 records from plain Python values: aware datetimes and outcome names."""

from datetime import datetime, timedelta, timezone

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp

from .pb import kpis_pb2, records_pb2

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def enum_value(enum, prefix, value):
    """An enum number from a short name ("busy"), a full name ("CALL_OUTCOME_BUSY") or a number."""
    if isinstance(value, int):
        enum.Name(value)  # raises ValueError for an unknown number
        return value
    name = str(value).strip().upper().replace("-", "_")
    if not name.startswith(prefix):
        name = prefix + name
    if name == prefix + "UNSPECIFIED" or name not in enum.keys():
        known = ", ".join(short_name(prefix, n) for n in enum.keys()[1:])
        raise ValueError(f"unknown {enum.DESCRIPTOR.name} {value!r}; expected one of: {known}")
    return enum.Value(name)


def short_name(prefix, full_name):
    """ "CALL_OUTCOME_BUSY" -> "busy"."""
    return full_name[len(prefix):].lower()


def call_outcome(value):
    """CallOutcome from "busy", "invalid_number", "CALL_OUTCOME_BUSY" or its number."""
    return enum_value(records_pb2.CallOutcome, "CALL_OUTCOME_", value)


def appointment_result_kind(value):
    """AppointmentResultKind from "sale", "no_sale", "cancelled" or its full name."""
    return enum_value(records_pb2.AppointmentResultKind, "APPOINTMENT_RESULT_KIND_", value)


def timestamp(value):
    """A Timestamp from an aware datetime (or a Timestamp). Naive datetimes are refused:
    their time zone would be a guess, and KPIs land in the period of the instant."""
    if isinstance(value, Timestamp):
        return value
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value.isoformat()}: give it a tzinfo (e.g. timezone.utc)")
    elapsed = value - _EPOCH
    seconds = elapsed.days * 86_400 + elapsed.seconds
    return Timestamp(seconds=seconds, nanos=elapsed.microseconds * 1000)


def to_datetime(ts):
    """An aware UTC datetime from a Timestamp (microsecond precision)."""
    return _EPOCH + timedelta(seconds=ts.seconds, microseconds=ts.nanos // 1000)


def duration(value):
    """A Duration from a timedelta or a number of seconds."""
    if isinstance(value, timedelta):
        value = value.total_seconds()
    whole = int(value)
    return Duration(seconds=whole, nanos=round((value - whole) * 1e9))


def call_record(call_id, *, campaign_id, operator_id, started_at, outcome, team_id="",
                lead_id="", talk_seconds=0.0, removal_requested=False, revision=0):
    """A CallRecord; outcome is a name such as "busy" or "appointment"."""
    return records_pb2.CallRecord(
        call_id=call_id,
        campaign_id=campaign_id,
        operator_id=operator_id,
        team_id=team_id,
        lead_id=lead_id,
        started_at=timestamp(started_at),
        outcome=call_outcome(outcome),
        talk_seconds=talk_seconds,
        removal_requested=removal_requested,
        revision=revision,
    )


def appointment_result(call_id, result, reported_at):
    """An AppointmentResult; result is "sale", "no_sale" or "cancelled"."""
    return records_pb2.AppointmentResult(
        call_id=call_id, result=appointment_result_kind(result), reported_at=timestamp(reported_at)
    )


def operator_session(session_id, *, operator_id, started_at, ended_at, team_id="", campaign_id=""):
    """An OperatorSession: the logged-in span that calls_per_hour divides by."""
    return records_pb2.OperatorSession(
        session_id=session_id,
        operator_id=operator_id,
        team_id=team_id,
        campaign_id=campaign_id,
        started_at=timestamp(started_at),
        ended_at=timestamp(ended_at),
    )


def group_dimension(value):
    """GroupDimension from "operator", "team" or "campaign"."""
    return enum_value(kpis_pb2.GroupDimension, "GROUP_DIMENSION_", value)


def granularity(value):
    """Granularity from "hour", "day", "week", "month"; None means no split."""
    if value is None:
        return kpis_pb2.GRANULARITY_UNSPECIFIED
    return enum_value(kpis_pb2.Granularity, "GRANULARITY_", value)


def current_period(value):
    """CurrentPeriod from "day", "week" or "month"."""
    return enum_value(kpis_pb2.CurrentPeriod, "CURRENT_PERIOD_", value)


def kpi_filter(campaign_ids=(), team_ids=(), operator_ids=()):
    """A KpiFilter; empty lists mean all."""
    return kpis_pb2.KpiFilter(
        campaign_ids=list(campaign_ids), team_ids=list(team_ids), operator_ids=list(operator_ids)
    )
