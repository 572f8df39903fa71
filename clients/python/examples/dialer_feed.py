"""A simulated autodialer that pushes each call to KpiGrpc as it ends.

Calls are streamed over ImportCalls in one-second batches; each ack is printed as it comes
back (it means the batch is on disk). Rejected calls are printed with their reason.

    /usr/bin/python3 examples/dialer_feed.py --server localhost:5051 --calls 200
"""

import argparse
import random
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a clone, uninstalled

from kpigrpc import KpiClient, call_record  # noqa: E402

# Roughly what an outbound campaign sees, by outcome.
OUTCOME_WEIGHTS = {"invalid_number": 4, "no_answer": 30, "busy": 8, "voicemail": 18, "dropped": 1,
                   "rejected": 12, "answered": 10, "pitched": 13, "appointment": 4}
NOBODY_TALKED = {"invalid_number", "no_answer", "busy"}


def ended_calls(count, operators, campaign, pace):
    """Calls as the dialer reports them: one every `pace` seconds or so."""
    for _ in range(count):
        time.sleep(random.expovariate(1 / pace))
        outcome = random.choices(list(OUTCOME_WEIGHTS), weights=OUTCOME_WEIGHTS.values())[0]
        talk = 0.0 if outcome in NOBODY_TALKED else round(random.uniform(5, 400), 3)
        yield call_record(str(uuid.uuid4()), campaign_id=campaign, operator_id=random.choice(operators),
                          started_at=datetime.now(timezone.utc), outcome=outcome, talk_seconds=talk)


def batches_every(seconds, calls):
    """Groups calls into batches closed every `seconds` (checked as each call ends)."""
    batch, closes_at = [], time.monotonic() + seconds
    for call in calls:
        batch.append(call)
        if time.monotonic() >= closes_at:
            yield batch
            batch, closes_at = [], time.monotonic() + seconds
    if batch:
        yield batch


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="localhost:5051")
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--pace", type=float, default=0.05, help="mean seconds between calls")
    parser.add_argument("--campaign", default="demo")
    parser.add_argument("--operators", default="op-1,op-2,op-3")
    args = parser.parse_args()

    calls = ended_calls(args.calls, args.operators.split(","), args.campaign, args.pace)
    with KpiClient(args.server) as client:
        for response in client.import_calls(batches_every(1.0, calls)):
            ack = response.ack
            print(f"batch {response.batch_id}: {ack.accepted} accepted, {ack.duplicates} duplicates, "
                  f"{len(ack.rejections)} rejected")
            for rejection in ack.rejections:
                print(f"  #{rejection.index} {rejection.record_id}: {rejection.field}: {rejection.reason}")


if __name__ == "__main__":
    main()
