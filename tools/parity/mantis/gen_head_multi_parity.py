#!/usr/bin/env python3
"""Parity fixture for tao4j's scorers of MANTIS's four multi-asset challenges (MULTI-BREAKOUT, XSEC-RANK,
FUNDING-XSEC, TRADE-MIX; issue #16).

Reads a HEAD-format ledger (made by ../../../../shared/tools/mantis-reference/gen_datalog_head.py), builds the training
data with the reference's own DataLog.iter_challenge_training_data, writes the four challenges' inputs as a compact
gzip dump and scores each with the reference's own scorer function, called the way model.multi_salience calls it.

usage: REF_MANTIS_HEAD=<MANTIS@bcff57b> /usr/bin/python3 gen_head_multi_parity.py LEDGER.db OUTDIR [TICKERS]
  TICKERS: comma-separated subset of MULTIBREAKOUT,MULTIXSEC,FUNDINGXSEC,TRADEMIX (default all four)

OUTDIR/multi.bin.gz (little-endian, gzip): b"MTSM1", int32 n; per entry: str ticker, str loss, then
  xsec_rank / funding_xsec / trade_mix: int32 H, H x str hotkey (hk2idx order), int32 A, int32 T,
    uint16[T*H*A] X as float16 bits (T x H x A), float64[T*A] prices or funding rates, int64[T] sidx
    (XSEC-RANK's payload has no sidx_arr: -1 there);
  range_breakout_multi: int32 n; per sample int64 trigger_sidx, int64 trigger_block, int64 resolution_block,
    int32 direction, int32 label, int32 m, m x (str hotkey, uint16 p_cont, uint16 p_rev) in dict order;
  str = int32 length + UTF-8 bytes.
OUTDIR/expected.json: "raw" (each scorer's return value), "per_challenge" (normalised as multi_salience's
  breakdown), "seconds", "env".
Like run_reference_head.py, LogisticRegression.fit applies scikit-learn 1.7's sample-weighted "balanced" rule.
"""
import gzip, json, os, struct, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ref_loader import load_reference, use_sklearn_17_balanced  # noqa: E402

ledger_path, outdir = sys.argv[1], sys.argv[2]
wanted = sys.argv[3].split(",") if len(sys.argv) > 3 else None
load_reference(env=("REF_MANTIS_HEAD",), need="trade_mix.py")
import config  # noqa: E402
import numpy as np  # noqa: E402
import sklearn  # noqa: E402

use_sklearn_17_balanced()
import ledger, model  # noqa: E402
from range_breakout import compute_multi_breakout_salience  # noqa: E402
from xsec_rank import compute_xsec_rank_salience  # noqa: E402
from funding_xsec import compute_funding_xsec_salience  # noqa: E402
from trade_mix import compute_trade_mix_salience  # noqa: E402

MULTI = ("range_breakout_multi", "xsec_rank", "funding_xsec", "trade_mix")
payloads = []
for ticker, payload in ledger.DataLog.iter_challenge_training_data(ledger_path, max_block_number=None,
                                                                   active_hotkeys=None):
    loss = config.CHALLENGE_MAP[ticker]["loss_func"]
    if loss in MULTI and (wanted is None or ticker in wanted):
        payloads.append((ticker, loss, payload))
os.makedirs(outdir, exist_ok=True)


def wstr(f, s):
    b = s.encode("utf-8")
    f.write(struct.pack("<i", len(b)))
    f.write(b)


def f16bits(v):
    a = np.asarray(v, dtype=np.float32)
    h = a.astype("<f2")
    assert np.array_equal(h.astype(np.float32), a, equal_nan=True), "embedding not float16-exact"
    return h


with gzip.open(os.path.join(outdir, "multi.bin.gz"), "wb", compresslevel=9) as f:
    f.write(b"MTSM1")
    f.write(struct.pack("<i", len(payloads)))
    for ticker, loss, p in payloads:
        wstr(f, ticker); wstr(f, loss)
        if loss == "range_breakout_multi":
            samples = p["completed_samples"]
            f.write(struct.pack("<i", len(samples)))
            for s in samples:
                f.write(struct.pack("<qqqiii", s.trigger_sidx, s.trigger_block, s.resolution_block, s.direction,
                                    s.label, len(s.embeddings)))
                for hk, v in s.embeddings.items():
                    wstr(f, hk)
                    f.write(f16bits(v).reshape(2).tobytes())
            continue
        X, hk2idx = p["hist"]
        values = p["funding_rates"] if loss == "funding_xsec" else p["prices_multi"]
        T, A = values.shape
        H = len(hk2idx)
        assert X.shape == (T, H * A), (X.shape, T, H, A)
        f.write(struct.pack("<i", H))
        for hk, _i in sorted(hk2idx.items(), key=lambda kv: kv[1]):
            wstr(f, hk)
        f.write(struct.pack("<ii", A, T))
        f.write(np.ascontiguousarray(f16bits(X)).tobytes())
        f.write(np.ascontiguousarray(np.asarray(values, dtype="<f8")).tobytes())
        sidx = p.get("sidx_arr")
        sidx = np.full(T, -1, dtype="<i8") if sidx is None else np.asarray(sidx, dtype="<i8")
        f.write(sidx.tobytes())

raw, per, seconds = {}, {}, {}
for ticker, loss, p in payloads:
    spec = config.CHALLENGE_MAP[ticker]
    ba = int(spec.get("blocks_ahead", 0) or 0)
    t0 = time.time()
    if loss == "range_breakout_multi":
        s = compute_multi_breakout_salience(p["completed_samples"]) if p["completed_samples"] else {}
    else:
        X, hk2idx = p["hist"]
        values = p["funding_rates"] if loss == "funding_xsec" else p["prices_multi"]
        # model.multi_salience's nested _trim_hist_price: keep the last MAX_BLOCK_HISTORY rows, float32
        n = min(X.shape[0], values.shape[0], int(model.MAX_BLOCK_HISTORY) or X.shape[0])
        hx, hk = np.asarray(X, dtype=np.float32)[-n:], hk2idx
        sidx = p.get("sidx_arr")
        sidx = sidx[-n:] if sidx is not None else None
        if loss == "xsec_rank":
            s = compute_xsec_rank_salience((hx, hk), values[-n:], blocks_ahead=ba, sample_every=int(config.SAMPLE_EVERY))
        elif loss == "funding_xsec":
            s = compute_funding_xsec_salience((hx, hk), values[-n:], blocks_ahead=ba,
                                              sample_every=int(config.SAMPLE_EVERY), sidx_arr=sidx)
        else:
            s = compute_trade_mix_salience((hx, hk), values[-n:], blocks_ahead=ba,
                                           sample_every=int(config.SAMPLE_EVERY), sidx_arr=sidx, spec=spec)
    seconds[ticker] = round(time.time() - t0, 2)
    raw[ticker] = {k: float(v) for k, v in s.items()}
    tot = float(sum(v for _k, v in sorted(s.items()))) if s else 0.0
    per[ticker] = {k: float(v) / tot for k, v in s.items()} if tot > 0 else {}
    print(ticker, seconds[ticker], "s", len(s), "entries", file=sys.stderr)

with open(os.path.join(outdir, "expected.json"), "w") as f:
    json.dump({"raw": raw, "per_challenge": per, "seconds": seconds,
               "env": {"numpy": np.__version__, "sklearn": sklearn.__version__, "sklearn_compat": "1.7"}},
              f, indent=1, sort_keys=True)
print(json.dumps({"tickers": [t for t, _l, _p in payloads], "seconds": seconds}))
