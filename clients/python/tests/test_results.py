"""Unit tests of the result conversions: no server."""

from datetime import datetime, timezone

import pytest

from kpigrpc import KpiClient, group_to_dict, timestamp
from kpigrpc.pb import kpis_pb2
from kpigrpc.results import watch_event


def _group():
    # op-b: 2 dialed, 2 connected, 1 answered, 0 pitched, 1 dropped ->
    # pitch_rate 0/2 = 0 (present), conversion_rate x/0 (absent), abandon_rate 1/1 = 100.
    return kpis_pb2.KpiGroup(
        key=kpis_pb2.GroupKey(operator_id="op-b"),
        counts=kpis_pb2.KpiCounts(dialed=2, connected=2, answered=1, dropped=1, logged_hours=0.5),
        kpis=kpis_pb2.Kpis(
            pitch_rate=kpis_pb2.KpiValue(value=0.0, status=kpis_pb2.KPI_STATUS_NOT_ENOUGH_DATA),
            abandon_rate=kpis_pb2.KpiValue(value=100.0, status=kpis_pb2.KPI_STATUS_BAD),
        ),
    )


def test_group_to_dict_absent_kpi_is_none_and_zero_stays_zero():
    group = group_to_dict(_group())
    assert group["kpis"]["conversion_rate"] is None
    assert group["kpis"]["pitch_rate"] == 0.0
    assert group["kpis"]["abandon_rate"] == 100.0
    assert group["statuses"]["abandon_rate"] == "bad"
    assert group["statuses"]["pitch_rate"] == "not_enough_data"
    assert group["statuses"]["close_rate"] is None


def test_group_to_dict_copies_key_and_counts():
    group = group_to_dict(_group())
    assert (group["operator_id"], group["team_id"], group["period_start"]) == ("op-b", "", None)
    assert group["counts"]["dialed"] == 2 and group["counts"]["logged_hours"] == 0.5
    assert group["counts"]["logged_hours_estimated"] is False


def test_group_to_dict_period_is_an_aware_datetime():
    start = datetime(2026, 3, 10, tzinfo=timezone.utc)
    proto = _group()
    proto.key.period_start.CopyFrom(timestamp(start))
    assert group_to_dict(proto)["period_start"] == start


def test_watch_event_names_the_kind_and_converts_groups():
    response = kpis_pb2.WatchKpisResponse(
        kind=kpis_pb2.WATCH_EVENT_KIND_UPDATE,
        window_start=timestamp(datetime(2026, 3, 12, tzinfo=timezone.utc)),
        groups=[_group()],
    )
    event = watch_event(response)
    assert event.kind == "update"
    assert event.window_end is None
    assert event.groups[0]["operator_id"] == "op-b"


def test_watch_kpis_needs_exactly_one_window():
    with KpiClient("127.0.0.1:9") as client:  # never connects: the request is refused first
        with pytest.raises(ValueError):
            client.watch_kpis()
        with pytest.raises(ValueError):
            client.watch_kpis(since=datetime.now(timezone.utc), current_period="day")
