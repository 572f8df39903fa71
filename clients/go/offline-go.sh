#!/usr/bin/env bash
# Runs the go command on this module offline, against the Go libraries Debian installs
# under /usr/share/gocode (golang-google-grpc-dev, golang-google-protobuf-dev...):
#   bash offline-go.sh test ./... -v
#   bash offline-go.sh run ./examples/dialerfeed -server 127.0.0.1:5051
# It uses GOPATH mode, as Debian's own Go packages build: module mode would need the
# go.mod of every module in grpc's requirement graph, and Debian does not ship them.
# This folder is linked into a throwaway GOPATH at its import path.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
import_path=github.com/kpigrpc/kpigrpc/clients/go

gopath="$(mktemp -d)"
trap 'rm -rf "$gopath"' EXIT
mkdir -p "$gopath/src/$(dirname "$import_path")"
ln -s "$here" "$gopath/src/$import_path"

cd "$gopath/src/$import_path"
export GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$gopath:/usr/share/gocode"
go "$@"
