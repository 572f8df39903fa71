package kpiclient

import (
	"context"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
)

// RecordCalls stores one batch of calls and returns what happened to each record.
// Invalid records come back as rejections; they are not an error.
func (c *Client) RecordCalls(ctx context.Context, calls []*kpiv1.CallRecord) (*kpiv1.BatchAck, error) {
	resp, err := c.ingest.RecordCalls(ctx, &kpiv1.RecordCallsRequest{Calls: calls})
	return resp.GetAck(), err
}

// RecordAppointmentResults stores one batch of appointment results.
func (c *Client) RecordAppointmentResults(ctx context.Context, results []*kpiv1.AppointmentResult) (*kpiv1.BatchAck, error) {
	resp, err := c.ingest.RecordAppointmentResults(ctx, &kpiv1.RecordAppointmentResultsRequest{Results: results})
	return resp.GetAck(), err
}

// RecordSessions stores one batch of operator sessions.
func (c *Client) RecordSessions(ctx context.Context, sessions []*kpiv1.OperatorSession) (*kpiv1.BatchAck, error) {
	resp, err := c.ingest.RecordSessions(ctx, &kpiv1.RecordSessionsRequest{Sessions: sessions})
	return resp.GetAck(), err
}

// ImportCalls streams the batches on one ImportCalls stream, sending while the acks come
// back, and returns the acks in batch order. On error it returns the acks received so
// far: a job can resume after the last acknowledged batch_id.
func (c *Client) ImportCalls(ctx context.Context, batches []*kpiv1.ImportCallsRequest) ([]*kpiv1.ImportCallsResponse, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := c.ingest.ImportCalls(ctx)
	if err != nil {
		return nil, err
	}
	return importBatches[*kpiv1.ImportCallsRequest, *kpiv1.ImportCallsResponse](stream, batches)
}

// ImportAppointmentResults streams batches of appointment results; see ImportCalls.
func (c *Client) ImportAppointmentResults(ctx context.Context, batches []*kpiv1.ImportAppointmentResultsRequest) ([]*kpiv1.ImportAppointmentResultsResponse, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := c.ingest.ImportAppointmentResults(ctx)
	if err != nil {
		return nil, err
	}
	return importBatches[*kpiv1.ImportAppointmentResultsRequest, *kpiv1.ImportAppointmentResultsResponse](stream, batches)
}

// ImportSessions streams batches of operator sessions; see ImportCalls.
func (c *Client) ImportSessions(ctx context.Context, batches []*kpiv1.ImportSessionsRequest) ([]*kpiv1.ImportSessionsResponse, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := c.ingest.ImportSessions(ctx)
	if err != nil {
		return nil, err
	}
	return importBatches[*kpiv1.ImportSessionsRequest, *kpiv1.ImportSessionsResponse](stream, batches)
}
