"""Against the real server: ingest (unary and streamed), query, watch, rejections."""

from datetime import datetime, timedelta, timezone

import grpc
import pytest

from kpigrpc import appointment_result, call_record, operator_session

UTC = timezone.utc
DAY = datetime(2026, 3, 10, tzinfo=UTC)  # the query test's day
REJECT_DAY = datetime(2026, 3, 11, tzinfo=UTC)
WATCH_DAY = datetime(2026, 3, 12, tzinfo=UTC)


def _call(call_id, operator_id, at, outcome, **fields):
    return call_record(call_id, campaign_id="solar", operator_id=operator_id, team_id="t-1",
                       started_at=at, outcome=outcome, **fields)


def _at(day, hours, minutes=0):
    return day + timedelta(hours=hours, minutes=minutes)


def test_query_by_operator_matches_hand_worked_kpis(client):
    # Arrange: op-a 4 calls, a sale and a 2 h session; op-b 2 calls and a 30 min session.
    a1 = _call("a1", "op-a", _at(DAY, 9), "invalid_number")
    a2 = _call("a2", "op-a", _at(DAY, 9, 5), "busy")
    a3 = _call("a3", "op-a", _at(DAY, 9, 10), "pitched", talk_seconds=120)
    a4 = _call("a4", "op-a", _at(DAY, 9, 20), "appointment", talk_seconds=300)
    b1 = _call("b1", "op-b", _at(DAY, 10), "no_answer")
    b2 = _call("b2", "op-b", _at(DAY, 10, 30), "dropped", removal_requested=True)

    ack = client.record_calls([a1, a2, a3])
    assert (ack.accepted, list(ack.rejections)) == (3, [])

    # Streamed in two batches; a1 again in batch 2 is a duplicate, counted once.
    acks = list(client.import_calls([[a4], [b1, b2, a1]], timeout=30))
    assert [(r.batch_id, r.ack.accepted, r.ack.duplicates) for r in acks] == [(1, 1, 0), (2, 2, 1)]

    sale = appointment_result("a4", "sale", _at(DAY, 36))
    older_no_sale = appointment_result("a4", "no_sale", _at(DAY, 32))  # earlier report: stale
    assert client.record_appointment_results([sale]).accepted == 1
    [result_ack] = client.import_appointment_results([[older_no_sale]], timeout=30)
    assert result_ack.ack.stale == 1

    session_a = operator_session("s-a", operator_id="op-a", team_id="t-1", campaign_id="solar",
                                 started_at=_at(DAY, 9), ended_at=_at(DAY, 11))
    session_b = operator_session("s-b", operator_id="op-b", team_id="t-1", campaign_id="solar",
                                 started_at=_at(DAY, 10), ended_at=_at(DAY, 10, 30))
    assert client.record_sessions([session_a]).accepted == 1
    [session_ack] = client.import_sessions([[session_b]], first_batch_id=7, timeout=30)
    assert (session_ack.batch_id, session_ack.ack.accepted) == (7, 1)

    # Act
    groups = client.query_kpis(DAY, DAY + timedelta(days=1), group_by=["operator"], timeout=30)

    # Assert, by hand:
    # op-a: dialed 4; connected 3 (all but invalid_number); answered 2 (pitched, appointment);
    #   pitched 2; appointments 1; sales 1 (the later SALE wins); talk 420 s; logged 2 h.
    #   list_validity 3/4 = 75, answer 2/4 = 50, rejection 0/4 = 0, calls_per_hour 4/2 = 2,
    #   avg call 420/4 = 105 s, avg conversation 420/2 = 210 s, pitch 2/3 = 66.67,
    #   conversion 1/2 = 50, close 1/1 = 100, abandon 0/2 = 0.
    # op-b: dialed 2; connected 2; answered 1 (dropped); rejected 1 (removal_requested);
    #   dropped 1; pitched 0; logged 0.5 h.
    #   list_validity 100, answer 50, rejection 50, calls_per_hour 2/0.5 = 4, pitch 0/2 = 0,
    #   abandon 1/1 = 100; conversion (x/0 pitched) and close (x/0 appointments) absent.
    assert [g["operator_id"] for g in groups] == ["op-a", "op-b"]
    op_a, op_b = groups
    assert op_a["counts"] == dict(dialed=4, connected=3, answered=2, rejected=0, pitched=2,
                                 appointments=1, sales=1, dropped=0, talk_seconds=420.0,
                                 logged_hours=2.0, logged_hours_estimated=False)
    worked = dict(
        list_validity_rate=75.0, answer_rate=50.0, rejection_rate=0.0, calls_per_hour=2.0,
        average_call_duration_seconds=105.0, average_conversation_seconds=210.0,
        pitch_rate=200 / 3, conversion_rate=50.0, close_rate=100.0, abandon_rate=0.0)
    # The KPIs worked out above; one added to the proto later is checked by the server's tests.
    assert {name: op_a["kpis"][name] for name in worked} == pytest.approx(worked)
    assert op_b["counts"] == dict(dialed=2, connected=2, answered=1, rejected=1, pitched=0,
                                 appointments=0, sales=0, dropped=1, talk_seconds=0.0,
                                 logged_hours=0.5, logged_hours_estimated=False)
    assert op_b["kpis"]["calls_per_hour"] == pytest.approx(4.0)
    assert op_b["kpis"]["rejection_rate"] == pytest.approx(50.0)
    assert op_b["kpis"]["pitch_rate"] == 0.0
    assert op_b["kpis"]["abandon_rate"] == pytest.approx(100.0)
    assert op_b["kpis"]["conversion_rate"] is None
    assert op_b["kpis"]["close_rate"] is None


