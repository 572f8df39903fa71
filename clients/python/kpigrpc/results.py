"""Turn kpi.v1 results into plain Python values: dicts, datetimes, and None for absent KPIs."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

from .pb import kpis_pb2
from .records import short_name, to_datetime

#: The KPI names, in the order of the Kpis message ("list_validity_rate", ...).
KPI_NAMES = tuple(f.name for f in kpis_pb2.Kpis.DESCRIPTOR.fields)
#: The count names, in the order of the KpiCounts message ("dialed", ...).
COUNT_NAMES = tuple(f.name for f in kpis_pb2.KpiCounts.DESCRIPTOR.fields)


def kpis_to_dict(kpis):
    """{kpi name: value}; a KPI whose denominator is zero is None, never 0."""
    return {name: getattr(kpis, name).value if kpis.HasField(name) else None for name in KPI_NAMES}


def statuses_to_dict(kpis):
    """{kpi name: "good" | "warning" | "bad" | "not_enough_data" | "no_benchmark" | None}."""
    return {
        name: short_name("KPI_STATUS_", kpis_pb2.KpiStatus.Name(getattr(kpis, name).status))
        if kpis.HasField(name)
        else None
        for name in KPI_NAMES
    }


def group_to_dict(group):
    """A KpiGroup as a dict:

    {"operator_id", "team_id", "campaign_id": str (only the grouped ones are meaningful),
     "period_start", "period_end": aware datetime or None without granularity,
     "counts": {"dialed": 4, ...}, "kpis": {"pitch_rate": 66.67, "close_rate": None, ...},
     "statuses": {"pitch_rate": "good", ...}}
    """
    key = group.key
    return {
        "operator_id": key.operator_id,
        "team_id": key.team_id,
        "campaign_id": key.campaign_id,
        "period_start": to_datetime(key.period_start) if key.HasField("period_start") else None,
        "period_end": to_datetime(key.period_end) if key.HasField("period_end") else None,
        "counts": {name: getattr(group.counts, name) for name in COUNT_NAMES},
        "kpis": kpis_to_dict(group.kpis),
        "statuses": statuses_to_dict(group.kpis),
    }


@dataclass(frozen=True)
class WatchEvent:
    """One message of a watch: a "snapshot" (replace what you hold) or an "update" (merge)."""

    kind: str
    window_start: datetime
    window_end: Optional[datetime]
    computed_at: datetime
    groups: list = field(default_factory=list)


def watch_event(response):
    """A WatchEvent from a WatchKpisResponse."""
    return WatchEvent(
        kind=short_name("WATCH_EVENT_KIND_", kpis_pb2.WatchEventKind.Name(response.kind)),
        window_start=to_datetime(response.window_start),
        window_end=to_datetime(response.window_end) if response.HasField("window_end") else None,
        computed_at=to_datetime(response.computed_at),
        groups=[group_to_dict(g) for g in response.groups],
    )


def group_key(group):
    """The identity of a group dict, to merge updates into a snapshot."""
    return (group["operator_id"], group["team_id"], group["campaign_id"], group["period_start"])
