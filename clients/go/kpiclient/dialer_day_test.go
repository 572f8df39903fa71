package kpiclient_test

import (
	"context"
	"testing"
	"time"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
	"github.com/kpigrpc/kpigrpc/clients/go/kpiclient"
	"google.golang.org/protobuf/types/known/durationpb"
)

// TestDialerDay feeds one day of two operators through every ingest path, then queries
// and watches it. The figures are worked out by hand:
//
//	op-a, logged 09:00-11:00 (2 h): invalid_number, busy, pitched 200 s, appointment 400 s
//	  (a SALE): dialed 4, connected 3, answered 2, pitched 2, appointments 1, sales 1, talk 600 s
//	  list_validity 3/4 = 75%, answer 2/4 = 50%, rejection 0/4 = 0%, calls_per_hour 4/2 = 2,
//	  avg call 600/4 = 150 s, avg conversation 600/2 = 300 s, pitch 2/3 = 66.67%,
//	  conversion 1/2 = 50%, close 1/1 = 100%, abandon 0/2 = 0%
//	op-b, logged 10:00-11:30 (1.5 h): no_answer, dropped, rejected 5 s with removal,
//	  answered 60 s, voicemail: dialed 5, connected 5, answered 3, rejected 1, pitched 0,
//	  dropped 1, talk 65 s
//	  list_validity 100%, answer 3/5 = 60%, rejection 1/5 = 20%, calls_per_hour 5/1.5 = 3.33,
//	  avg call 65/5 = 13 s, avg conversation 65/3 = 21.67 s, pitch 0/5 = 0%,
//	  conversion and close absent (0 pitched, 0 appointments), abandon 1/3 = 33.33%
func TestDialerDay(t *testing.T) {
	client := connect(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	day := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	at := func(hour, minute int) time.Time {
		return day.Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute)
	}

	ack, err := client.RecordCalls(ctx, []*kpiv1.CallRecord{
		call("a1", "op-a", at(9, 0), invalid, 0),
		call("a2", "op-a", at(9, 5), busy, 0),
		call("a3", "op-a", at(9, 10), pitched, 200),
		call("a4", "op-a", at(9, 20), appointment, 400),
	})
	requireAck(t, "RecordCalls", ack, err, 4)

	removal := call("b3", "op-b", at(10, 20), rejected, 5)
	removal.RemovalRequested = true
	acks, err := client.ImportCalls(ctx, []*kpiv1.ImportCallsRequest{
		{BatchId: 1, Calls: []*kpiv1.CallRecord{
			call("b1", "op-b", at(10, 0), noAnswer, 0),
			call("b2", "op-b", at(10, 10), dropped, 0),
			removal,
		}},
		{BatchId: 2, Calls: []*kpiv1.CallRecord{
			call("b4", "op-b", at(10, 30), answered, 60),
			call("b5", "op-b", at(10, 40), voicemail, 0),
		}},
	})
	if err != nil || len(acks) != 2 {
		t.Fatalf("ImportCalls: %d acks, %v; want 2", len(acks), err)
	}
	requireAck(t, "ImportCalls batch 1", acks[0].GetAck(), nil, 3)
	requireAck(t, "ImportCalls batch 2", acks[1].GetAck(), nil, 2)
	if acks[0].GetBatchId() != 1 || acks[1].GetBatchId() != 2 {
		t.Errorf("ImportCalls acks carry batches %d, %d; want 1, 2", acks[0].GetBatchId(), acks[1].GetBatchId())
	}

	ack, err = client.RecordAppointmentResults(ctx, []*kpiv1.AppointmentResult{{
		CallId: "a4", Result: kpiv1.AppointmentResultKind_APPOINTMENT_RESULT_KIND_SALE, ReportedAt: kpiclient.Timestamp(at(15, 0)),
	}})
	requireAck(t, "RecordAppointmentResults", ack, err, 1)

	sessionAcks, err := client.ImportSessions(ctx, []*kpiv1.ImportSessionsRequest{{BatchId: 7, Sessions: []*kpiv1.OperatorSession{
		session("s-a", "op-a", at(9, 0), at(11, 0)),
		session("s-b", "op-b", at(10, 0), at(11, 30)),
	}}})
	if err != nil || len(sessionAcks) != 1 || sessionAcks[0].GetBatchId() != 7 {
		t.Fatalf("ImportSessions: %v, %v; want the ack of batch 7", sessionAcks, err)
	}
	requireAck(t, "ImportSessions", sessionAcks[0].GetAck(), nil, 2)

	t.Run("QueryKpis_GroupedByOperator_MatchesHandWorkedFigures", func(t *testing.T) {
		groups, err := client.QueryKpis(ctx, &kpiv1.QueryKpisRequest{
			From: kpiclient.Timestamp(day), To: kpiclient.Timestamp(day.AddDate(0, 0, 1)),
			GroupBy: []kpiv1.GroupDimension{byOperator},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(groups) != 2 {
			t.Fatalf("got %d groups, want op-a and op-b", len(groups))
		}
		a, b := groups[0], groups[1]
		if a.GetKey().GetOperatorId() != "op-a" || b.GetKey().GetOperatorId() != "op-b" {
			t.Fatalf("groups %q, %q; want op-a, op-b in order", a.GetKey().GetOperatorId(), b.GetKey().GetOperatorId())
		}

		checkCounts(t, "op-a", a.GetCounts(), &kpiv1.KpiCounts{Dialed: 4, Connected: 3, Answered: 2, Pitched: 2, Appointments: 1, Sales: 1, TalkSeconds: 600, LoggedHours: 2})
		ka := a.GetKpis()
		checkKpi(t, "op-a list_validity_rate", ka.GetListValidityRate(), 75)
		checkKpi(t, "op-a answer_rate", ka.GetAnswerRate(), 50)
		checkKpi(t, "op-a rejection_rate", ka.GetRejectionRate(), 0)
		checkKpi(t, "op-a calls_per_hour", ka.GetCallsPerHour(), 2)
		checkKpi(t, "op-a average_call_duration_seconds", ka.GetAverageCallDurationSeconds(), 150)
		checkKpi(t, "op-a average_conversation_seconds", ka.GetAverageConversationSeconds(), 300)
		checkKpi(t, "op-a pitch_rate", ka.GetPitchRate(), 200.0/3)
		checkKpi(t, "op-a conversion_rate", ka.GetConversionRate(), 50)
		checkKpi(t, "op-a close_rate", ka.GetCloseRate(), 100)
		checkKpi(t, "op-a abandon_rate", ka.GetAbandonRate(), 0)
		if s := ka.GetListValidityRate().GetStatus(); s != kpiv1.KpiStatus_KPI_STATUS_NOT_ENOUGH_DATA {
			t.Errorf("op-a list_validity_rate status = %v, want NOT_ENOUGH_DATA (4 calls < 30)", s)
		}

		checkCounts(t, "op-b", b.GetCounts(), &kpiv1.KpiCounts{Dialed: 5, Connected: 5, Answered: 3, Rejected: 1, Dropped: 1, TalkSeconds: 65, LoggedHours: 1.5})
		kb := b.GetKpis()
		checkKpi(t, "op-b list_validity_rate", kb.GetListValidityRate(), 100)
		checkKpi(t, "op-b answer_rate", kb.GetAnswerRate(), 60)
		checkKpi(t, "op-b rejection_rate", kb.GetRejectionRate(), 20)
		checkKpi(t, "op-b calls_per_hour", kb.GetCallsPerHour(), 5/1.5)
		checkKpi(t, "op-b average_call_duration_seconds", kb.GetAverageCallDurationSeconds(), 13)
		checkKpi(t, "op-b average_conversation_seconds", kb.GetAverageConversationSeconds(), 65.0/3)
		checkKpi(t, "op-b pitch_rate", kb.GetPitchRate(), 0)
		checkAbsent(t, "op-b conversion_rate", kb.GetConversionRate())
		checkAbsent(t, "op-b close_rate", kb.GetCloseRate())
		checkKpi(t, "op-b abandon_rate", kb.GetAbandonRate(), 100.0/3)
	})

	t.Run("WatchKpis_NewCalls_UpdateFollowsSnapshot", func(t *testing.T) {
		watch, err := client.WatchKpis(ctx, &kpiv1.WatchKpisRequest{
			Window:           &kpiv1.WatchKpisRequest_Since{Since: kpiclient.Timestamp(day)},
			GroupBy:          []kpiv1.GroupDimension{byOperator},
			CoalesceInterval: durationpb.New(50 * time.Millisecond),
		})
		if err != nil {
			t.Fatal(err)
		}
		defer watch.Close()

		snapshot := nextEvent(t, watch)
		if snapshot.GetKind() != kpiv1.WatchEventKind_WATCH_EVENT_KIND_SNAPSHOT {
			t.Fatalf("first event is %v, want a SNAPSHOT", snapshot.GetKind())
		}
		if !kpiclient.Time(snapshot.GetWindowStart()).Equal(day) {
			t.Errorf("window_start = %v, want %v", kpiclient.Time(snapshot.GetWindowStart()), day)
		}
		if g := findOperator(snapshot, "op-a"); g == nil || g.GetCounts().GetDialed() != 4 {
			t.Fatalf("snapshot op-a = %v, want 4 dialed", g)
		}
		if g := findOperator(snapshot, "op-b"); g == nil || g.GetCounts().GetDialed() != 5 {
			t.Fatalf("snapshot op-b = %v, want 5 dialed", g)
		}

		// Two more calls for op-a: 6 dialed, 4 pitched, 2 appointments, still 1 sale,
		// so conversion 2/4 = 50% and close 1/2 = 50%.
		ack, err := client.RecordCalls(ctx, []*kpiv1.CallRecord{
			call("a5", "op-a", at(11, 0), pitched, 150),
			call("a6", "op-a", at(11, 10), appointment, 500),
		})
		requireAck(t, "RecordCalls", ack, err, 2)

		for {
			update := nextEvent(t, watch)
			if update.GetKind() != kpiv1.WatchEventKind_WATCH_EVENT_KIND_UPDATE {
				t.Fatalf("got a %v after the snapshot, want UPDATE", update.GetKind())
			}
			if findOperator(update, "op-b") != nil {
				t.Errorf("update carries op-b, whose figures did not change")
			}
			a := findOperator(update, "op-a")
			if a == nil || a.GetCounts().GetDialed() < 6 {
				continue // an earlier change, coalesced apart
			}
			checkCounts(t, "op-a", a.GetCounts(), &kpiv1.KpiCounts{Dialed: 6, Connected: 5, Answered: 4, Pitched: 4, Appointments: 2, Sales: 1, TalkSeconds: 1250, LoggedHours: 2})
			checkKpi(t, "op-a conversion_rate", a.GetKpis().GetConversionRate(), 50)
			checkKpi(t, "op-a close_rate", a.GetKpis().GetCloseRate(), 50)
			return
		}
	})
}
