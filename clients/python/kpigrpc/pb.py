"""The modules generated from protos/kpi/v1 by generate.sh.

protoc writes absolute imports (``from kpi.v1 import records_pb2``), so the folder they were
generated into is put on ``sys.path``; it is appended, so it never shadows another package.
"""

import os
import sys

_GENERATED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_generated")

if not os.path.isdir(os.path.join(_GENERATED, "kpi", "v1")):
    raise ImportError(
        f"kpigrpc: generated code missing in {_GENERATED}; run clients/python/generate.sh"
    )
if _GENERATED not in sys.path:
    sys.path.append(_GENERATED)

from kpi.v1 import ingest_pb2, ingest_pb2_grpc, kpis_pb2, kpis_pb2_grpc, records_pb2  # noqa: E402

__all__ = ["ingest_pb2", "ingest_pb2_grpc", "kpis_pb2", "kpis_pb2_grpc", "records_pb2"]
