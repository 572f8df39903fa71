package kpiclient_test

import (
	"context"
	"testing"
	"time"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
	"github.com/kpigrpc/kpigrpc/clients/go/kpiclient"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// A batch with invalid records: each is rejected with its index, id, field and reason,
// and the valid one is stored.
func TestRecordCalls_InvalidRecordsInBatch_RejectedOneByOne(t *testing.T) {
	client := connect(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	day := time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC)
	noOperator := call("bad-2", "", day.Add(9*time.Hour), answered, 30)

	ack, err := client.RecordCalls(ctx, []*kpiv1.CallRecord{
		call("good-0", "op-c", day.Add(9*time.Hour), noAnswer, 0),
		call("bad-1", "op-c", day.Add(9*time.Hour), busy, 30), // talk time on a busy line
		noOperator,
	})

	if err != nil {
		t.Fatal(err)
	}
	if ack.GetAccepted() != 1 || len(ack.GetRejections()) != 2 {
		t.Fatalf("ack = %v, want 1 accepted and 2 rejections", ack)
	}
	checkRejection(t, ack.GetRejections()[0], 1, "bad-1", "talk_seconds")
	checkRejection(t, ack.GetRejections()[1], 2, "bad-2", "operator_id")

	groups, err := client.QueryKpis(ctx, &kpiv1.QueryKpisRequest{
		From: kpiclient.Timestamp(day), To: kpiclient.Timestamp(day.AddDate(0, 0, 1)),
		GroupBy: []kpiv1.GroupDimension{byOperator},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 1 || groups[0].GetKey().GetOperatorId() != "op-c" || groups[0].GetCounts().GetDialed() != 1 {
		t.Errorf("groups = %v, want only op-c with the 1 valid call", groups)
	}
}

func TestQueryKpis_RangeOffQuarterHour_InvalidArgument(t *testing.T) {
	client := connect(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	from := time.Date(2026, 3, 10, 9, 7, 0, 0, time.UTC)

	_, err := client.QueryKpis(ctx, &kpiv1.QueryKpisRequest{From: kpiclient.Timestamp(from), To: kpiclient.Timestamp(from.Add(time.Hour))})

	if status.Code(err) != codes.InvalidArgument {
		t.Errorf("QueryKpis from 09:07: %v, want InvalidArgument", err)
	}
}
