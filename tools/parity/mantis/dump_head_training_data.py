#!/usr/bin/env python3
"""Digest of the training data that MANTIS at HEAD (bcff57b) builds from a `datalog.db`, for
io.tao4j.mantis.ledger.HeadTrainingDataParityTest.

It imports the reference's own `ledger.py` from $REF_MANTIS_HEAD (network modules stubbed, as
../../../../shared/tools/mantis-reference/run_reference_head.py does) and calls
`DataLog.iter_challenge_training_data(db, max_block_number, active_hotkeys)` once per case; nothing
here rebuilds the data itself. Per yielded ticker it prints the shapes, the hotkey order, SHA-256 of the
little-endian bytes of every array (X as the reference's dtype: float16 for binary, float32 otherwise;
labels float32; prices float64; sidx int64) and a few values. Breakout samples are digested as lines
`trigger_sidx,trigger_block,resolution_block,direction,label|hk:float16-hex|...` (embedding dict order).

usage: REF_MANTIS_HEAD=<dir> python3 dump_head_training_data.py DB [--case NAME:MAX_BLOCK:ACTIVE ...]
  ACTIVE = '*' (all, active_hotkeys=None) or a comma-separated hotkey list; MAX_BLOCK 0 = no limit.
"""
import argparse, hashlib, json, os, sys

ap = argparse.ArgumentParser()
ap.add_argument("db")
ap.add_argument("--case", action="append", default=[])
args = ap.parse_args()

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ref_loader import load_reference  # noqa: E402

load_reference(env=("REF_MANTIS_HEAD",), need="ledger.py")

import numpy as np  # noqa: E402
import ledger  # noqa: E402  (HEAD's own module)


def sha(a, dtype):
    return hashlib.sha256(np.ascontiguousarray(np.asarray(a, dtype=dtype)).astype(np.dtype(dtype).newbyteorder("<")).tobytes()).hexdigest()


def few(a):
    flat = np.asarray(a).reshape(-1)
    idx = sorted({0, len(flat) // 3, len(flat) // 2, len(flat) - 1}) if len(flat) else []
    return [[int(i), float(flat[i])] for i in idx]


def hotkeys_of(hk2idx):
    return [hk for hk, _ in sorted(hk2idx.items(), key=lambda kv: kv[1])]


def digest(ticker, payload):
    if isinstance(payload, tuple):  # binary: ((X f16, hk2idx), y f32)
        (X, hk2idx), y = payload
        return {"kind": "binary", "hotkeys": hotkeys_of(hk2idx), "x_shape": list(X.shape), "x_dtype": str(X.dtype),
                "x_sha256": sha(X, np.float16), "y_sha256": sha(y, np.float32), "y_few": few(y), "x_few": few(X)}
    if "completed_samples" in payload:
        lines = []
        for s in payload["completed_samples"]:
            parts = [f"{s.trigger_sidx},{s.trigger_block},{s.resolution_block},{s.direction},{s.label}"]
            for hk, v in s.embeddings.items():
                parts.append(hk + ":" + np.asarray(v, dtype=np.float16).astype("<f2").tobytes().hex())
            lines.append("|".join(parts))
        return {"kind": "breakout", "samples": len(lines),
                "sha256": hashlib.sha256("\n".join(lines).encode()).hexdigest(),
                "first": lines[:2], "last": lines[-1:]}
    X, hk2idx = payload["hist"]
    out = {"hotkeys": hotkeys_of(hk2idx), "x_shape": list(X.shape), "x_dtype": str(X.dtype),
           "x_sha256": sha(X, np.float32), "x_few": few(X)}
    for key in ("price", "prices_multi", "funding_rates"):
        if key in payload:
            v = payload[key]
            out["values_key"] = key
            out["values_shape"] = list(np.shape(v))
            out["values_sha256"] = sha(v, np.float64)
            out["values_few"] = [[i, (None if np.isnan(x) else x)] for i, x in few(v)]
    for key in ("sidx", "sidx_arr"):
        if key in payload:
            out["sidx_sha256"] = sha(payload[key], np.int64)
            out["sidx_few"] = few(payload[key])
    out["blocks_ahead"] = int(payload.get("blocks_ahead", 0))
    out["kind"] = "multi" if ("prices_multi" in payload or "funding_rates" in payload) else "priced"
    return out


cases = args.case or ["all:0:*"]
result = {"db": os.path.basename(args.db), "cases": {}}
for c in cases:
    name, mb, act = c.split(":", 2)
    active = None if act == "*" else set(act.split(","))
    data = {}
    for ticker, payload in ledger.DataLog.iter_challenge_training_data(args.db, int(mb) or None, active):
        data[ticker] = digest(ticker, payload)
    result["cases"][name] = {"max_block": int(mb), "active": None if active is None else sorted(active),
                             "tickers": data}
print(json.dumps(result, indent=1))
