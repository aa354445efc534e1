#!/usr/bin/env python3
"""Compares two salience reports of one ledger, shaped as run_reference_head.py prints them (and as
`tao4j mantis salience --ledger DB --json` does): per challenge and for the combined vector.

usage: python3 compare_salience.py REFERENCE.json TAO4J.json [--json]

Per challenge: max |difference| over the union of hotkeys, L1 distance, whether the top 3 hotkeys are the same
set, Spearman rank correlation; for the combined salience the same plus the `__burn__` difference. Standard
library only. Exit 0 always: this reports, the thresholds live in the README / the caller.
"""
import json
import sys


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    r = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2.0
        i = j + 1
    return r


def spearman(a, b):
    if len(a) < 2:
        return 1.0
    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return 1.0 if va == 0 and vb == 0 else (cov / (va * vb) if va > 0 and vb > 0 else 0.0)


def compare(ref, ours):
    keys = sorted(set(ref) | set(ours))
    a = [float(ref.get(k, 0.0)) for k in keys]
    b = [float(ours.get(k, 0.0)) for k in keys]
    top = lambda m: set(sorted(m, key=lambda k: (-m[k], k))[:3])  # noqa: E731
    return {
        "hotkeys": len(keys),
        "max_abs": max((abs(x - y) for x, y in zip(a, b)), default=0.0),
        "l1": sum(abs(x - y) for x, y in zip(a, b)),
        "top3_same": top(ref) == top(ours),
        "spearman": spearman(a, b),
    }


def main():
    ref = json.load(open(sys.argv[1]))
    ours = json.load(open(sys.argv[2]))
    out = {"per_challenge": {}, "combined": None}
    for t in sorted(set(ref.get("per_challenge", {})) | set(ours.get("per_challenge", {}))):
        r, o = ref.get("per_challenge", {}).get(t), ours.get("per_challenge", {}).get(t)
        if r is None or o is None:
            out["per_challenge"][t] = {"missing_in": "reference" if r is None else "tao4j"}
            continue
        out["per_challenge"][t] = compare(r, o)
    c = compare(ref.get("salience", {}), ours.get("salience", {}))
    c["burn_diff"] = abs(float(ref.get("salience", {}).get("__burn__", 0.0)) - float(ours.get("salience", {}).get("__burn__", 0.0)))
    out["combined"] = c
    rs, os_ = ref.get("seconds", {}), ours.get("seconds", {})
    out["seconds"] = {"reference_total": rs.get("total"), "tao4j_total": os_.get("total")}
    if "--json" in sys.argv:
        print(json.dumps(out, indent=1, sort_keys=True))
        return
    print("%-14s %8s %10s %8s %5s %8s" % ("challenge", "hotkeys", "max|d|", "L1", "top3", "spearman"))
    for t, m in out["per_challenge"].items():
        if "missing_in" in m:
            print("%-14s missing in %s" % (t, m["missing_in"]))
        else:
            print("%-14s %8d %10.2e %8.4f %5s %8.4f" % (t, m["hotkeys"], m["max_abs"], m["l1"], m["top3_same"], m["spearman"]))
    print("%-14s %8d %10.2e %8.4f %5s %8.4f  burn |d| %.2e" % ("combined", c["hotkeys"], c["max_abs"], c["l1"],
                                                                 c["top3_same"], c["spearman"], c["burn_diff"]))
    print("seconds: reference %s, tao4j %s" % (out["seconds"]["reference_total"], out["seconds"]["tao4j_total"]))


if __name__ == "__main__":
    main()
