#!/usr/bin/env python3
"""Run miner plaintexts through MANTIS's own validator sanitising (DataLog._validate_submission).

Reads ledger.py and config.py of Barbariandev/MANTIS at a commit from a git mirror into a temporary
directory (never into this repository), stubs the imports the function does not use (bittensor,
aiohttp, timelock; requests too when missing), and for every case of the input file parses the plaintext
with json.loads exactly as process_pending_payloads does, checks its "hotkey", and records the sanitised
vectors plus whether every value came back unchanged.

usage: check_miner_embeddings.py --mantis-git <dir> [--commit 2e9bc5b] --in cases.json --out validated.json
"""
import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import types
from pathlib import Path


def stub(name, **attrs):
    m = types.ModuleType(name)
    for k, v in attrs.items():
        setattr(m, k, v)
    sys.modules[name] = m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mantis-git", required=True)
    ap.add_argument("--commit", default="2e9bc5b")
    ap.add_argument("--in", dest="inp", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="mantis-ref-"))
    for f in ("ledger.py", "config.py"):
        src = subprocess.run(["git", "--git-dir", a.mantis_git, "show", f"{a.commit}:{f}"], check=True,
                             capture_output=True).stdout
        (tmp / f).write_bytes(src)
    rev = subprocess.run(["git", "--git-dir", a.mantis_git, "rev-parse", a.commit], check=True,
                         capture_output=True, text=True).stdout.strip()
    stub("bittensor")
    stub("aiohttp")
    stub("timelock", Timelock=object)
    try:
        import requests  # noqa: F401
    except ImportError:
        stub("requests")
    sys.path.insert(0, str(tmp))
    ledger = importlib.import_module("ledger")
    import numpy

    class Self:
        _zero_vecs = ledger.DataLog._zero_vecs

    inp = json.loads(Path(a.inp).read_text())
    out_cases = []
    for case in inp["cases"]:
        sub = json.loads(case["plaintext"])
        assert isinstance(sub, dict) and sub.get("hotkey") == inp["hotkey"], case["name"]
        sanitized = ledger.DataLog._validate_submission(Self(), sub)
        max_diff = 0.0
        unchanged = True
        for ticker, vec in sanitized.items():
            sent = sub.get(ticker)
            if not isinstance(sent, list) or len(sent) != len(vec):
                unchanged = False
                continue
            for x, y in zip(sent, vec):
                d = abs(float(x) - float(y))
                max_diff = max(max_diff, d)
                if d > 1e-12:
                    unchanged = False
        out_cases.append({"name": case["name"], "plaintext": case["plaintext"], "sanitized": sanitized,
                          "unchanged_within_1e-12": unchanged, "max_abs_change": max_diff})
    doc = {
        "generator": "tools/parity/mantis/check_miner_embeddings.py",
        "reference": f"Barbariandev/MANTIS {rev} ledger.py DataLog._validate_submission",
        "python": sys.version.split()[0],
        "numpy": numpy.__version__,
        "hotkey": inp["hotkey"],
        "cases": out_cases,
    }
    Path(a.out).write_text(json.dumps(doc, indent=1) + "\n")
    print(f"{len(out_cases)} cases, all unchanged: {all(c['unchanged_within_1e-12'] for c in out_cases)}, "
          f"max change {max(c['max_abs_change'] for c in out_cases):.3g}")


if __name__ == "__main__":
    main()
