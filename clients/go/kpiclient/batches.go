package kpiclient

import (
	"errors"
	"fmt"
	"io"
)

// batchMessage is an import request or response: both carry the batch_id.
type batchMessage interface {
	GetBatchId() int64
}

// batchStream is the client side of any of the three Import* streams.
type batchStream[Req, Resp batchMessage] interface {
	Send(Req) error
	Recv() (Resp, error)
	CloseSend() error
}

// importBatches sends every request from a goroutine while it reads the acks, so that the
// server can store one batch while the next is on the wire. It checks that each ack
// echoes the batch_id of the request it answers, in order. The caller cancels the
// stream's context on return, which also stops the sender after an error.
func importBatches[Req, Resp batchMessage](stream batchStream[Req, Resp], reqs []Req) ([]Resp, error) {
	sent := make(chan error, 1)
	go func() {
		for _, req := range reqs {
			if err := stream.Send(req); err != nil {
				sent <- err // io.EOF when the server ended the stream: Recv has the status
				return
			}
		}
		sent <- stream.CloseSend()
	}()

	acks := make([]Resp, 0, len(reqs))
	for {
		ack, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return acks, err
		}
		if len(acks) == len(reqs) {
			return acks, fmt.Errorf("kpiclient: unexpected ack for batch %d after the last batch", ack.GetBatchId())
		}
		if want := reqs[len(acks)].GetBatchId(); ack.GetBatchId() != want {
			return acks, fmt.Errorf("kpiclient: got the ack of batch %d, want batch %d", ack.GetBatchId(), want)
		}
		acks = append(acks, ack)
	}
	if err := <-sent; err != nil && !errors.Is(err, io.EOF) {
		return acks, err
	}
	if len(acks) < len(reqs) {
		return acks, fmt.Errorf("kpiclient: stream ended after %d of %d acks", len(acks), len(reqs))
	}
	return acks, nil
}
