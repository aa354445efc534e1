#!/usr/bin/env python3
"""Vectors for MANTIS HEAD's shared scoring building blocks and sybil handling, computed by the reference's own
functions (Barbariandev/MANTIS at bcff57b): utils.recent_mass_weights / rolling_std_fast, model._time_weights,
model._fit_meta_logistic_bootstrap (with a recording stand-in for LogisticRegression, so the block indices, skip
rules and median-of-means are exercised without a solver), the nested multi_salience._topk_renorm /
_is_uniform_salience / _cluster_reps / _apply_reps (extracted from model.py with ast: model.py itself imports
torch), cluster.py and bucket_forecast._reduce_hist_to_cohort_reps, plus scipy linkage/fcluster on random
distance matrices.

    REF_MANTIS_HEAD=/path/to/MANTIS-at-bcff57b /usr/bin/python3 tools/parity/mantis/gen_head_block_vectors.py \
        > mantis/src/test/resources/salience/head_block_vectors.json

REF_MANTIS_HEAD is a folder holding the reference files (e.g. `git archive bcff57b | tar -x -C DIR` of a clone).
Nothing from the reference is copied into the output except computed numbers. Debian bookworm: numpy 1.24.2,
scipy 1.10.1, scikit-learn 1.2.1.
"""
import ast
import json
import os
import sys

import numpy as np

REF = os.environ.get("REF_MANTIS_HEAD")
if not REF or not os.path.isfile(os.path.join(REF, "cluster.py")):
    sys.exit("set REF_MANTIS_HEAD to a folder holding Barbariandev/MANTIS at HEAD (cluster.py, model.py, utils.py)")
sys.path.insert(0, REF)

import cluster  # noqa: E402
import utils  # noqa: E402
import bucket_forecast  # noqa: E402
from scipy.cluster.hierarchy import fcluster, linkage  # noqa: E402
from scipy.spatial.distance import squareform  # noqa: E402


def _model_functions(names, file="model.py"):
    """Source of the named (possibly nested) function definitions of a reference file."""
    src = open(os.path.join(REF, file)).read()
    tree = ast.parse(src)
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in names and node.name not in found:
            found[node.name] = ast.get_source_segment(src, node)
    missing = set(names) - set(found)
    if missing:
        sys.exit("not found in %s: %s" % (file, sorted(missing)))
    return found


class RecordingLR:
    """Stand-in for sklearn's LogisticRegression: coef_ is a fixed function of the rows it was given
    (column 0 of X holds the row id), so the Java test can recompute it; random_state % 5 == 3 raises."""

    def __init__(self, **kw):
        self.random_state = kw.get("random_state")

    def fit(self, X, y, sample_weight=None):
        if int(self.random_state) % 5 == 3:
            raise RuntimeError("planted failure")
        rows = np.asarray(X[:, 0], dtype=np.float64)
        c = [rows.mean() - 150.0, float(int(self.random_state) % 7) - 3.0, -float(np.sum(y)) + float(rows[0])]
        self.coef_ = np.array([c[:X.shape[1]]])
        self.intercept_ = np.array([float(rows[-1]) / 7.0])
        return self


def f16(a):
    return np.asarray(a, dtype=np.float16).astype(np.float32)


