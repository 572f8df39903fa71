package kpiclient_test

import (
	"math"
	"strings"
	"testing"
	"time"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
	"github.com/kpigrpc/kpigrpc/clients/go/kpiclient"
)

// Builders and checks of the integration tests (dialer_day_test.go, rejection_test.go),
// which run against the real server (server_test.go), each test on its own day.

const (
	busy        = kpiv1.CallOutcome_CALL_OUTCOME_BUSY
	invalid     = kpiv1.CallOutcome_CALL_OUTCOME_INVALID_NUMBER
	noAnswer    = kpiv1.CallOutcome_CALL_OUTCOME_NO_ANSWER
	voicemail   = kpiv1.CallOutcome_CALL_OUTCOME_VOICEMAIL
	dropped     = kpiv1.CallOutcome_CALL_OUTCOME_DROPPED
	rejected    = kpiv1.CallOutcome_CALL_OUTCOME_REJECTED
	answered    = kpiv1.CallOutcome_CALL_OUTCOME_ANSWERED
	pitched     = kpiv1.CallOutcome_CALL_OUTCOME_PITCHED
	appointment = kpiv1.CallOutcome_CALL_OUTCOME_APPOINTMENT
	byOperator  = kpiv1.GroupDimension_GROUP_DIMENSION_OPERATOR
)

func call(id, operator string, startedAt time.Time, outcome kpiv1.CallOutcome, talkSeconds float64) *kpiv1.CallRecord {
	return &kpiv1.CallRecord{
		CallId: id, CampaignId: "solar-2026", OperatorId: operator, TeamId: "team-1",
		StartedAt: kpiclient.Timestamp(startedAt), Outcome: outcome, TalkSeconds: talkSeconds,
	}
}

func session(id, operator string, from, to time.Time) *kpiv1.OperatorSession {
	return &kpiv1.OperatorSession{
		SessionId: id, OperatorId: operator, TeamId: "team-1", CampaignId: "solar-2026",
		StartedAt: kpiclient.Timestamp(from), EndedAt: kpiclient.Timestamp(to),
	}
}

func nextEvent(t *testing.T, watch *kpiclient.Watch) *kpiv1.WatchKpisResponse {
	t.Helper()
	select {
	case event, ok := <-watch.Events():
		if !ok {
			t.Fatalf("watch ended: %v", watch.Err())
		}
		return event
	case <-time.After(15 * time.Second):
		t.Fatal("no watch event within 15 s")
		return nil
	}
}

func findOperator(event *kpiv1.WatchKpisResponse, operator string) *kpiv1.KpiGroup {
	for _, g := range event.GetGroups() {
		if g.GetKey().GetOperatorId() == operator {
			return g
		}
	}
	return nil
}

func requireAck(t *testing.T, what string, ack *kpiv1.BatchAck, err error, accepted int32) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if ack.GetAccepted() != accepted || len(ack.GetRejections()) != 0 {
		t.Fatalf("%s ack = %v, want %d accepted and no rejection", what, ack, accepted)
	}
}

func checkCounts(t *testing.T, group string, got, want *kpiv1.KpiCounts) {
	t.Helper()
	if got.GetDialed() != want.Dialed || got.GetConnected() != want.Connected || got.GetAnswered() != want.Answered ||
		got.GetRejected() != want.Rejected || got.GetPitched() != want.Pitched || got.GetAppointments() != want.Appointments ||
		got.GetSales() != want.Sales || got.GetDropped() != want.Dropped || !near(got.GetTalkSeconds(), want.TalkSeconds) ||
		!near(got.GetLoggedHours(), want.LoggedHours) || got.GetLoggedHoursEstimated() {
		t.Errorf("%s counts:\n got %v\nwant %v", group, got, want)
	}
}

func checkKpi(t *testing.T, name string, v *kpiv1.KpiValue, want float64) {
	t.Helper()
	if got, ok := kpiclient.Value(v); !ok || !near(got, want) {
		t.Errorf("%s = %v (present %v), want %.4f", name, got, ok, want)
	}
}

func checkAbsent(t *testing.T, name string, v *kpiv1.KpiValue) {
	t.Helper()
	if got, ok := kpiclient.Value(v); ok {
		t.Errorf("%s = %v, want absent (zero denominator)", name, got)
	}
}

func checkRejection(t *testing.T, r *kpiv1.Rejection, index int32, id, field string) {
	t.Helper()
	if r.GetIndex() != index || r.GetRecordId() != id || r.GetField() != field || !strings.Contains(r.GetReason(), field) {
		t.Errorf("rejection = %v, want index %d, record %q, field %q and a reason naming it", r, index, id, field)
	}
}

func near(got, want float64) bool { return math.Abs(got-want) < 1e-6 }
