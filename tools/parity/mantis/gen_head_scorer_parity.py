#!/usr/bin/env python3
"""Parity fixture for tao4j's HEAD scorers (mantis salience.head, issue #15).

Reads a HEAD-format ledger (made by ../../../../shared/tools/mantis-reference/gen_datalog_head.py), builds the
training data of the 8 original challenges with the reference's own ledger code, writes it as a compact gzip
dump (float16 X, float32 returns / float64 prices) and scores it with the reference's own multi_salience, per
challenge, plus the LBFGS classifier and Q paths separately.

usage: REF_MANTIS_HEAD=<MANTIS@bcff57b> /usr/bin/python3 gen_head_scorer_parity.py LEDGER.db OUTDIR [TICKERS]
  TICKERS: comma-separated challenges to put in the dump (default all 8; expected.json always has all 8)

Output: OUTDIR/training.bin.gz and OUTDIR/expected.json. Dump layout (little-endian, gzip):
  b"MTSH1", int32 n; per challenge: str ticker, str loss, int32 H, H x str hotkey (hk2idx order), int32 D,
  int32 T, float16[T*H*D] X (row-major), then float32[T] returns (binary) or float64[T] prices (others);
  str = int32 length + UTF-8 bytes.
HEAD's bucket_forecast._cached_reduce keys its cohort-reduction cache by id(hist[0]); CPython reuses the address of
a freed array, so a later LBFGS challenge can be handed an earlier challenge's reduced history (seen here: BTCLBFGS
scored on ETHLBFGS's reduction). This script replaces the cache by the uncached reduction, i.e. the reduction is
computed once per challenge, as intended; the scoring math is untouched.
Like run_reference_head.py, LogisticRegression.fit is wrapped to apply scikit-learn 1.7's sample-weighted
"balanced" class weights (Debian ships 1.2).
"""
import gzip, json, os, struct, sys, time

ledger_path, outdir = sys.argv[1], sys.argv[2]
dump_only = set(sys.argv[3].split(",")) if len(sys.argv) > 3 else None
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ref_loader import load_reference, use_sklearn_17_balanced  # noqa: E402

load_reference(env=("REF_MANTIS_HEAD",), need="bucket_forecast.py")
import config  # noqa: E402
import numpy as np  # noqa: E402
import sklearn  # noqa: E402

use_sklearn_17_balanced()
import ledger, model, bucket_forecast  # noqa: E402

bucket_forecast._cached_reduce = bucket_forecast._reduce_hist_to_cohort_reps

ORIGINAL = [c["ticker"] for c in config.CHALLENGES if c["loss_func"] in ("binary", "lbfgs", "hitfirst")]
payloads = []
for ticker, payload in ledger.DataLog.iter_challenge_training_data(ledger_path, max_block_number=None,
                                                                   active_hotkeys=None):
    if ticker in ORIGINAL:
        payloads.append((ticker, payload))

os.makedirs(outdir, exist_ok=True)


def wstr(f, s):
    b = s.encode("utf-8")
    f.write(struct.pack("<i", len(b)))
    f.write(b)


with gzip.open(os.path.join(outdir, "training.bin.gz"), "wb", compresslevel=9) as f:
    f.write(b"MTSH1")
    dumped = [(t, p) for t, p in payloads if dump_only is None or t in dump_only]
    f.write(struct.pack("<i", len(dumped)))
    for ticker, payload in dumped:
        loss = config.CHALLENGE_MAP[ticker]["loss_func"]
        if loss == "binary":
            (X, hk2idx), y = payload
            tail = np.asarray(y, dtype="<f4")
        else:
            X, hk2idx = payload["hist"]
            tail = np.asarray(payload["price"], dtype="<f8")
        X = np.asarray(X)
        H = len(hk2idx)
        D = X.shape[1] // H
        wstr(f, ticker); wstr(f, loss)
        f.write(struct.pack("<i", H))
        for hk, _i in sorted(hk2idx.items(), key=lambda kv: kv[1]):
            wstr(f, hk)
        f.write(struct.pack("<ii", D, X.shape[0]))
        f.write(np.ascontiguousarray(X.astype("<f2")).tobytes())
        f.write(np.ascontiguousarray(tail).tobytes())

seconds = {}
parts = {}
for ticker, payload in payloads:
    if config.CHALLENGE_MAP[ticker]["loss_func"] != "lbfgs":
        continue
    hist = (np.asarray(payload["hist"][0], dtype=np.float32), payload["hist"][1])
    price = np.asarray(payload["price"])
    ba = int(config.CHALLENGE_MAP[ticker]["blocks_ahead"])
    t0 = time.time()
    cls = bucket_forecast.compute_lbfgs_salience(hist, price, blocks_ahead=ba, sample_every=config.SAMPLE_EVERY)
    q = bucket_forecast.compute_q_path_salience(hist, price, blocks_ahead=ba, sample_every=config.SAMPLE_EVERY)
    parts[ticker] = {"cls": cls, "q": q, "seconds": round(time.time() - t0, 2)}

per = {}
for ticker, payload in payloads:
    t0 = time.time()
    _tot, br = model.multi_salience([(ticker, payload)], return_breakdown=True)
    seconds[ticker] = round(time.time() - t0, 2)
    per[ticker] = br.get(ticker, {})
t0 = time.time()
total, combined_br = model.multi_salience(payloads, return_breakdown=True)
seconds["all"] = round(time.time() - t0, 2)
with open(os.path.join(outdir, "expected.json"), "w") as f:
    json.dump({"per_challenge": per, "salience": total, "combined_breakdown": combined_br, "lbfgs_paths": parts, "seconds": seconds,
               "env": {"numpy": np.__version__, "sklearn": sklearn.__version__, "sklearn_compat": "1.7"}},
              f, indent=1, sort_keys=True)
print(json.dumps({"tickers": [t for t, _ in payloads], "seconds": seconds}))
