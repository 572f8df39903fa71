"""Prints KPIs grouped by operator as a table.

    /usr/bin/python3 examples/report.py --server localhost:5051 --from 2026-03-10 --to 2026-03-11 --tz Europe/Paris
"""

import argparse
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a clone, uninstalled

from kpigrpc import KpiClient  # noqa: E402

COLUMNS = [  # (heading, section, name)
    ("dialed", "counts", "dialed"),
    ("connected", "counts", "connected"),
    ("pitched", "counts", "pitched"),
    ("appts", "counts", "appointments"),
    ("sales", "counts", "sales"),
    ("valid %", "kpis", "list_validity_rate"),
    ("pitch %", "kpis", "pitch_rate"),
    ("conv %", "kpis", "conversion_rate"),
    ("close %", "kpis", "close_rate"),
    ("abandon %", "kpis", "abandon_rate"),
    ("calls/h", "kpis", "calls_per_hour"),
]


def cell(value):
    if value is None:
        return "-"  # the KPI's denominator is zero
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="localhost:5051")
    parser.add_argument("--from", dest="start", type=date.fromisoformat, default=date.today())
    parser.add_argument("--to", dest="end", type=date.fromisoformat, help="exclusive; default: the day after --from")
    parser.add_argument("--tz", default="", help="IANA time zone of the days; default UTC")
    args = parser.parse_args()

    zone = ZoneInfo(args.tz) if args.tz else timezone.utc
    start = datetime.combine(args.start, time(), zone)
    end = datetime.combine(args.end or args.start + timedelta(days=1), time(), zone)
    with KpiClient(args.server) as client:
        groups = client.query_kpis(start, end, group_by=["operator"], time_zone=args.tz)

    if not groups:
        print(f"no calls between {start.isoformat()} and {end.isoformat()}")
        return
    rows = [[g["operator_id"]] + [cell(g[section][name]) for _, section, name in COLUMNS] for g in groups]
    headings = ["operator"] + [heading for heading, _, _ in COLUMNS]
    widths = [max(len(row[i]) for row in [headings] + rows) for i in range(len(headings))]
    for row in [headings] + rows:
        print("  ".join(text.ljust(w) if i == 0 else text.rjust(w) for i, (text, w) in enumerate(zip(row, widths))))


if __name__ == "__main__":
    main()
