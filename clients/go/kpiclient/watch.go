package kpiclient

import (
	"context"
	"errors"
	"io"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
)

// Watch is a live KPI subscription: a SNAPSHOT event first, then UPDATE events with the
// groups that changed. An event the server splits into several messages (none over 4 MB)
// is delivered as one. Read Events until it is closed, then Err says why it ended.
type Watch struct {
	events chan *kpiv1.WatchKpisResponse
	err    error
	cancel context.CancelFunc
}

// WatchKpis opens a watch. It lasts until ctx is done, Close is called or the server ends
// it; the caller must keep reading Events (or Close the watch) to free the stream.
func (c *Client) WatchKpis(ctx context.Context, req *kpiv1.WatchKpisRequest) (*Watch, error) {
	ctx, cancel := context.WithCancel(ctx)
	stream, err := c.kpis.WatchKpis(ctx, req)
	if err != nil {
		cancel()
		return nil, err
	}
	w := &Watch{events: make(chan *kpiv1.WatchKpisResponse), cancel: cancel}
	go w.run(ctx, stream)
	return w, nil
}

// Events delivers the stream's events in order and is closed when the watch ends.
func (w *Watch) Events() <-chan *kpiv1.WatchKpisResponse { return w.events }

// Err is the error that ended the watch, once Events is closed; nil when the server ended
// the stream normally, after Close, or when the caller's context ended it.
func (w *Watch) Err() error { return w.err }

// Close ends the watch.
func (w *Watch) Close() { w.cancel() }

func (w *Watch) run(ctx context.Context, stream kpiv1.KpiService_WatchKpisClient) {
	defer w.cancel()
	defer close(w.events) // after w.err is set: the close publishes it to Err's callers
	for {
		msg, err := recvEvent(stream)
		if err != nil {
			if ctx.Err() == nil && !errors.Is(err, io.EOF) {
				w.err = err
			}
			return
		}
		select {
		case w.events <- msg:
		case <-ctx.Done():
			return
		}
	}
}

// recvEvent receives one event: a message and, while it says continued, the next ones, whose
// groups it appends (the first keeps its kind: the parts after a SNAPSHOT complete it).
func recvEvent(stream kpiv1.KpiService_WatchKpisClient) (*kpiv1.WatchKpisResponse, error) {
	event, err := stream.Recv()
	for err == nil && event.GetContinued() {
		var part *kpiv1.WatchKpisResponse
		if part, err = stream.Recv(); err == nil {
			event.Groups = append(event.Groups, part.GetGroups()...)
			event.Continued = part.GetContinued()
		} else if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
	}
	return event, err
}
