#!/usr/bin/env python3
"""Checks a ledger imported by tao4j from a pickled 2e9bc5b DataLog against Python's own pickle.load of that archive.

Usage: check_import.py <MANTIS git dir> <mantis_datalog.pkl> <ledger.db>
Every challenge row (price, hotkeys, float16 vector bits) and the block list must be identical. The reference
modules are loaded as tools/parity/mantis/gen_ledger_archives.py loads them (the archive must have been written
with those, e.g. by tools/parity/mantis/gen_pickle_bench.py).
"""
import importlib.util, json, os, pickle, sqlite3, sys, tempfile
import numpy as np
git_dir, pkl, db = sys.argv[1], sys.argv[2], sys.argv[3]
gen_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "parity", "mantis", "gen_ledger_archives.py")
sys.argv = [sys.argv[0], git_dir, tempfile.mkdtemp()]
spec = importlib.util.spec_from_file_location("gen", gen_path)
gen = importlib.util.module_from_spec(spec); sys.modules["gen"] = gen; spec.loader.exec_module(gen)
with open(pkl, "rb") as f:
    dl = pickle.load(f)
c = sqlite3.connect(db)
rows = vecs = 0
for t, ch in dl.challenges.items():
    got = {s: (p, blob) for s, p, blob in c.execute("SELECT sidx, price, embeddings FROM challenge_data WHERE ticker=?", (t,))}
    assert len(got) == len(ch.sidx), (t, len(got), len(ch.sidx))
    for s, d in ch.sidx.items():
        p, blob = got[s]
        assert p == d["price"], (t, s, p, d["price"])
        z = blob.index(b"\0")
        hks = json.loads(blob[:z])
        arr = np.frombuffer(blob[z + 1:], dtype="<f2").reshape(len(hks), ch.dim)
        assert sorted(hks) == sorted(d["emb"]), (t, s)
        for i, hk in enumerate(hks):
            assert (arr[i].view(np.uint16) == np.asarray(d["emb"][hk], dtype=np.float16).view(np.uint16)).all(), (t, s, hk)
            vecs += 1
        rows += 1
blocks = [b for (b,) in c.execute("SELECT block FROM blocks ORDER BY idx")]
assert blocks == list(dl.blocks)
print("identical:", rows, "rows,", vecs, "vectors,", len(blocks), "blocks")
