"""Python client of KpiGrpc: call-centre KPIs over gRPC.

    from kpigrpc import KpiClient, call_record
    with KpiClient("localhost:5051") as client:
        ack = client.record_calls([call_record("c-1", campaign_id="solar", operator_id="op-a",
                                               started_at=datetime.now(timezone.utc), outcome="busy")])
        for group in client.query_kpis(start, end, group_by=["operator"]):
            print(group["operator_id"], group["kpis"]["pitch_rate"])

The generated kpi.v1 modules are in kpigrpc.pb (records_pb2, ingest_pb2, kpis_pb2, ...).
"""

from .client import KpiClient, Watch
from .records import (
    appointment_result,
    appointment_result_kind,
    call_outcome,
    call_record,
    operator_session,
    timestamp,
    to_datetime,
)
from .results import COUNT_NAMES, KPI_NAMES, WatchEvent, group_key, group_to_dict

__all__ = [
    "COUNT_NAMES",
    "KPI_NAMES",
    "KpiClient",
    "Watch",
    "WatchEvent",
    "appointment_result",
    "appointment_result_kind",
    "call_outcome",
    "call_record",
    "group_key",
    "group_to_dict",
    "operator_session",
    "timestamp",
    "to_datetime",
]
