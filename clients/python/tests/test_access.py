"""api_key, root_certificates and client certificates against real servers: one with a keys file
and TLS from a private CA, one with mutual TLS (--tls-client-ca)."""

import hashlib
import json
import secrets
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import grpc
import pytest

from conftest import SERVER_DLL, _free_loopback_port, _wait_until_answering
from kpigrpc import KpiClient, call_record

UTC = timezone.utc
DAY = datetime(2026, 4, 7, tzinfo=UTC)
READER_WRITER_KEY = "kpi_" + secrets.token_urlsafe(32)


def _openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def _authority(directory, name):
    """A self-signed CA: name.pem and name.key."""
    _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "2", "-subj", f"/CN={name}",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=directory)


def _server_certificate(directory, authority):
    """server.pem and server.key for 127.0.0.1 and localhost, issued by authority."""
    (directory / "server.ext").write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    _openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost", cwd=directory)
    _openssl("x509", "-req", "-in", "server.csr", "-CA", f"{authority}.pem", "-CAkey", f"{authority}.key",
             "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext", cwd=directory)


def _client_certificate(directory, authority, name):
    """name.pem and name.key: a client certificate for mutual TLS, issued by authority."""
    (directory / f"{name}.ext").write_text("extendedKeyUsage=clientAuth\n")
    _openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={name}", cwd=directory)
    _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{authority}.pem", "-CAkey", f"{authority}.key",
             "-CAcreateserial", "-out", f"{name}.pem", "-days", "2", "-extfile", f"{name}.ext", cwd=directory)


def _keys_file(path):
    """The keys file as `kpi keys add` writes it: one key with the ingest and read roles."""
    entry = {
        "name": "reporting-job",
        "roles": ["ingest", "read"],
        "campaigns": None,
        "sha256": hashlib.sha256(READER_WRITER_KEY.encode()).hexdigest(),
        "created": datetime.now(UTC).isoformat(),
    }
    path.write_text(json.dumps({"keys": [entry]}))


@contextmanager
def _server(directory, scheme, args, name=None, **client_options):
    """The target of a server on a fresh data directory with args, killed at the end; ready once
    a client with client_options can query it."""
    if not SERVER_DLL.is_file():
        pytest.fail(f"{SERVER_DLL} is missing: dotnet build -c Release src/KpiGrpc.Server")
    target = f"{scheme}://127.0.0.1:{_free_loopback_port()}"
    name = name or scheme
    log_path = directory / f"server-{name}.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            ["dotnet", str(SERVER_DLL), "--urls", target, "--data-dir", str(directory / f"data-{name}"), *args],
            cwd=SERVER_DLL.parent,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        with KpiClient(target, **client_options) as probe:
            _wait_until_answering(probe, process, log_path)
        yield target
    finally:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def files():
    """A directory with ca.pem, other-ca.pem, server.pem/.key (issued by ca), client certificates
    dialer-1.pem/.key (issued by ca) and intruder.pem/.key (by other-ca), and keys.json."""
    directory = Path(tempfile.mkdtemp(prefix="kpigrpc-python-access-"))
    _authority(directory, "ca")
    _authority(directory, "other-ca")
    _server_certificate(directory, "ca")
    _client_certificate(directory, "ca", "dialer-1")
    _client_certificate(directory, "other-ca", "intruder")
    _keys_file(directory / "keys.json")
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def secure_server(files):
    """(https target, directory with ca.pem and other-ca.pem) of a server with keys and TLS."""
    args = ["--keys-file", str(files / "keys.json"),
            "--tls-cert", str(files / "server.pem"), "--tls-key", str(files / "server.key")]
    with _server(files, "https", args, api_key=READER_WRITER_KEY, root_certificates=files / "ca.pem") as target:
        yield target, files


@pytest.fixture(scope="module")
def plaintext_keyed_server(files):
    """The http target of a server with keys and no TLS."""
    with _server(files, "http", ["--keys-file", str(files / "keys.json")], api_key=READER_WRITER_KEY) as target:
        yield target


@pytest.fixture(scope="module")
def mutual_tls_server(files):
    """(https target, directory) of a server with TLS that asks for client certificates of ca."""
    args = ["--tls-cert", str(files / "server.pem"), "--tls-key", str(files / "server.key"),
            "--tls-client-ca", str(files / "ca.pem")]
    with _server(files, "https", args, name="mutual-tls", root_certificates=files / "ca.pem",
                 client_certificate=files / "dialer-1.pem", client_key=files / "dialer-1.key") as target:
        yield target, files


def test_record_and_query_key_over_plaintext_succeed(plaintext_keyed_server):
    # Arrange
    call = call_record("plain-1", campaign_id="plain", operator_id="op-a",
                       started_at=DAY + timedelta(hours=10), outcome="busy")

    # Act
    with KpiClient(plaintext_keyed_server, api_key=READER_WRITER_KEY) as client:
        ack = client.record_calls([call])
        groups = client.query_kpis(DAY, DAY + timedelta(days=1), campaign_ids=["plain"])

    # Assert
    assert ack.accepted == 1
    assert [group["counts"]["dialed"] for group in groups] == [1]