def hist_case(rng, T, D, roles):
    """roles: list of (hotkey, kind, arg). kinds: base, exact (arg: base hk), soft (arg: base hk, noise),
    noise, sparse (arg: nz rows), late (arg: first row)."""
    H = len(roles)
    X = np.zeros((T, H, D), dtype=np.float32)
    cols = {}
    for i, (hk, kind, arg) in enumerate(roles):
        cols[hk] = i
        if kind == "base":
            X[:, i, :] = f16(rng.random((T, D)))
        elif kind == "exact":
            X[:, i, :] = X[:, cols[arg], :]
            flip = rng.random(T) < 0.005  # a few rows differ beyond 1e-3: still >= 99 % matching
            X[flip, i, 0] = f16(X[flip, i, 0] + 0.25)
        elif kind == "soft":
            base, noise = arg
            X[:, i, :] = f16(X[:, cols[base], :] + noise * rng.standard_normal((T, D)))
        elif kind == "noise":
            X[:, i, :] = f16(rng.random((T, D)))
        elif kind == "sparse":
            arg = min(arg, T // 2)
            rows = rng.choice(T, size=arg, replace=False)
            X[rows, i, :] = f16(rng.random((arg, D)) + 0.01)
        elif kind == "late":
            arg = min(arg, T // 2)
            X[arg:, i, :] = f16(rng.random((T - arg, D)))
        elif kind == "zero":
            pass
    hk2idx = {hk: i for i, (hk, _k, _a) in enumerate(roles)}
    return X.reshape(T, H * D), hk2idx


def ordered(d):
    return [[k, float(v)] for k, v in d.items()]


def sets(cl):
    return [sorted(c) for c in cl]


def main():
    fns = _model_functions(["_time_weights", "_fit_meta_logistic_bootstrap", "_topk_renorm",
                            "_is_uniform_salience", "_cluster_reps", "_apply_reps"])
    ns = {"np": np, "List": list, "Dict": dict, "Tuple": tuple, "FrozenSet": frozenset,
          "INDICES_PER_DAY": 1440, "HALFLIFE_DAYS": 15.0, "LogisticRegression": RecordingLR,
          "find_clusters": cluster.find_clusters, "find_correlated_cohorts": cluster.find_correlated_cohorts,
          "select_representatives": cluster.select_representatives,
          "collapse_salience": cluster.collapse_salience,
          "equalize_within_cluster": cluster.equalize_within_cluster,
          "_CLUSTER_SCAN_MAX_ROWS": 100_000,
          "logger": __import__("logging").getLogger("ref")}
    for name in ["_time_weights", "_fit_meta_logistic_bootstrap", "_topk_renorm", "_is_uniform_salience",
                 "_cluster_reps", "_apply_reps"]:
        exec(compile("from __future__ import annotations\n" + __import__("textwrap").dedent(fns[name]),
                     "model.py:" + name, "exec"), ns)
    out = {"numpy": np.__version__}

    rng = np.random.default_rng(20260717)
    out["time_weights"] = [{"T": T, "w": ns["_time_weights"](T).tolist()} for T in [1, 2, 7, 130, 1000]]
    out["time_weights_long"] = {"T": 86400, "idx": [0, 1, 4321, 43200, 86399],
                                "w": ns["_time_weights"](86400)[[0, 1, 4321, 43200, 86399]].tolist()}
    rmw = []
    for n, rs, rm in [(5, 3, 0.5), (100, 14000, 0.5), (20000, 14000, 0.5), (36000, 14000, 0.5), (9001, 1234, 0.3)]:
        w = utils.recent_mass_weights(np.arange(n), recent_samples=rs, recent_mass=rm)
        rmw.append({"n": n, "recent": rs, "mass": rm, "distinct": sorted(set(float(x) for x in w)),
                    "first": float(w[0]), "last": float(w[-1]), "sum32": float(np.sum(w))})
    t = np.sort(rng.integers(0, 5000, size=777)).astype(float)
    w = utils.recent_mass_weights(t, recent_samples=1000, recent_mass=0.5)
    rmw.append({"t": t.tolist(), "recent": 1000, "mass": 0.5, "w": [float(x) for x in w]})
    out["recent_mass_weights"] = rmw
    # inputs drawn from default_rng(seed).random(n), which the Java test regenerates bit for bit (Pcg64.random)
    rs = []
    for seed, n, win in [(11, 10, 3), (12, 500, 50), (13, 3000, 7200), (14, 9000, 7200), (15, 20000, 7200)]:
        x = 1000.0 + np.cumsum(np.random.default_rng(seed).random(n) - 0.5)
        r = utils.rolling_std_fast(x, win)
        rs.append({"seed": seed, "n": n, "w": win, "idx": list(range(0, len(r), 97)),
                   "std": r[::97].tolist(), "len": len(r)})
    out["rolling_std_fast"] = rs
    sums = []
    for seed, n in [(20, 0), (21, 5), (22, 8), (23, 9), (24, 127), (25, 128), (26, 129), (27, 1000), (28, 8192),
                    (29, 8193), (30, 20001), (31, 100000)]:
        a64 = np.random.default_rng(seed).random(n) * 1e3 - 500.0
        a32 = a64.astype(np.float32)
        sums.append({"seed": seed, "n": n, "sum32": float(np.sum(a32)), "mean32": float(a32.mean()) if n else None,
                     "sum64": float(np.sum(a64)), "mean64": float(a64.mean()) if n else None})
    out["sums"] = sums

    boots = []
    for T, n_boot, seed, pos_rows in [(300, 10, 42, list(range(0, 12))), (1000, 20, 1042, None), (239, 10, 42, None),
                                      (500, 1, 42, None), (600, 10, 7, [])]:
        X = np.arange(T, dtype=np.float64)[:, None] * np.ones((1, 3))
        if pos_rows is None:
            y = (rng.random(T) < 0.4).astype(np.int64)
        else:
            y = np.zeros(T, dtype=np.int64)
            y[pos_rows] = 1
        agg = ns["_fit_meta_logistic_bootstrap"](X, y, seed, min_rows=50, l1_ratio=0.5, C=1.0, max_iter=10,
                                                 class_weight="balanced", n_bootstrap=n_boot, block_size=120)
        starts = []
        for b in range(n_boot):
            g = np.random.default_rng(seed + b)
            starts.append([int(s) for s in np.sort(g.integers(0, T - 120 + 1, size=max(1, T // 120)))] if T >= 120 else [])
        boots.append({"T": T, "n": n_boot, "seed": seed, "y": y.tolist(), "starts": starts,
                      "agg": None if agg is None else agg.tolist()})
    out["bootstrap"] = boots
    # xsec_rank.py imports tqdm and config: compile just the function
    exec(compile("from __future__ import annotations\n" + _model_functions(["_bootstrap_meta_l2"], "xsec_rank.py")[
        "_bootstrap_meta_l2"], "xsec_rank.py:_bootstrap_meta_l2", "exec"), ns)
    xb = []
    for T, n_boot, seed, K in [(1000, 20, 42 + 7919, 3), (700, 20, 42 + 7919 * 2, 1), (500, 10, 5, 2)]:
        X = np.arange(T, dtype=np.float64)[:, None] * np.ones((1, K))
        y = (rng.random(T) < 0.4).astype(np.int64)
        r = ns["_bootstrap_meta_l2"](X, y, seed=seed, n_bootstrap=n_boot, block_size=120)
        xb.append({"T": T, "n": n_boot, "seed": seed, "K": K, "y": y.tolist(),
                   "signed_mean": r[0].tolist(), "intercept_mean": r[1], "abs_mom": r[2].tolist()})
    out["bootstrap_xsec"] = xb
    mom = []
    for n in [1, 2, 3, 4, 5, 9, 10, 20]:
        c = np.abs(rng.standard_normal((n, 3)))
        gsz = n // min(4, n) if n >= 2 else 1
        g = min(4, n)
        if g < 2:
            r = c.mean(axis=0)
        else:
            r = np.median(np.stack([c[i * gsz:(i + 1) * gsz].mean(axis=0) for i in range(g)]), axis=0)
        mom.append({"coefs": c.tolist(), "mom": r.tolist()})
    out["median_of_means"] = mom

    topk = []
    for case in [
        {"b": 0.3, "a": 0.3, "c": 0.2, "d": 1e-9, "e": 0.0, "f": -1.0},
        {("hk%02d" % i): float(v) for i, v in enumerate(rng.random(60))},
        {("k%d" % (i % 7)) + str(i): 1.0 for i in range(80)},
        {"z": 0.5, "y": 0.5},
        {},
    ]:
        r = ns["_topk_renorm"](case, 50)
        topk.append({"k": 50, "in": ordered(case), "out": ordered(r), "uniform": bool(ns["_is_uniform_salience"](case))})
    r = ns["_topk_renorm"]({"a": 3.0, "b": 2.0, "c": 1.0}, 2)
    topk.append({"k": 2, "in": ordered({"a": 3.0, "b": 2.0, "c": 1.0}), "out": ordered(r), "uniform": False})
    out["topk_renorm"] = topk

    # -- sybil -------------------------------------------------------------
    syb = []
    roles_a = [("m3", "base", None), ("a7", "exact", "m3"), ("q1", "exact", "m3"), ("b2", "soft", ("m3", 0.05)),
               ("c9", "noise", None), ("zz", "soft", ("c9", 0.08)), ("d4", "sparse", 150), ("e5", "late", 250),
               ("f6", "soft", ("c9", 0.6)), ("g0", "zero", None)]
    roles_b = [("k%02d" % i, "noise", None) for i in range(6)] + [("k10", "exact", "k03"), ("k11", "soft", ("k03", 0.03)),
                                                                   ("k12", "soft", ("k11", 0.03)), ("a00", "exact", "k10")]
    for name, roles, T, D in [("planted_d2", roles_a, 520, 2), ("planted_d3", roles_b, 400, 3),
                              ("short", roles_a, 150, 2)]:
        X, hk2idx = hist_case(rng, T, D, roles)
        sal = {hk: float(v) for hk, v in zip(reversed(list(hk2idx)), rng.random(len(hk2idx)))}
        sal_sparse = {hk: v for i, (hk, v) in enumerate(sal.items()) if i % 3 != 1}
        reps = ns["_cluster_reps"]((X, hk2idx), D, name)
        syb.append({
            "name": name, "T": T, "D": D, "hotkeys": list(hk2idx.keys()), "X": [float(v) for v in X.ravel()],
            "clusters": sets(cluster.find_clusters((X, hk2idx), dim=D)),
            "cohorts": sets(cluster.find_correlated_cohorts((X, hk2idx), dim=D)),
            "exact_reps": reps[0], "cohort_reps": reps[1],
            "salience": ordered(sal), "salience_sparse": ordered(sal_sparse),
            "applied": ordered(ns["_apply_reps"](sal, reps)),
            "applied_sparse": ordered(ns["_apply_reps"](sal_sparse, reps)),
            "collapsed": ordered(cluster.collapse_salience(sal_sparse, reps[0])),
            "equalized": ordered(cluster.equalize_within_cluster(sal_sparse, {**reps[0], **reps[1]})),
        })
    out["sybil"] = syb

    # LBFGS joint cohorts: the reference's function with small thresholds (the defaults need >= 10 080 rows)
    lb = []
    for T, H, seed in [(260, 7, 1), (240, 6, 2)]:
        g = np.random.default_rng(seed)
        D = 17
        X = np.zeros((T, H, D), dtype=np.float32)
        for i in range(H):
            X[:, i, :5] = g.dirichlet(np.ones(5), size=T)
            if i == 5:
                X[:, i, 5:] = g.random((T, 12))  # q dims count for activity (nz over all 17 dims)
        X[:, 1, :5] = f16(X[:, 0, :5] + 0.02 * g.standard_normal((T, 5)))  # bucket clone of column 0
        X[:, 3, :5] = f16(0.5 * X[:, 2, :5] + 0.1)  # affine copy of column 2
        X[:, 4, :5] = f16(X[:, 3, :5] + 0.01 * g.standard_normal((T, 5)))
        X[: T // 3, 5, :] = 0.0  # late
        X = f16(X)
        if H > 6:
            X[::2, 6, :] = 0.0
            X[:, 6, :5] = f16(np.where((np.arange(T) % 2 == 1)[:, None], X[:, 0, :5], 0.0))
        names = ["n%d" % ((5 * i + 3) % H) + chr(ord("a") + i) for i in range(H)]
        hk2idx = {hk: i for i, hk in enumerate(names)}
        kw = dict(tau=0.80, min_joint=150, min_submissions=150, bucket_dims=5, mean_prefilter=0.10)
        coh = cluster.find_lbfgs_joint_cohorts((X.reshape(T, H * D), hk2idx), **kw)
        orig = bucket_forecast.find_lbfgs_joint_cohorts
        bucket_forecast.find_lbfgs_joint_cohorts = lambda h: orig(h, **kw)
        try:
            (Xr, hk2r), full_to_rep = bucket_forecast._reduce_hist_to_cohort_reps((X.reshape(T, H * D), hk2idx))
        finally:
            bucket_forecast.find_lbfgs_joint_cohorts = orig
        sal = {hk: float(i + 1) / 10.0 for i, hk in enumerate(sorted(hk2r, reverse=True))}
        lb.append({"T": T, "H": H, "hotkeys": names, "X": [float(v) for v in X.ravel()], "kw": kw,
                   "cohorts": sets(coh), "reduced_hotkeys": list(hk2r.keys()), "full_to_rep": full_to_rep,
                   "reduced_salience": ordered(sal),
                   "equalized": ordered(cluster.equalize_within_cluster(sal, full_to_rep) if full_to_rep else sal)})
    out["lbfgs_cohorts"] = lb

    # complete linkage + fcluster(distance) on random and tied distance matrices
    lk = []
    for n, ties in [(2, False), (5, False), (9, True), (14, True), (20, False), (25, True)]:
        a = rng.random((n, n))
        if ties:
            a = np.round(a * 4) / 4.0
        d = np.triu(a, 1)
        d = d + d.T
        cond = squareform(d, checks=False)
        Z = linkage(cond, method="complete")
        labs = {}
        for t_ in [0.0, 0.25, 0.5, 0.07999999999999996, 0.75]:
            lab = fcluster(Z, t=t_, criterion="distance")
            labs[repr(t_)] = [int(v) for v in lab]
        lk.append({"n": n, "cond": cond.tolist(), "Z": Z.tolist(), "labels": labs})
    out["linkage"] = lk
    json.dump(out, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
