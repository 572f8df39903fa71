"""KpiClient: the ingest and KPI services of a KpiGrpc server behind one channel."""

import grpc

from . import records
from .pb import ingest_pb2, ingest_pb2_grpc, kpis_pb2, kpis_pb2_grpc
from .results import group_to_dict, watch_event

#: Groups per QueryKpis page when the caller does not say: the most the server gives in one page.
DEFAULT_PAGE_SIZE = 10_000


def _channel(target, root_certificates=None, client_certificate=None, client_key=None):
    """A channel from "host:port", "http://host:port" (plaintext) or "https://host:port" (TLS:
    the system's CAs, or only root_certificates when given; client_certificate and client_key
    presented to a server that asks for one)."""
    if (client_certificate is None) != (client_key is None):
        raise ValueError("client_certificate and client_key go together")
    if target.startswith("https://"):
        credentials = grpc.ssl_channel_credentials(
            root_certificates=_pem(root_certificates),
            private_key=_pem(client_key),
            certificate_chain=_pem(client_certificate),
        )
        return grpc.secure_channel(target[len("https://"):], credentials)
    if root_certificates is not None or client_certificate is not None:
        raise ValueError("root_certificates and client_certificate need an https:// target")
    return grpc.insecure_channel(target.removeprefix("http://"))


def _pem(pem):
    """PEM bytes as given, or read from a path (str or os.PathLike); None stays None."""
    if pem is None or isinstance(pem, bytes):
        return pem
    with open(pem, "rb") as pem_file:
        return pem_file.read()


def _check_api_key(api_key):
    if not api_key or any(ord(c) < 0x21 or ord(c) > 0x7E for c in api_key):
        raise ValueError("api_key must be non-empty printable ASCII without spaces or line breaks")
    return api_key


class _BearerInterceptor(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor,
                         grpc.StreamUnaryClientInterceptor, grpc.StreamStreamClientInterceptor):
    """Adds "authorization: Bearer <key>" to every call, over plaintext and TLS alike (gRPC's
    call credentials would refuse a plaintext channel)."""

    def __init__(self, api_key):
        self._header = ("authorization", f"Bearer {api_key}")

    def _with_key(self, details):
        metadata = [*(details.metadata or ()), self._header]
        return details._replace(metadata=metadata)

    def intercept_unary_unary(self, continuation, details, request):
        return continuation(self._with_key(details), request)

    def intercept_unary_stream(self, continuation, details, request):
        return continuation(self._with_key(details), request)

    def intercept_stream_unary(self, continuation, details, request_iterator):
        return continuation(self._with_key(details), request_iterator)

    def intercept_stream_stream(self, continuation, details, request_iterator):
        return continuation(self._with_key(details), request_iterator)


