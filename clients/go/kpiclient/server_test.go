package kpiclient_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	kpiv1 "github.com/kpigrpc/kpigrpc/clients/go/kpi/v1"
	"github.com/kpigrpc/kpigrpc/clients/go/kpiclient"
	"google.golang.org/grpc"
)

// The shared plaintext server, started once by the first test that needs it and stopped by
// TestMain.
var shared struct {
	once   sync.Once
	server *kpiServer
	err    error
}

// kpiServer is a real KpiGrpc server process on a free loopback port and a fresh data
// directory.
type kpiServer struct {
	target  string // host:port
	cmd     *exec.Cmd
	exited  chan struct{}
	dataDir string
	output  lockedBuffer
}

// lockedBuffer collects the server's output while the tests may read it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.server != nil {
		shared.server.stop()
	}
	os.Exit(code)
}

// connect returns a client of the shared server, starting the server if needed.
func connect(t *testing.T) *kpiclient.Client {
	t.Helper()
	shared.once.Do(func() { shared.server, shared.err = startServer("http", nil, kpiclient.Options{}) })
	if shared.err != nil {
		t.Fatalf("starting the KpiGrpc server: %v", shared.err)
	}
	client, err := kpiclient.Dial(shared.server.target, grpc.WithInsecure())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// serverDll is $KPIGRPC_SERVER_DLL, or the Release build of the repository holding this file.
func serverDll() (string, error) {
	if dll := os.Getenv("KPIGRPC_SERVER_DLL"); dll != "" {
		return dll, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	dir, err := filepath.EvalSymlinks(wd) // test.sh reaches this folder through a GOPATH link
	if err != nil {
		return "", err
	}
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "src", "KpiGrpc.Server")); err == nil {
			dll := filepath.Join(dir, "src", "KpiGrpc.Server", "bin", "Release", "net10.0", "KpiGrpc.Server.dll")
			if _, err := os.Stat(dll); err != nil {
				return "", fmt.Errorf("%s is missing: run dotnet build -c Release src/KpiGrpc.Server", dll)
			}
			return dll, nil
		}
	}
	return "", errors.New("no src/KpiGrpc.Server above the working directory; set KPIGRPC_SERVER_DLL")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startServer starts a server listening on scheme ("http" or "https") with extra args
// (--keys-file, --tls-cert...), and waits until a client with probe's options can query it.
func startServer(scheme string, args []string, probe kpiclient.Options) (*kpiServer, error) {
	dll, err := serverDll()
	if err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &kpiServer{target: fmt.Sprintf("127.0.0.1:%d", port)}
	if s.dataDir, err = os.MkdirTemp("", "kpigrpc-go-test-"); err != nil {
		return nil, err
	}
	args = append([]string{dll, "--urls", scheme + "://" + s.target, "--data-dir", s.dataDir}, args...)
	s.cmd = exec.Command("dotnet", args...)
	s.cmd.Dir = filepath.Dir(dll) // its content root: appsettings.json makes it speak HTTP/2
	s.cmd.Stdout = &s.output
	s.cmd.Stderr = &s.output
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(s.dataDir)
		return nil, err
	}
	s.exited = make(chan struct{})
	go func() { s.cmd.Wait(); close(s.exited) }()
	if err := s.waitUntilServing(probe, 30*time.Second); err != nil {
		s.stop()
		return nil, fmt.Errorf("%w\nserver output:\n%s", err, s.output.String())
	}
	return s, nil
}

// waitUntilServing retries a cheap query until the server answers it.
func (s *kpiServer) waitUntilServing(probe kpiclient.Options, limit time.Duration) error {
	client, err := kpiclient.Connect(s.target, probe)
	if err != nil {
		return err
	}
	defer client.Close()
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	query := &kpiv1.QueryKpisRequest{From: kpiclient.Timestamp(from), To: kpiclient.Timestamp(from.Add(time.Hour))}
	deadline := time.Now().Add(limit)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		_, err := client.QueryKpis(ctx, query)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-s.exited:
			return fmt.Errorf("server exited before serving (%v)", s.cmd.ProcessState)
		case <-time.After(250 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("server not serving after %v: %v", limit, err)
		}
	}
}

// stop interrupts the server (kills it after 10 s) and deletes its data.
func (s *kpiServer) stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(os.Interrupt)
		select {
		case <-s.exited:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-s.exited
		}
	}
	os.RemoveAll(s.dataDir)
}
