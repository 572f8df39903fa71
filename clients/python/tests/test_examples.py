"""The examples run against the real server: the dialer feed streams, the report shows it."""

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _run(script, *args):
    done = subprocess.run([sys.executable, str(EXAMPLES / script), *args],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_dialer_feed_then_report_shows_the_operator(server_address):
    feed = _run("dialer_feed.py", "--server", server_address, "--calls", "7", "--pace", "0.01",
                "--operators", "feed-op", "--campaign", "feed-campaign")
    accepted = sum(int(line.split()[2]) for line in feed.splitlines() if line.startswith("batch "))
    assert accepted == 7, feed

    today = datetime.now(timezone.utc).date()  # the feed stamps calls with the current time
    report = _run("report.py", "--server", server_address,
                  "--from", str(today - timedelta(days=1)), "--to", str(today + timedelta(days=1)))
    [row] = [line.split() for line in report.splitlines() if line.startswith("feed-op")]
    assert row[1] == "7"  # dialed