def test_bad_record_is_rejected_alone_with_index_field_and_reason(client):
    good = _call("r1", "op-r", _at(REJECT_DAY, 9), "busy")
    talk_on_busy = _call("r2", "op-r", _at(REJECT_DAY, 9, 5), "busy", talk_seconds=12)
    no_operator = _call("r3", "", _at(REJECT_DAY, 9, 10), "answered", talk_seconds=30)

    ack = client.record_calls([good, talk_on_busy, no_operator], timeout=30)

    assert ack.accepted == 1
    assert [(r.index, r.record_id, r.field) for r in ack.rejections] == [
        (1, "r2", "talk_seconds"), (2, "r3", "operator_id")]
    assert "BUSY" in ack.rejections[0].reason.upper()
    [group] = client.query_kpis(REJECT_DAY, REJECT_DAY + timedelta(days=1), operator_ids=["op-r"])
    assert group["counts"]["dialed"] == 1


def test_query_off_the_15_minute_grid_is_invalid_argument(client):
    with pytest.raises(grpc.RpcError) as raised:
        client.query_kpis(_at(DAY, 9, 10), _at(DAY, 10), timeout=30)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_watch_sends_snapshot_then_update_with_new_counts(client):
    # Arrange: op-w has a busy and a pitched call before the watch opens.
    client.record_calls([_call("w1", "op-w", _at(WATCH_DAY, 9), "busy"),
                         _call("w2", "op-w", _at(WATCH_DAY, 9, 5), "pitched", talk_seconds=60)])

    # The deadline bounds the whole stream: a missing update fails with DEADLINE_EXCEEDED.
    with client.watch_kpis(since=WATCH_DAY, group_by=["operator"], operator_ids=["op-w"],
                           coalesce=timedelta(milliseconds=50), timeout=30) as watch:
        snapshot = next(watch)
        assert snapshot.kind == "snapshot"
        assert snapshot.window_start == WATCH_DAY
        assert [(g["operator_id"], g["counts"]["dialed"]) for g in snapshot.groups] == [("op-w", 2)]

        # Act: an appointment and an invalid number arrive.
        client.record_calls([_call("w3", "op-w", _at(WATCH_DAY, 9, 10), "appointment", talk_seconds=200),
                             _call("w4", "op-w", _at(WATCH_DAY, 9, 15), "invalid_number")])
        update = next(e for e in watch if e.groups[0]["counts"]["dialed"] == 4)

    # Assert: 4 dialed, 3 connected, pitched 2 -> pitch_rate 2/3 = 66.67, conversion 1/2 = 50.
    assert update.kind == "update"
    [group] = update.groups
    assert (group["counts"]["connected"], group["counts"]["appointments"]) == (3, 1)
    assert group["kpis"]["list_validity_rate"] == pytest.approx(75.0)
    assert group["kpis"]["pitch_rate"] == pytest.approx(200 / 3)
    assert group["kpis"]["conversion_rate"] == pytest.approx(50.0)



PAGED_DAY = datetime(2026, 3, 13, tzinfo=UTC)


def test_query_follows_the_pages_to_every_group(client):
    # Arrange: 5 operators, so pages of 2, 2 and 1.
    client.record_calls([_call(f"p{i}", f"op-p{i}", _at(PAGED_DAY, 9), "answered", talk_seconds=30)
                         for i in range(1, 6)])

    # Act
    groups = client.query_kpis(PAGED_DAY, PAGED_DAY + timedelta(days=1), group_by=["operator"],
                               page_size=2, timeout=30)

    # Assert
    assert [g["operator_id"] for g in groups] == [f"op-p{i}" for i in range(1, 6)]


def test_watch_snapshot_split_by_the_server_is_one_event(client):
    # Arrange: 2,000 operators with 60-character ids, about 400 KB of groups: more than one
    # message at the server's default of 64 KiB.
    operators = [f"op-{i:04}".ljust(60, "x") for i in range(2000)]
    client.record_calls([call_record(f"s-{op}", campaign_id="split", operator_id=op,
                                     started_at=_at(PAGED_DAY, 10), outcome="pitched", talk_seconds=90)
                         for op in operators], timeout=30)

    # Act
    with client.watch_kpis(since=PAGED_DAY, group_by=["operator"], campaign_ids=["split"],
                           timeout=30) as watch:
        snapshot = next(watch)

    # Assert
    assert snapshot.kind == "snapshot"
    assert [g["operator_id"] for g in snapshot.groups] == operators
