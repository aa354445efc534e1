#!/usr/bin/env python3
"""Writes a large pickled DataLog (commit 2e9bc5b's own class and save_datalog) for timing the JVM import.

Usage: gen_pickle_bench.py <MANTIS git dir> <out.pkl[.gz]> <days> <hotkeys>
Loads the reference exactly like gen_ledger_archives.py (imports it does not need are stubbed).
"""
import importlib.util, os, sys

here = os.path.dirname(os.path.abspath(__file__))
git_dir, out, days, n_hk = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
spec = importlib.util.spec_from_file_location("gen", os.path.join(here, "gen_ledger_archives.py"))
sys.argv = [sys.argv[0], git_dir, os.path.join(os.path.dirname(os.path.abspath(out)), "fixtures")]
gen = importlib.util.module_from_spec(spec)
sys.modules["gen"] = gen  # its stub classes must be importable by pickle
spec.loader.exec_module(gen)  # also (re)writes the small fixtures into <out dir>/fixtures
import numpy as np

ledger, config = gen.ledger, gen.config
rng = np.random.default_rng(1)
dl = ledger.DataLog()
hks = [f"5Bench{i:042d}" for i in range(n_hk)]
for i in range(days * 1440):
    block = 5_000_000 + 5 * i
    dl.blocks.append(block)
    sidx = block // config.SAMPLE_EVERY
    for t, ch in dl.challenges.items():
        ch.set_price(sidx, 1000.0 + i)
        vals = rng.uniform(-1, 1, size=(n_hk, ch.dim)).astype(np.float16)
        d = ch.sidx[sidx]
        for j, hk in enumerate(hks):
            d["emb"][hk] = vals[j].copy()
            d["hotkeys"].append(hk)
    dl.raw_payloads[i] = {}
ledger.save_datalog(out, dl)
print("wrote", out, os.path.getsize(out))
