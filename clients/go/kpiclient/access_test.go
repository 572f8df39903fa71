package kpiclient_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
	"github.com/kpigrpc/kpigrpc/clients/go/kpiclient"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Options.APIKey and Options.TLS against real servers: one with a keys file and TLS from a
// private CA, one with mutual TLS (--tls-client-ca).

var accessDay = time.Date(2026, 4, 7, 0, 0, 0, 0, time.UTC)

// TestAccessKeysAndTLS runs against a server started with --keys-file, --tls-cert and --tls-key.
func TestAccessKeysAndTLS(t *testing.T) {
	dir := t.TempDir()
	ca := newAuthority(t, "ca")
	otherCA := newAuthority(t, "other-ca")
	serverCert, serverKey := ca.serverCertificate(t)
	readerWriter, readOnly := newAPIKey(t), newAPIKey(t)
	keysFile := writeFile(t, dir, "keys.json", keysJSON(t, map[string]apiKey{
		"reporting-job": {readerWriter, []string{"ingest", "read"}},
		"wallboard":     {readOnly, []string{"read"}},
	}))
	caFile := writeFile(t, dir, "ca.pem", ca.pem)
	args := []string{"--keys-file", keysFile,
		"--tls-cert", writeFile(t, dir, "server.pem", serverCert), "--tls-key", writeFile(t, dir, "server.key", serverKey)}
	server, err := startServer("https", args, kpiclient.Options{APIKey: readerWriter, TLS: &kpiclient.TLSOptions{CAFile: caFile}})
	if err != nil {
		t.Fatalf("starting the KpiGrpc server: %v", err)
	}
	t.Cleanup(server.stop)

	t.Run("RecordImportAndQuery_KeyWithIngestAndReadAndCAFile_Succeed", func(t *testing.T) {
		// Arrange
		client := connectWith(t, server.target, kpiclient.Options{APIKey: readerWriter, TLS: &kpiclient.TLSOptions{CAFile: caFile}})
		ctx := testContext(t)

		// Act: a unary call, a client stream and a query.
		ack, err := client.RecordCalls(ctx, []*kpiv1.CallRecord{accessCall("access-1", "keyed", 9)})
		requireAck(t, "RecordCalls", ack, err, 1)
		acks, err := client.ImportCalls(ctx, []*kpiv1.ImportCallsRequest{
			{BatchId: 1, Calls: []*kpiv1.CallRecord{accessCall("access-2", "keyed", 10)}}})
		if err != nil || len(acks) != 1 {
			t.Fatalf("ImportCalls = %v, %v; want one ack", acks, err)
		}
		groups, err := client.QueryKpis(ctx, accessQuery("keyed"))

		// Assert
		if err != nil {
			t.Fatal(err)
		}
		if len(groups) != 1 || groups[0].GetCounts().GetDialed() != 2 {
			t.Fatalf("groups = %v, want one group with 2 calls dialed", groups)
		}
	})

	t.Run("QueryAndWatch_CAAsPEMBytes_Succeed", func(t *testing.T) {
		// Arrange
		client := connectWith(t, server.target, kpiclient.Options{APIKey: readOnly, TLS: &kpiclient.TLSOptions{CAPEM: ca.pem}})
		ctx := testContext(t)

		// Act: a server stream.
		watch, err := client.WatchKpis(ctx, accessWatch())
		if err != nil {
			t.Fatal(err)
		}
		defer watch.Close()
		event := nextEvent(t, watch)

		// Assert
		if event.GetKind() != kpiv1.WatchEventKind_WATCH_EVENT_KIND_SNAPSHOT {
			t.Fatalf("first event = %v, want a snapshot", event)
		}
	})

	t.Run("Query_NoKey_Unauthenticated", func(t *testing.T) {
		client := connectWith(t, server.target, kpiclient.Options{TLS: &kpiclient.TLSOptions{CAFile: caFile}})

		_, err := client.QueryKpis(testContext(t), accessQuery("keyed"))

		requireCode(t, err, codes.Unauthenticated)
	})

	t.Run("Watch_NoKey_Unauthenticated", func(t *testing.T) {
		client := connectWith(t, server.target, kpiclient.Options{TLS: &kpiclient.TLSOptions{CAFile: caFile}})

		watch, err := client.WatchKpis(testContext(t), accessWatch())
		if err == nil {
			for range watch.Events() {
				t.Error("an event reached a watch without a key")
			}
			err = watch.Err()
		}

		requireCode(t, err, codes.Unauthenticated)
	})

	t.Run("RecordCalls_ReadOnlyKey_PermissionDenied", func(t *testing.T) {
		client := connectWith(t, server.target, kpiclient.Options{APIKey: readOnly, TLS: &kpiclient.TLSOptions{CAFile: caFile}})

		_, err := client.RecordCalls(testContext(t), []*kpiv1.CallRecord{accessCall("denied-1", "keyed", 11)})

		requireCode(t, err, codes.PermissionDenied)
	})

	t.Run("Query_CAThatDidNotIssueTheServerCertificate_Unavailable", func(t *testing.T) {
		client := connectWith(t, server.target, kpiclient.Options{APIKey: readerWriter, TLS: &kpiclient.TLSOptions{CAPEM: otherCA.pem}})

		_, err := client.QueryKpis(testContext(t), accessQuery("keyed"))

		// The handshake fails before any call reaches the server.
		requireCode(t, err, codes.Unavailable)
	})
}

