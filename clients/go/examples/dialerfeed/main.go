// Command dialerfeed plays an autodialer: it streams batches of random calls to a KpiGrpc
// server over ImportCalls, prints each batch's ack, then prints the last hour's KPIs per
// operator.
//
//	go run ./examples/dialerfeed -server 127.0.0.1:5051 -batches 5 -size 100
//
// It sends the API key of $KPI_API_KEY when set; -ca connects over TLS trusting that CA,
// -cert and -key present a client certificate (mutual TLS).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"time"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
	"github.com/kpigrpc/kpigrpc/clients/go/kpiclient"
)

func main() {
	server := flag.String("server", "127.0.0.1:5051", "host:port of the KpiGrpc server")
	ca := flag.String("ca", "", "PEM file of the CA to trust: connects over TLS (default: plaintext)")
	cert := flag.String("cert", "", "PEM client certificate, for a server with mutual TLS (with -key)")
	key := flag.String("key", "", "PEM key of -cert")
	batches := flag.Int("batches", 5, "number of batches to stream")
	size := flag.Int("size", 100, "calls per batch")
	operators := flag.Int("operators", 3, "number of operators dialing")
	flag.Parse()

	opts := kpiclient.Options{APIKey: os.Getenv(kpiclient.APIKeyEnv)}
	if *ca != "" || *cert != "" {
		opts.TLS = &kpiclient.TLSOptions{CAFile: *ca, ClientCertFile: *cert, ClientKeyFile: *key}
	}
	client, err := kpiclient.Connect(*server, opts)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	now := time.Now().UTC()
	run := now.UnixNano() // call ids unique to this run: a second run adds calls, not duplicates
	reqs := make([]*kpiv1.ImportCallsRequest, *batches)
	for b := range reqs {
		reqs[b] = &kpiv1.ImportCallsRequest{BatchId: int64(b + 1)}
		for i := 0; i < *size; i++ {
			id := fmt.Sprintf("feed-%d-%d-%d", run, b, i)
			operator := fmt.Sprintf("op-%d", rand.Intn(*operators)+1)
			reqs[b].Calls = append(reqs[b].Calls, randomCall(id, operator, now))
		}
	}
	acks, err := client.ImportCalls(ctx, reqs)
	for _, a := range acks {
		fmt.Printf("batch %d: %d accepted, %d duplicates, %d rejected\n",
			a.GetBatchId(), a.GetAck().GetAccepted(), a.GetAck().GetDuplicates(), len(a.GetAck().GetRejections()))
	}
	if err != nil {
		log.Fatalf("import stopped after %d batches: %v", len(acks), err)
	}

	groups, err := client.QueryKpis(ctx, &kpiv1.QueryKpisRequest{
		From:    kpiclient.Timestamp(now.Add(-time.Hour).Truncate(15 * time.Minute)),
		To:      kpiclient.Timestamp(now.Truncate(15 * time.Minute).Add(15 * time.Minute)),
		GroupBy: []kpiv1.GroupDimension{kpiv1.GroupDimension_GROUP_DIMENSION_OPERATOR},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("\n%-8s %7s %14s %10s %11s\n", "operator", "dialed", "list validity", "pitch rate", "conversion")
	for _, g := range groups {
		fmt.Printf("%-8s %7d %14s %10s %11s\n", g.GetKey().GetOperatorId(), g.GetCounts().GetDialed(),
			percent(g.GetKpis().GetListValidityRate()), percent(g.GetKpis().GetPitchRate()),
			percent(g.GetKpis().GetConversionRate()))
	}
}

// randomCall is a call of the last 30 minutes with a plausible outcome mix.
func randomCall(id, operator string, now time.Time) *kpiv1.CallRecord {
	outcomes := []string{"invalid_number", "no_answer", "no_answer", "busy", "voicemail",
		"dropped", "rejected", "answered", "pitched", "pitched", "appointment"}
	name := outcomes[rand.Intn(len(outcomes))]
	outcome, _ := kpiclient.ParseOutcome(name)
	call := &kpiv1.CallRecord{
		CallId: id, CampaignId: "demo", OperatorId: operator, Outcome: outcome,
		StartedAt: kpiclient.Timestamp(now.Add(-time.Duration(rand.Intn(1800)) * time.Second)),
	}
	switch name {
	case "rejected", "answered", "pitched", "appointment": // someone talked
		call.TalkSeconds = float64(10 + rand.Intn(300))
	}
	return call
}

func percent(v *kpiv1.KpiValue) string {
	if value, ok := kpiclient.Value(v); ok {
		return fmt.Sprintf("%.1f%%", value)
	}
	return "-" // zero denominator
}
