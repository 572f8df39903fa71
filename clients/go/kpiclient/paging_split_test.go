package kpiclient_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
	"github.com/kpigrpc/kpigrpc/clients/go/kpiclient"
)

// Answers the server sends in pieces (query pages, a watch snapshot split into several
// messages) reach the caller whole.

func TestQueryKpis_PagesOfTwo_EveryGroupOnceInOrder(t *testing.T) {
	client := connect(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	day := time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)
	var calls []*kpiv1.CallRecord
	var want []string
	for i := 1; i <= 5; i++ {
		op := fmt.Sprintf("op-p%d", i)
		calls = append(calls, call("p-"+op, op, day.Add(9*time.Hour), answered, 30))
		want = append(want, op)
	}
	ack, err := client.RecordCalls(ctx, calls)
	requireAck(t, "RecordCalls", ack, err, 5)

	// 5 groups in pages of 2, 2 and 1.
	groups, err := client.QueryKpis(ctx, &kpiv1.QueryKpisRequest{
		From: kpiclient.Timestamp(day), To: kpiclient.Timestamp(day.Add(24 * time.Hour)),
		GroupBy: []kpiv1.GroupDimension{byOperator}, PageSize: 2,
	})

	if err != nil {
		t.Fatalf("QueryKpis: %v", err)
	}
	if got := operatorsOf(groups); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("operators %v, want %v", got, want)
	}
}

func TestWatchKpis_SnapshotSplitByTheServer_OneEventWithEveryGroup(t *testing.T) {
	client := connect(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// 2,000 operators with 60-character ids, about 400 KB of groups: more than one message at
	// the server's default of 64 KiB.
	day := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	var calls []*kpiv1.CallRecord
	var want []string
	for i := 0; i < 2000; i++ {
		op := fmt.Sprintf("op-%04d%s", i, strings.Repeat("x", 52))
		c := call("s-"+op, op, day.Add(10*time.Hour), pitched, 90)
		c.CampaignId = "split"
		calls = append(calls, c)
		want = append(want, op)
	}
	ack, err := client.RecordCalls(ctx, calls)
	requireAck(t, "RecordCalls", ack, err, 2000)

	watch, err := client.WatchKpis(ctx, &kpiv1.WatchKpisRequest{
		Window:  &kpiv1.WatchKpisRequest_Since{Since: kpiclient.Timestamp(day)},
		Filter:  &kpiv1.KpiFilter{CampaignIds: []string{"split"}},
		GroupBy: []kpiv1.GroupDimension{byOperator},
	})
	if err != nil {
		t.Fatalf("WatchKpis: %v", err)
	}
	defer watch.Close()
	snapshot := nextEvent(t, watch)

	if snapshot.GetKind() != kpiv1.WatchEventKind_WATCH_EVENT_KIND_SNAPSHOT || snapshot.GetContinued() {
		t.Errorf("first event: kind %v, continued %v; want a whole SNAPSHOT", snapshot.GetKind(), snapshot.GetContinued())
	}
	if got := operatorsOf(snapshot.GetGroups()); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("the snapshot holds %d groups, want the %d operators in order", len(got), len(want))
	}
}

func operatorsOf(groups []*kpiv1.KpiGroup) []string {
	ids := make([]string, 0, len(groups))
	for _, g := range groups {
		ids = append(ids, g.GetKey().GetOperatorId())
	}
	return ids
}
