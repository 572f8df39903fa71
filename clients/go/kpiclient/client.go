// Package kpiclient is a small Go client of the KpiGrpc service: it wraps the generated
// kpi.v1 stubs with batch imports that collect their acks, KPI queries and live watches.
package kpiclient

import (
	"context"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
)

// Client calls the IngestService and the KpiService over one connection. It is safe for
// concurrent use.
type Client struct {
	conn   *grpc.ClientConn
	ingest kpiv1.IngestServiceClient
	kpis   kpiv1.KpiServiceClient
}

// Dial connects to a KpiGrpc server, e.g. Dial("127.0.0.1:5051", grpc.WithInsecure()) for
// a plaintext server. The connection is made lazily, on the first call.
func Dial(target string, opts ...grpc.DialOption) (*Client, error) {
	conn, err := grpc.Dial(target, opts...)
	if err != nil {
		return nil, err
	}
	c := New(conn)
	c.conn = conn
	return c, nil
}

// New wraps a connection the caller owns; Close then leaves it open.
func New(conn grpc.ClientConnInterface) *Client {
	return &Client{ingest: kpiv1.NewIngestServiceClient(conn), kpis: kpiv1.NewKpiServiceClient(conn)}
}

// Close closes the connection opened by Dial.
func (c *Client) Close() error {
	if c.conn == nil {
		return nil
	}
	return c.conn.Close()
}

// Ingest is the generated IngestService stub, for what the helpers do not cover.
func (c *Client) Ingest() kpiv1.IngestServiceClient { return c.ingest }

// Kpis is the generated KpiService stub.
func (c *Client) Kpis() kpiv1.KpiServiceClient { return c.kpis }

// DefaultPageSize is the number of groups per QueryKpis page when the request does not set
// PageSize: the most the server gives in one page.
const DefaultPageSize = 10_000

// QueryKpis computes the KPIs of a range (from and to on 15-minute boundaries) and returns
// one group per group key and period. It follows the server's pages (req.PageSize groups
// each, DefaultPageSize when 0) to the last; req itself is left unchanged.
func (c *Client) QueryKpis(ctx context.Context, req *kpiv1.QueryKpisRequest) ([]*kpiv1.KpiGroup, error) {
	page := proto.Clone(req).(*kpiv1.QueryKpisRequest)
	if page.GetPageSize() == 0 {
		page.PageSize = DefaultPageSize
	}
	var groups []*kpiv1.KpiGroup
	for {
		resp, err := c.kpis.QueryKpis(ctx, page)
		if err != nil {
			return nil, err
		}
		groups = append(groups, resp.GetGroups()...)
		if resp.GetNextPageToken() == "" {
			return groups, nil
		}
		page.PageToken = resp.GetNextPageToken()
	}
}
