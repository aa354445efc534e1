#!/usr/bin/env python3
"""Parity fixture generator for the tao4j MANTIS salience engine.

Generates deterministic synthetic training data (the same splitmix64 generator as
io.tao4j.mantis.salience.SyntheticData, draw for draw), runs the *reference* MANTIS
functions on it (Barbariandev/MANTIS at commit 2e9bc5b, extracted from a git mirror
into a temporary directory; nothing of it is copied into tao4j), and writes a JSON
fixture with the generator parameters, a SHA-256 digest of every generated input
series and the reference outputs.

Usage (Debian python3 with python3-sklearn, python3-torch, python3-tqdm):
  /usr/bin/python3 tools/parity/mantis/gen_parity.py --mantis-git /path/to/MANTIS.git \
      --out mantis/src/test/resources/salience/parity_small.json
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

MASK = (1 << 64) - 1
COMMIT = "2e9bc5b"


class Rng:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n


def isqrt(v):
    import math
    return math.isqrt(v)


def price_path(rng, n):
    p = [0] * n
    cur = 1_000_000
    d = 0
    for t in range(n):
        if rng.below(300) == 0:
            d = rng.below(7) - 3
        cur += d * 6 + (rng.below(201) - 100)
        p[t] = cur
    return p


def generate_series(seed, rows, roles, spec):
    rng = Rng(seed)
    h = max(1, spec["blocks_ahead"] // 5)
    path = price_path(rng, rows + h + 1)
    dim = spec["dim"]
    loss = spec["loss_func"]
    H = len(roles)
    emb = np.zeros((H, rows * dim), dtype=np.float64)
    sig_i = 58 * isqrt(h)
    first_signal = roles.index("signal") if "signal" in roles else -1
    for m, role in enumerate(roles):
        e = emb[m]
        if role == "copy":
            e[:] = emb[first_signal]
            continue
        if role == "zero":
            continue
        informed = role in ("signal", "weak", "late")
        err = 4 if role == "weak" else 3
        for t in range(rows):
            if role == "late" and t < rows // 3:
                continue
            o = t * dim
            if not informed:
                for k in range(dim):
                    if loss == "binary":
                        e[o + k] = (rng.below(2049) - 1024) / 1024.0
                    else:
                        e[o + k] = (rng.below(1023) + 1) / 1024.0
                continue
            wrong = rng.below(10) < err
            if loss == "binary":
                up_move = path[t + h] - path[t] > 0
                say = wrong != up_move
                e[o] = 0.5 if say else -0.5
                e[o + 1] = (rng.below(2049) - 1024) / 1024.0
            elif loss == "lbfgs":
                fut = path[t + h] - path[t]
                if fut <= -2 * sig_i:
                    b = 0
                elif fut < -sig_i:
                    b = 1
                elif fut <= sig_i:
                    b = 2
                elif fut < 2 * sig_i:
                    b = 3
                else:
                    b = 4
                if wrong:
                    b = rng.below(5)
                for c in range(5):
                    e[o + c] = (820 if c == b else 51) / 1024.0
                base = path[max(0, t - 1)]
                seg = path[t:t + h + 1]
                hi = max(seg)
                lo = min(seg)
                thr = [sig_i // 2, sig_i, 2 * sig_i]
                for j in range(3):
                    up = hi - base >= thr[j]
                    dn = lo - base <= -thr[j]
                    e[o + 5 + j] = (870 if up else 154) / 1024.0
                    e[o + 8 + j] = (870 if up else 154) / 1024.0
                    e[o + 11 + j] = (870 if dn else 154) / 1024.0
                    e[o + 14 + j] = (870 if dn else 154) / 1024.0
            elif loss == "hitfirst":
                lab = 2
                for k in range(1, h + 1):
                    d = path[t + k] - path[t]
                    if d >= sig_i:
                        lab = 0
                        break
                    if d <= -sig_i:
                        lab = 1
                        break
                if wrong:
                    lab = rng.below(3)
                for c in range(3):
                    e[o + c] = (717 if c == lab else 153) / 1024.0
    names = ["hk%03d-%s" % (i, r) for i, r in enumerate(roles)]
    if loss == "binary":
        ret = np.array([np.float32((path[t + h] / 10000.0 - path[t] / 10000.0) / (path[t] / 10000.0))
                        for t in range(rows)], dtype=np.float32)
        return names, emb.astype(np.float32), None, ret
    price = np.array([path[t] / 10000.0 for t in range(rows)], dtype=np.float64)
    return names, emb.astype(np.float32), price, None


def digest(emb, price, ret):
    md = hashlib.sha256()
    md.update(np.ascontiguousarray(emb, dtype="<f4").tobytes())
    if price is not None:
        md.update(np.ascontiguousarray(price, dtype="<f8").tobytes())
    else:
        md.update(np.ascontiguousarray(ret, dtype="<f4").tobytes())
    return md.hexdigest()


def to_rows(emb, rows, dim):
    # hotkey-major [H][rows*dim] -> row-major (rows, H*dim) as the ledger builds it
    H = emb.shape[0]
    return emb.reshape(H, rows, dim).transpose(1, 0, 2).reshape(rows, H * dim)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mantis-git", required=True, help="git dir of Barbariandev/MANTIS")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--rows", type=int, default=15000)
    ap.add_argument("--roles", default="signal,weak,noise,noise,zero,late,copy")
    ap.add_argument("--torch-seeds", default="42,1,2,3,4")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="mantis_ref_")
    for f in ("model.py", "bucket_forecast.py", "hitfirst.py", "utils.py", "config.py"):
        src = subprocess.check_output(["git", "--git-dir", args.mantis_git, "show", f"{COMMIT}:{f}"])
        with open(os.path.join(work, f), "wb") as fh:
            fh.write(src)
    sys.path.insert(0, work)
    import torch  # noqa: E402
    import config  # noqa: E402
    import model  # noqa: E402
    import bucket_forecast  # noqa: E402
    import hitfirst  # noqa: E402

    roles = args.roles.split(",")
    training = {}
    series_meta = {}
    for ci, spec in enumerate(config.CHALLENGES):
        names, emb, price, ret = generate_series(args.seed + 1000 * ci, args.rows, roles, spec)
        hk2idx = {hk: i for i, hk in enumerate(names)}
        X = to_rows(emb, args.rows, spec["dim"])
        series_meta[spec["ticker"]] = {"seed": args.seed + 1000 * ci, "sha256": digest(emb, price, ret)}
        if spec["loss_func"] == "binary":
            training[spec["ticker"]] = ((X.astype(np.float16), hk2idx), ret)
        else:
            training[spec["ticker"]] = {"hist": (X, hk2idx), "price": price}

    out = {
        "reference": f"Barbariandev/MANTIS@{COMMIT}",
        "generator": {"seed": args.seed, "rows": args.rows, "roles": roles,
                      "challenge_seed": "seed + 1000 * index in config.CHALLENGES"},
        "versions": {"numpy": np.__version__, "torch": torch.__version__,
                     "sklearn": __import__("sklearn").__version__},
        "series": series_meta,
    }

    model.set_global_seed(42)
    total, breakdown = model.multi_salience(training, return_breakdown=True)
    out["multi_salience"] = {"total": total, "per_challenge": breakdown}

    # deterministic scorers, individually
    out["binary"] = {}
    for spec in config.CHALLENGES:
        if spec["loss_func"] == "binary":
            hist, y = training[spec["ticker"]]
            out["binary"][spec["ticker"]] = model.salience_binary_prediction(hist, y, spec["ticker"])
        if spec["loss_func"] == "hitfirst":
            p = training[spec["ticker"]]
            out["hitfirst"] = {spec["ticker"]: hitfirst.compute_hitfirst_salience(
                p["hist"], p["price"], blocks_ahead=spec["blocks_ahead"], sample_every=config.SAMPLE_EVERY)}

    # torch scorers under several seeds: the reference's own spread from mini-batch order
    out["lbfgs_runs"] = {}
    for spec in config.CHALLENGES:
        if spec["loss_func"] != "lbfgs":
            continue
        runs = []
        for s in [int(v) for v in args.torch_seeds.split(",")]:
            torch.manual_seed(s)
            p = training[spec["ticker"]]
            sp = bucket_forecast.compute_lbfgs_salience(p["hist"], p["price"], blocks_ahead=spec["blocks_ahead"],
                                                        sample_every=config.SAMPLE_EVERY)
            torch.manual_seed(s)
            sq = bucket_forecast.compute_q_path_salience(p["hist"], p["price"], blocks_ahead=spec["blocks_ahead"],
                                                         sample_every=config.SAMPLE_EVERY)
            runs.append({"torch_seed": s, "p": sp, "q": sq})
        out["lbfgs_runs"][spec["ticker"]] = runs

    with open(args.out, "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
    print("wrote", args.out)


if __name__ == "__main__":
    main()