def test_record_and_query_key_with_ingest_and_read_over_tls_succeed(secure_server):
    # Arrange
    target, directory = secure_server
    call = call_record("access-1", campaign_id="keyed", operator_id="op-a",
                       started_at=DAY + timedelta(hours=9), outcome="busy")
    ca_pem = (directory / "ca.pem").read_bytes()

    # Act
    with KpiClient(target, api_key=READER_WRITER_KEY, root_certificates=ca_pem) as client:
        ack = client.record_calls([call])
        groups = client.query_kpis(DAY, DAY + timedelta(days=1), campaign_ids=["keyed"])

    # Assert
    assert ack.accepted == 1
    assert len(groups) == 1
    assert groups[0]["counts"]["dialed"] == 1


def test_query_no_key_unauthenticated(secure_server):
    # Arrange
    target, directory = secure_server

    # Act
    with KpiClient(target, root_certificates=directory / "ca.pem") as client:
        with pytest.raises(grpc.RpcError) as error:
            client.query_kpis(DAY, DAY + timedelta(days=1), timeout=10)

    # Assert
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_query_wrong_key_unauthenticated(secure_server):
    # Arrange
    target, directory = secure_server

    # Act
    with KpiClient(target, api_key="kpi_not-a-key", root_certificates=directory / "ca.pem") as client:
        with pytest.raises(grpc.RpcError) as error:
            client.query_kpis(DAY, DAY + timedelta(days=1), timeout=10)

    # Assert
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_query_ca_that_did_not_issue_the_server_certificate_unavailable(secure_server):
    # Arrange
    target, directory = secure_server

    # Act
    with KpiClient(target, api_key=READER_WRITER_KEY, root_certificates=str(directory / "other-ca.pem")) as client:
        with pytest.raises(grpc.RpcError) as error:
            client.query_kpis(DAY, DAY + timedelta(days=1), timeout=10)

    # Assert: the handshake fails before any call reaches the server.
    assert error.value.code() == grpc.StatusCode.UNAVAILABLE


def test_record_and_query_client_certificate_files_succeed(mutual_tls_server):
    # Arrange
    target, directory = mutual_tls_server
    call = call_record("mtls-1", campaign_id="mutual", operator_id="op-a",
                       started_at=DAY + timedelta(hours=9), outcome="busy")

    # Act
    with KpiClient(target, root_certificates=directory / "ca.pem",
                   client_certificate=directory / "dialer-1.pem", client_key=str(directory / "dialer-1.key")) as client:
        ack = client.record_calls([call])
        groups = client.query_kpis(DAY, DAY + timedelta(days=1), campaign_ids=["mutual"])

    # Assert
    assert ack.accepted == 1
    assert [group["counts"]["dialed"] for group in groups] == [1]


def test_query_client_certificate_as_pem_bytes_succeeds(mutual_tls_server):
    # Arrange
    target, directory = mutual_tls_server

    # Act
    with KpiClient(target, root_certificates=(directory / "ca.pem").read_bytes(),
                   client_certificate=(directory / "dialer-1.pem").read_bytes(),
                   client_key=(directory / "dialer-1.key").read_bytes()) as client:
        groups = client.query_kpis(DAY, DAY + timedelta(days=1), campaign_ids=["nobody"], timeout=10)

    # Assert
    assert groups == []


def test_query_no_client_certificate_unauthenticated(mutual_tls_server):
    # Arrange
    target, directory = mutual_tls_server

    # Act
    with KpiClient(target, root_certificates=directory / "ca.pem") as client:
        with pytest.raises(grpc.RpcError) as error:
            client.query_kpis(DAY, DAY + timedelta(days=1), timeout=10)

    # Assert
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_query_client_certificate_of_another_ca_unauthenticated(mutual_tls_server):
    # Arrange
    target, directory = mutual_tls_server

    # Act
    with KpiClient(target, root_certificates=directory / "ca.pem",
                   client_certificate=directory / "intruder.pem", client_key=directory / "intruder.key") as client:
        with pytest.raises(grpc.RpcError) as error:
            client.query_kpis(DAY, DAY + timedelta(days=1), timeout=10)

    # Assert
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_constructor_client_certificate_without_key_raises():
    with pytest.raises(ValueError, match="client_key"):
        KpiClient("https://127.0.0.1:5051", client_certificate=b"-----BEGIN CERTIFICATE-----")


def test_constructor_root_certificates_with_http_target_raises():
    with pytest.raises(ValueError, match="https://"):
        KpiClient("http://127.0.0.1:5051", root_certificates=b"-----BEGIN CERTIFICATE-----")


@pytest.mark.parametrize("api_key", ["", "kpi_abc\n", "kpi abc"])
def test_constructor_key_with_blank_or_line_break_raises(api_key):
    with pytest.raises(ValueError, match="api_key"):
        KpiClient("127.0.0.1:5051", api_key=api_key)
