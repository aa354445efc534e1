#!/usr/bin/env python3
"""Vectors for io.tao4j.mantis.ledger.RangeBreakoutTrackerTest: the reference's own
range_breakout.RangeBreakoutTracker (REF_MANTIS_HEAD = a folder holding MANTIS at bcff57b) driven over a
seeded random-walk price path with jumps, as DataLog._update_breakout_trackers drives it (update_price,
check_trigger with no embeddings, check_resolutions). Prints JSON: the path, json.dumps(to_dict()) at a
checkpoint and at the end, and the end state of a second tracker restored with from_dict at the checkpoint.

usage: REF_MANTIS_HEAD=<dir> python3 gen_breakout_tracker_vectors.py > tracker_vectors.json
"""
import json, os, sys
import numpy as np

sys.path.insert(0, os.environ["REF_MANTIS_HEAD"])
from range_breakout import RangeBreakoutTracker  # noqa: E402

LOOKBACK, BARRIER, MIN_RANGE, MAX_PENDING = 500, 25.0, 1.0, 1500
rng = np.random.default_rng(7)
n = 3000
steps = rng.normal(0, 0.004, n)
steps[rng.random(n) < 0.01] += rng.choice([-0.06, 0.06], size=int((rng.random(n) < 0.01).sum()) or 1)[0]
price = 100.0 * np.exp(np.cumsum(steps))
price[rng.random(n) < 0.03] = 0.0          # missing prices (skipped by the validator)
blocks = [1_000_000 + 5 * i for i in range(n)]
check = 1700


def drive(t, i):
    p = float(price[i])
    if not p or p <= 0:
        return
    sidx, block = blocks[i] // 5, blocks[i]
    t.update_price(sidx, p)
    t.check_trigger(sidx, block, p, {})
    t.check_resolutions(block, p)


a = RangeBreakoutTracker("BTC", range_lookback_blocks=LOOKBACK, barrier_pct=BARRIER, min_range_pct=MIN_RANGE,
                         max_pending_blocks=MAX_PENDING)
mid = None
for i in range(n):
    drive(a, i)
    if i == check:
        mid = json.dumps(a.to_dict())
b = RangeBreakoutTracker.from_dict(json.loads(mid))
for i in range(check + 1, n):
    drive(b, i)
print(json.dumps({"params": [LOOKBACK, BARRIER, MIN_RANGE, MAX_PENDING], "blocks": blocks,
                  "prices": [float(x) for x in price], "checkpoint": check, "state_at_checkpoint": mid,
                  "state_at_end": json.dumps(a.to_dict()), "restored_state_at_end": json.dumps(b.to_dict()),
                  "completed": len(a.completed)}))
