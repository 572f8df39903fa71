package kpiclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
)

// APIKeyEnv names the environment variable that holds the API key, as for the kpi CLI.
const APIKeyEnv = "KPI_API_KEY"

// Options say how Connect reaches a server: plaintext without a key when zero.
type Options struct {
	// APIKey is sent as "authorization: Bearer <key>" on every call, unary and streaming
	// (see the server's keys file). Empty: no key. Typically os.Getenv(APIKeyEnv).
	APIKey string
	// TLS, when set, connects over TLS; nil connects over plaintext HTTP/2.
	TLS *TLSOptions
}

// TLSOptions are the certificates of a TLS connection. With no CA, the system's CAs are
// trusted; with no client certificate, none is presented.
type TLSOptions struct {
	// CAFile is a PEM file of the CAs to trust instead of the system's.
	CAFile string
	// CAPEM is the same as PEM bytes; CAFile and CAPEM add up.
	CAPEM []byte
	// ClientCertFile and ClientKeyFile: a PEM certificate and its unencrypted key, presented
	// to a server that asks for one (mutual TLS, --tls-client-ca).
	ClientCertFile, ClientKeyFile string
	// ClientCertPEM and ClientKeyPEM: the same as PEM bytes, instead of the files.
	ClientCertPEM, ClientKeyPEM []byte
	// ServerName overrides the name checked in the server's certificate (default: the
	// target's host).
	ServerName string
}

// Connect dials target ("host:port") with opts, then extra dial options (e.g. a
// grpc.WithBlock()). The connection is made lazily, on the first call; a certificate the
// client does not trust fails that call with Unavailable.
func Connect(target string, opts Options, extra ...grpc.DialOption) (*Client, error) {
	dial := []grpc.DialOption{grpc.WithInsecure()}
	if opts.TLS != nil {
		config, err := opts.TLS.Config()
		if err != nil {
			return nil, err
		}
		dial = []grpc.DialOption{grpc.WithTransportCredentials(credentials.NewTLS(config))}
	}
	if opts.APIKey != "" {
		key, err := APIKeyCredentials(opts.APIKey)
		if err != nil {
			return nil, err
		}
		dial = append(dial, grpc.WithPerRPCCredentials(key))
	}
	return Dial(target, append(dial, extra...)...)
}

// Config builds the tls.Config of these options (TLS 1.2 at least, HTTP/2 by ALPN).
func (o *TLSOptions) Config() (*tls.Config, error) {
	config := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: o.ServerName}
	if o.CAFile != "" || len(o.CAPEM) > 0 {
		pool, err := certPool(o.CAFile, o.CAPEM)
		if err != nil {
			return nil, err
		}
		config.RootCAs = pool
	}
	certPEM, keyPEM, err := o.clientPEM()
	if err != nil {
		return nil, err
	}
	if certPEM != nil {
		cert, err := tls.X509KeyPair(certPEM, keyPEM)
		if err != nil {
			return nil, fmt.Errorf("client certificate: %w", err)
		}
		// Always presented when asked: Go would otherwise send nothing when the server
		// names no acceptable CA matching the certificate's issuer.
		config.GetClientCertificate = func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return &cert, nil }
	}
	return config, nil
}

func certPool(file string, pem []byte) (*x509.CertPool, error) {
	if file != "" {
		read, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("CA file: %w", err)
		}
		pem = append(append([]byte{}, pem...), read...)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("CA: no PEM certificate found")
	}
	return pool, nil
}

// clientPEM is the client certificate and key as PEM, nil when none is given.
func (o *TLSOptions) clientPEM() (cert, key []byte, err error) {
	fromFiles := o.ClientCertFile != "" || o.ClientKeyFile != ""
	fromPEM := len(o.ClientCertPEM) > 0 || len(o.ClientKeyPEM) > 0
	switch {
	case fromFiles && fromPEM:
		return nil, nil, errors.New("client certificate: give the files or the PEM bytes, not both")
	case fromPEM:
		if len(o.ClientCertPEM) == 0 || len(o.ClientKeyPEM) == 0 {
			return nil, nil, errors.New("client certificate: ClientCertPEM and ClientKeyPEM go together")
		}
		return o.ClientCertPEM, o.ClientKeyPEM, nil
	case fromFiles:
		if o.ClientCertFile == "" || o.ClientKeyFile == "" {
			return nil, nil, errors.New("client certificate: ClientCertFile and ClientKeyFile go together")
		}
		if cert, err = os.ReadFile(o.ClientCertFile); err != nil {
			return nil, nil, fmt.Errorf("client certificate: %w", err)
		}
		if key, err = os.ReadFile(o.ClientKeyFile); err != nil {
			return nil, nil, fmt.Errorf("client key: %w", err)
		}
		return cert, key, nil
	}
	return nil, nil, nil
}

// APIKeyCredentials sends key as "authorization: Bearer <key>" on every call of a
// connection (grpc.WithPerRPCCredentials), over TLS or plaintext alike. The key must be
// printable ASCII without spaces.
func APIKeyCredentials(key string) (credentials.PerRPCCredentials, error) {
	if key == "" {
		return nil, errors.New("API key is empty")
	}
	for _, c := range key {
		if c < 0x21 || c > 0x7e {
			return nil, errors.New("API key must be printable ASCII without spaces or line breaks")
		}
	}
	return bearer{"Bearer " + key}, nil
}

type bearer struct{ header string }

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": b.header}, nil
}

// RequireTransportSecurity is false: a key over plaintext is the caller's choice (loopback,
// or TLS ended by a proxy in front of the server), as with the other clients.
func (bearer) RequireTransportSecurity() bool { return false }
