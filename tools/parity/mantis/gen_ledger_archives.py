#!/usr/bin/env python3
"""Generates the ledger-import test archives with MANTIS's own code (not committed here).

Usage: gen_ledger_archives.py <MANTIS git dir> <output dir>

- datalog.db: schema (_SCHEMA_SQL) and embedding blobs (_pack_embeddings) from ledger.py at the MANTIS HEAD.
- mantis_datalog.pkl / mantis_datalog.pkl.gz: the pickled DataLog of commit 2e9bc5b, filled through its own
  DataLog / ChallengeData methods and written with its save_datalog().
Imports the reference does not need for this (bittensor, aiohttp, timelock, requests, range_breakout) are stubbed.
"""
import json, sqlite3, subprocess, sys, types, os
import numpy as np

git_dir, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def src(rev, path):
    return subprocess.check_output(["git", "--git-dir", git_dir, "show", f"{rev}:{path}"]).decode()


def stub(name, **attrs):
    m = types.ModuleType(name)
    for k, v in attrs.items():
        setattr(m, k, v)
    sys.modules[name] = m
    return m


class Timelock:  # stands in for the timelock wheel; only constructed
    def __init__(self, pk):
        self.pk = pk


class RangeBreakoutTracker:
    pass


for n in ("bittensor", "aiohttp", "requests"):
    stub(n)
stub("timelock", Timelock=Timelock)
stub("range_breakout", RangeBreakoutTracker=RangeBreakoutTracker)


def load(rev, name, file):
    m = types.ModuleType(name)
    m.__file__ = file
    sys.modules[name] = m
    exec(compile(src(rev, file), f"{rev}:{file}", "exec"), m.__dict__)
    return m


rng = np.random.default_rng(7)
HOTKEYS = [f"5Hk{i:02d}" + "x" * 43 for i in range(6)]

# --- HEAD: SQLite datalog.db ---------------------------------------------------------------
config = load("HEAD", "config", "config.py")
ledger = load("HEAD", "ledger", "ledger.py")
TICKERS = {"ETH": 2, "ETHLBFGS": 17, "CADUSD": 2, "NOTATICKER": 3}
db = os.path.join(out, "datalog.db")
if os.path.exists(db):
    os.remove(db)
conn = sqlite3.connect(db)
conn.executescript(ledger._SCHEMA_SQL)
ledger._ensure_price_data_col(conn)
base_block = 6_000_000
for i in range(40):
    conn.execute("INSERT INTO blocks (idx, block) VALUES (?, ?)", (i, base_block + 5 * i))
for t, dim in TICKERS.items():
    conn.execute("INSERT OR REPLACE INTO challenge_meta VALUES (?, ?, ?)", (t, dim, 300))
    for i in range(40):
        sidx = (base_block + 5 * i) // config.SAMPLE_EVERY
        emb = {}
        for j, hk in enumerate(HOTKEYS):
            if i >= 4 * j:  # hotkey j appears from step 4*j on
                emb[hk] = rng.normal(size=dim).astype(np.float16)
        price = None if i == 7 else float(1000 + i)
        blob = ledger._pack_embeddings(emb)
        if t == "CADUSD" and i == 11:
            blob = blob[:-2]  # a truncated blob: must be dropped on import, price kept
        conn.execute("INSERT INTO challenge_data (ticker, sidx, price, price_data, hotkeys, embeddings) VALUES (?,?,?,?,?,?)",
                     (t, sidx, price, None, json.dumps(sorted(emb)), blob))
conn.execute("INSERT INTO raw_payloads VALUES (?, ?, ?)", (39, HOTKEYS[0], b'{"round": 1}'))
conn.execute("INSERT INTO drand_cache VALUES (?, ?)", (12345, bytes(range(48))))
conn.commit()
conn.close()

# --- 2e9bc5b: pickled DataLog ------------------------------------------------------------
for n in ("config", "ledger"):
    del sys.modules[n]
config = load("2e9bc5b", "config", "config.py")
ledger = load("2e9bc5b", "ledger", "ledger.py")
dl = ledger.DataLog()
for i in range(12):
    block = base_block + 5 * i
    dl.blocks.append(block)
    sidx = block // config.SAMPLE_EVERY
    for t, ch in dl.challenges.items():
        if i != 3:
            ch.set_price(sidx, 2000.0 + i)
        for j, hk in enumerate(HOTKEYS[:3]):
            if i >= 2 * j:
                ch.set_emb(sidx, hk, rng.normal(size=ch.dim).tolist())
    dl.raw_payloads[i] = {HOTKEYS[0]: b"{}"} if i >= 10 else {}
dl._drand_cache[777] = bytes(range(48))
ledger.save_datalog(os.path.join(out, "mantis_datalog.pkl"), dl)
ledger.save_datalog(os.path.join(out, "mantis_datalog.pkl.gz"), dl)

# expected values the Java tests check (written by this script from the same objects)
ch = dl.challenges["ETHLBFGS"]
s0 = base_block // config.SAMPLE_EVERY + 5
expect = {
    "pickle_blocks": len(dl.blocks),
    "pickle_tickers": sorted(dl.challenges),
    "pickle_ETHLBFGS_sidx": s0,
    "pickle_ETHLBFGS_price": ch.sidx[s0]["price"],
    "pickle_ETHLBFGS_hotkey": HOTKEYS[2],
    "pickle_ETHLBFGS_f16_bits": [int(x) for x in ch.sidx[s0]["emb"][HOTKEYS[2]].view(np.uint16)],
}
# the 2e9bc5b DataLog's own training data for one LBFGS challenge (get_training_data_sync)
td = dl.get_training_data_sync()["ETHLBFGS"]
X, hk2idx = td["hist"]
expect["pickle_ETHLBFGS_training_hotkeys"] = sorted(hk2idx, key=hk2idx.get)
expect["pickle_ETHLBFGS_training_X"] = [[float(v) for v in row] for row in X]
expect["pickle_ETHLBFGS_training_price"] = [float(v) for v in td["price"]]
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expect, f, indent=1)
print("ok")