// TestAccessMutualTLS runs against a server started with --tls-client-ca (and no keys).
func TestAccessMutualTLS(t *testing.T) {
	dir := t.TempDir()
	ca := newAuthority(t, "ca")
	otherCA := newAuthority(t, "other-ca")
	serverCert, serverKey := ca.serverCertificate(t)
	clientCert, clientKey := ca.clientCertificate(t, "dialer-1")
	foreignCert, foreignKey := otherCA.clientCertificate(t, "intruder")
	caFile := writeFile(t, dir, "ca.pem", ca.pem)
	certFile, keyFile := writeFile(t, dir, "client.pem", clientCert), writeFile(t, dir, "client.key", clientKey)
	args := []string{"--tls-cert", writeFile(t, dir, "server.pem", serverCert), "--tls-key", writeFile(t, dir, "server.key", serverKey),
		"--tls-client-ca", caFile}
	withCert := kpiclient.Options{TLS: &kpiclient.TLSOptions{CAFile: caFile, ClientCertFile: certFile, ClientKeyFile: keyFile}}
	server, err := startServer("https", args, withCert)
	if err != nil {
		t.Fatalf("starting the KpiGrpc server: %v", err)
	}
	t.Cleanup(server.stop)

	t.Run("RecordAndQuery_ClientCertificateFiles_Succeed", func(t *testing.T) {
		client := connectWith(t, server.target, withCert)
		ctx := testContext(t)

		ack, err := client.RecordCalls(ctx, []*kpiv1.CallRecord{accessCall("mtls-1", "mutual", 9)})
		requireAck(t, "RecordCalls", ack, err, 1)
		groups, err := client.QueryKpis(ctx, accessQuery("mutual"))

		if err != nil {
			t.Fatal(err)
		}
		if len(groups) != 1 || groups[0].GetCounts().GetDialed() != 1 {
			t.Fatalf("groups = %v, want one group with 1 call dialed", groups)
		}
	})

	t.Run("Query_ClientCertificatePEM_Succeeds", func(t *testing.T) {
		client := connectWith(t, server.target, kpiclient.Options{
			TLS: &kpiclient.TLSOptions{CAPEM: ca.pem, ClientCertPEM: clientCert, ClientKeyPEM: clientKey}})

		_, err := client.QueryKpis(testContext(t), accessQuery("mutual"))

		if err != nil {
			t.Fatal(err)
		}
	})

	t.Run("Query_NoClientCertificate_Unauthenticated", func(t *testing.T) {
		client := connectWith(t, server.target, kpiclient.Options{TLS: &kpiclient.TLSOptions{CAFile: caFile}})

		_, err := client.QueryKpis(testContext(t), accessQuery("mutual"))

		requireCode(t, err, codes.Unauthenticated)
	})

	t.Run("Query_ClientCertificateOfAnotherCA_Unauthenticated", func(t *testing.T) {
		client := connectWith(t, server.target, kpiclient.Options{
			TLS: &kpiclient.TLSOptions{CAFile: caFile, ClientCertPEM: foreignCert, ClientKeyPEM: foreignKey}})

		_, err := client.QueryKpis(testContext(t), accessQuery("mutual"))

		requireCode(t, err, codes.Unauthenticated)
	})
}

