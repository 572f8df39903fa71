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

// The real server, started once by the first test that needs it and stopped by TestMain.
var server struct {
	once    sync.Once
	target  string
	err     error
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
	stopServer()
	os.Exit(code)
}

// connect returns a client of the shared server, starting the server if needed.
func connect(t *testing.T) *kpiclient.Client {
	t.Helper()
	server.once.Do(func() { server.err = startServer() })
	if server.err != nil {
		t.Fatalf("starting the KpiGrpc server: %v", server.err)
	}
	client, err := kpiclient.Dial(server.target, grpc.WithInsecure())
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

func startServer() error {
	dll, err := serverDll()
	if err != nil {
		return err
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	if server.dataDir, err = os.MkdirTemp("", "kpigrpc-go-test-"); err != nil {
		return err
	}
	server.target = fmt.Sprintf("127.0.0.1:%d", port)
	server.cmd = exec.Command("dotnet", dll, "--urls", "http://"+server.target, "--data-dir", server.dataDir)
	server.cmd.Dir = filepath.Dir(dll) // its content root: appsettings.json makes it speak HTTP/2
	server.cmd.Stdout = &server.output
	server.cmd.Stderr = &server.output
	if err := server.cmd.Start(); err != nil {
		return err
	}
	server.exited = make(chan struct{})
	go func() { server.cmd.Wait(); close(server.exited) }()
	if err := waitUntilServing(30 * time.Second); err != nil {
		return fmt.Errorf("%w\nserver output:\n%s", err, server.output.String())
	}
	return nil
}

// waitUntilServing retries a cheap query until the server answers it.
func waitUntilServing(limit time.Duration) error {
	client, err := kpiclient.Dial(server.target, grpc.WithInsecure())
	if err != nil {
		return err
	}
	defer client.Close()
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	probe := &kpiv1.QueryKpisRequest{From: kpiclient.Timestamp(from), To: kpiclient.Timestamp(from.Add(time.Hour))}
	deadline := time.Now().Add(limit)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		_, err := client.QueryKpis(ctx, probe)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-server.exited:
			return fmt.Errorf("server exited before serving (%v)", server.cmd.ProcessState)
		case <-time.After(250 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("server not serving after %v: %v", limit, err)
		}
	}
}

func stopServer() {
	if server.cmd != nil && server.cmd.Process != nil {
		server.cmd.Process.Signal(os.Interrupt)
		select {
		case <-server.exited:
		case <-time.After(10 * time.Second):
			server.cmd.Process.Kill()
			<-server.exited
		}
	}
	if server.dataDir != "" {
		os.RemoveAll(server.dataDir)
	}
}
