"""The real KpiGrpc server (dotnet KpiGrpc.Server.dll) on a free loopback port, once per run."""

import shutil
import socket
import subprocess
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import grpc
import pytest

from kpigrpc import KpiClient

REPO_ROOT = Path(__file__).resolve().parents[3]
SERVER_DLL = REPO_ROOT / "src/KpiGrpc.Server/bin/Release/net10.0/KpiGrpc.Server.dll"
START_TIMEOUT_SECONDS = 30


def _free_loopback_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_answering(client, process, log_path):
    probe_start = datetime(2020, 1, 1, tzinfo=timezone.utc)
    probe_end = datetime(2020, 1, 2, tzinfo=timezone.utc)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(f"the server exited with code {process.returncode}:\n{log_path.read_text()}")
        try:
            client.query_kpis(probe_start, probe_end, timeout=5)
            return
        except grpc.RpcError as error:
            retriable = error.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
            if not retriable or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="session")
def server_address():
    """host:port of a server on a fresh data directory, killed and cleaned up at the end."""
    if not SERVER_DLL.is_file():
        pytest.fail(f"{SERVER_DLL} is missing: dotnet build -c Release src/KpiGrpc.Server")
    data_dir = Path(tempfile.mkdtemp(prefix="kpigrpc-python-"))
    log_path = data_dir / "server.log"
    address = f"127.0.0.1:{_free_loopback_port()}"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            ["dotnet", str(SERVER_DLL), "--urls", f"http://{address}", "--data-dir", str(data_dir / "data")],
            cwd=SERVER_DLL.parent,  # the content root, where appsettings.json is
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        with KpiClient(address) as probe:
            _wait_until_answering(probe, process, log_path)
        yield address
    finally:
        process.kill()
        process.wait()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def client(server_address):
    with KpiClient(server_address) as kpi_client:
        yield kpi_client