func TestConnect_KeyWithSpaceOrLineBreak_Error(t *testing.T) {
	for _, key := range []string{"kpi abc", "kpi_abc\n", "kpi_é"} {
		if _, err := kpiclient.Connect("127.0.0.1:5051", kpiclient.Options{APIKey: key}); err == nil {
			t.Errorf("Connect accepted the API key %q", key)
		}
	}
}

func TestConnect_ClientCertificateWithoutKey_Error(t *testing.T) {
	cert, _ := newAuthority(t, "ca").clientCertificate(t, "dialer-1")

	_, err := kpiclient.Connect("127.0.0.1:5051", kpiclient.Options{TLS: &kpiclient.TLSOptions{ClientCertPEM: cert}})

	if err == nil {
		t.Fatal("Connect accepted a client certificate without its key")
	}
}

type apiKey struct {
	secret string
	roles  []string
}

// newAPIKey is a secret like those `kpi keys add` prints: kpi_ and 256 random bits.
func newAPIKey(t *testing.T) string {
	t.Helper()
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return "kpi_" + base64.RawURLEncoding.EncodeToString(b)
}

// keysJSON is a keys file as `kpi keys add` writes it: names, roles and SHA-256 of the secrets.
func keysJSON(t *testing.T, keys map[string]apiKey) []byte {
	t.Helper()
	type entry struct {
		Name      string   `json:"name"`
		Roles     []string `json:"roles"`
		Campaigns []string `json:"campaigns"`
		Sha256    string   `json:"sha256"`
		Created   string   `json:"created"`
	}
	var file struct {
		Keys []entry `json:"keys"`
	}
	for name, key := range keys {
		hash := sha256.Sum256([]byte(key.secret))
		file.Keys = append(file.Keys, entry{Name: name, Roles: key.roles, Sha256: hex.EncodeToString(hash[:]),
			Created: time.Now().UTC().Format(time.RFC3339)})
	}
	content, err := json.Marshal(file)
	if err != nil {
		t.Fatal(err)
	}
	return content
}

func connectWith(t *testing.T, target string, opts kpiclient.Options) *kpiclient.Client {
	t.Helper()
	client, err := kpiclient.Connect(target, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func accessCall(id, campaign string, hour int) *kpiv1.CallRecord {
	c := call(id, "op-a", accessDay.Add(time.Duration(hour)*time.Hour), busy, 0)
	c.CampaignId = campaign
	return c
}

func accessQuery(campaign string) *kpiv1.QueryKpisRequest {
	return &kpiv1.QueryKpisRequest{From: kpiclient.Timestamp(accessDay), To: kpiclient.Timestamp(accessDay.AddDate(0, 0, 1)),
		Filter: &kpiv1.KpiFilter{CampaignIds: []string{campaign}}}
}

func accessWatch() *kpiv1.WatchKpisRequest {
	return &kpiv1.WatchKpisRequest{Window: &kpiv1.WatchKpisRequest_Since{Since: kpiclient.Timestamp(accessDay)}}
}

func requireCode(t *testing.T, err error, want codes.Code) {
	t.Helper()
	if got := status.Code(err); got != want {
		t.Fatalf("error = %v, want status %v", err, want)
	}
}
