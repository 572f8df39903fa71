package kpiclient

import (
	"io"
	"strings"
	"sync"
	"testing"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
)

// fakeCallStream records what is sent and answers with scripted acks, then io.EOF.
type fakeCallStream struct {
	mu   sync.Mutex
	sent []int64
	acks []int64
}

func (f *fakeCallStream) Send(req *kpiv1.ImportCallsRequest) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, req.GetBatchId())
	return nil
}

func (f *fakeCallStream) Recv() (*kpiv1.ImportCallsResponse, error) {
	if len(f.acks) == 0 {
		return nil, io.EOF
	}
	id := f.acks[0]
	f.acks = f.acks[1:]
	return &kpiv1.ImportCallsResponse{BatchId: id, Ack: &kpiv1.BatchAck{Accepted: 1}}, nil
}

func (f *fakeCallStream) CloseSend() error { return nil }

func batches(ids ...int64) []*kpiv1.ImportCallsRequest {
	reqs := make([]*kpiv1.ImportCallsRequest, len(ids))
	for i, id := range ids {
		reqs[i] = &kpiv1.ImportCallsRequest{BatchId: id}
	}
	return reqs
}

func importCalls(stream *fakeCallStream, reqs []*kpiv1.ImportCallsRequest) ([]*kpiv1.ImportCallsResponse, error) {
	return importBatches[*kpiv1.ImportCallsRequest, *kpiv1.ImportCallsResponse](stream, reqs)
}

func TestImportBatches_OneAckPerBatch_ReturnsAcksInOrder(t *testing.T) {
	stream := &fakeCallStream{acks: []int64{10, 11, 12}}

	acks, err := importCalls(stream, batches(10, 11, 12))

	if err != nil || len(acks) != 3 || acks[2].GetBatchId() != 12 {
		t.Fatalf("acks = %v, err = %v; want batches 10, 11, 12", acks, err)
	}
	if len(stream.sent) != 3 {
		t.Errorf("sent %v, want 3 batches", stream.sent)
	}
}

func TestImportBatches_AckForAnotherBatch_ReturnsError(t *testing.T) {
	stream := &fakeCallStream{acks: []int64{1, 3}}

	acks, err := importCalls(stream, batches(1, 2))

	if err == nil || !strings.Contains(err.Error(), "want batch 2") {
		t.Fatalf("err = %v, want a batch id mismatch", err)
	}
	if len(acks) != 1 {
		t.Errorf("got %d acks, want the 1 acknowledged before the mismatch", len(acks))
	}
}

func TestImportBatches_StreamEndsEarly_ReturnsAcksSoFar(t *testing.T) {
	stream := &fakeCallStream{acks: []int64{1}}

	acks, err := importCalls(stream, batches(1, 2))

	if err == nil || len(acks) != 1 || acks[0].GetBatchId() != 1 {
		t.Fatalf("acks = %v, err = %v; want batch 1 and an error", acks, err)
	}
}