class KpiClient:
    """Records calls, results and sessions, and queries or watches KPIs.

    Failed calls raise grpc.RpcError (e.g. INVALID_ARGUMENT for a range off 15-minute
    boundaries). Use as a context manager, or call close().
    """

    def __init__(self, target="localhost:5051", *, api_key=None, root_certificates=None,
                 client_certificate=None, client_key=None, channel=None):
        """api_key: sent as "authorization: Bearer <key>" on every call (see the server's keys
        file), e.g. os.environ.get("KPI_API_KEY"). root_certificates: PEM bytes or a path of the
        CAs to trust instead of the system's, for an https:// target. client_certificate and
        client_key: PEM bytes or paths of a certificate (chain) and its unencrypted key, for a
        server with mutual TLS (--tls-client-ca). channel: a ready grpc.Channel instead of target."""
        self._owns_channel = channel is None
        self._channel = channel if channel is not None else _channel(
            target, root_certificates, client_certificate, client_key)
        calls = self._channel
        if api_key is not None:
            calls = grpc.intercept_channel(self._channel, _BearerInterceptor(_check_api_key(api_key)))
        self.ingest = ingest_pb2_grpc.IngestServiceStub(calls)
        self.kpi = kpis_pb2_grpc.KpiServiceStub(calls)

    def close(self):
        if self._owns_channel:
            self._channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # Ingest: unary batches return a BatchAck; imports yield one response per batch, in order.

    def record_calls(self, calls, *, timeout=None):
        """Stores a batch of CallRecord; returns its BatchAck (accepted, ..., rejections)."""
        request = ingest_pb2.RecordCallsRequest(calls=list(calls))
        return self.ingest.RecordCalls(request, timeout=timeout).ack

    def record_appointment_results(self, results, *, timeout=None):
        request = ingest_pb2.RecordAppointmentResultsRequest(results=list(results))
        return self.ingest.RecordAppointmentResults(request, timeout=timeout).ack

    def record_sessions(self, sessions, *, timeout=None):
        request = ingest_pb2.RecordSessionsRequest(sessions=list(sessions))
        return self.ingest.RecordSessions(request, timeout=timeout).ack

    def import_calls(self, batches, *, first_batch_id=1, timeout=None):
        """Streams batches (iterables of CallRecord) numbered from first_batch_id; yields an
        ImportCallsResponse (batch_id, ack) per batch once it is on disk. To resume a job,
        restart after the last batch_id received."""
        requests = (
            ingest_pb2.ImportCallsRequest(batch_id=batch_id, calls=list(batch))
            for batch_id, batch in enumerate(batches, first_batch_id)
        )
        return self.ingest.ImportCalls(requests, timeout=timeout)

    def import_appointment_results(self, batches, *, first_batch_id=1, timeout=None):
        requests = (
            ingest_pb2.ImportAppointmentResultsRequest(batch_id=batch_id, results=list(batch))
            for batch_id, batch in enumerate(batches, first_batch_id)
        )
        return self.ingest.ImportAppointmentResults(requests, timeout=timeout)

    def import_sessions(self, batches, *, first_batch_id=1, timeout=None):
        requests = (
            ingest_pb2.ImportSessionsRequest(batch_id=batch_id, sessions=list(batch))
            for batch_id, batch in enumerate(batches, first_batch_id)
        )
        return self.ingest.ImportSessions(requests, timeout=timeout)

    # KPIs

    def query_kpis(self, start, end, *, group_by=(), granularity=None, time_zone="",
                   campaign_ids=(), team_ids=(), operator_ids=(), page_size=DEFAULT_PAGE_SIZE,
                   timeout=None):
        """KPI groups of [start, end) (aware datetimes on 15-minute boundaries) as dicts
        (see results.group_to_dict). group_by: e.g. ["operator"] or ["team", "campaign"];
        granularity: None, "hour", "day", "week" or "month"; time_zone: IANA, "" for UTC.
        Every group comes back: the server's pages (page_size groups each) are followed to the
        last, each a call of its own with the given timeout."""
        request = kpis_pb2.QueryKpisRequest(
            **{"from": records.timestamp(start)},  # `from` is a Python keyword
            to=records.timestamp(end),
            filter=records.kpi_filter(campaign_ids, team_ids, operator_ids),
            group_by=_dimensions(group_by),
            granularity=records.granularity(granularity),
            time_zone=time_zone,
            page_size=page_size,
        )
        groups = []
        while True:
            response = self.kpi.QueryKpis(request, timeout=timeout)
            groups.extend(group_to_dict(group) for group in response.groups)
            if not response.next_page_token:
                return groups
            request.page_token = response.next_page_token

    def watch_kpis(self, *, since=None, current_period=None, group_by=(), granularity=None,
                   time_zone="", campaign_ids=(), team_ids=(), operator_ids=(),
                   coalesce=None, timeout=None):
        """A live Watch of WatchEvents: a "snapshot" first, then "update"s of changed groups.
        Give either since (an aware datetime) or current_period ("day", "week", "month");
        coalesce is a timedelta or seconds (server default 250 ms)."""
        if (since is None) == (current_period is None):
            raise ValueError("give exactly one of since and current_period")
        request = kpis_pb2.WatchKpisRequest(
            filter=records.kpi_filter(campaign_ids, team_ids, operator_ids),
            group_by=_dimensions(group_by),
            granularity=records.granularity(granularity),
            time_zone=time_zone,
        )
        if since is not None:
            request.since.CopyFrom(records.timestamp(since))
        else:
            request.current_period = records.current_period(current_period)
        if coalesce is not None:
            request.coalesce_interval.CopyFrom(records.duration(coalesce))
        return Watch(self.kpi.WatchKpis(request, timeout=timeout))


def _dimensions(group_by):
    if isinstance(group_by, str):
        group_by = [group_by]
    return [records.group_dimension(d) for d in group_by]


class Watch:
    """An iterator of WatchEvents; cancel() (or leaving a with block) ends it quietly. An event
    the server splits into several messages (so that none exceeds 4 MB) comes as one event."""

    def __init__(self, call):
        self._call = call
        self._cancelled = False

    def __iter__(self):
        return self

    def __next__(self):
        try:
            response = next(self._call)
            # The messages after the first complete it: a SNAPSHOT stays a snapshot.
            while response.continued:
                part = next(self._call)
                response.groups.extend(part.groups)
                response.continued = part.continued
            return watch_event(response)
        except grpc.RpcError as error:
            if self._cancelled and error.code() == grpc.StatusCode.CANCELLED:
                raise StopIteration from None
            raise

    def cancel(self):
        self._cancelled = True
        self._call.cancel()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.cancel()
