#!/usr/bin/env python3
"""Pickled DataLog fixtures for the streaming pickle reader, made with MANTIS's own classes.

Usage: gen_pickle_protocols.py <MANTIS git dir> <mantis/src/test/resources/ledger>

Loads commit 2e9bc5b's ledger.py / config.py exactly as tools/parity/mantis/gen_ledger_archives.py does (it is
executed into a scratch dir, its stubs stand in for bittensor, aiohttp, requests, timelock, range_breakout), then:
- mantis_datalog_p2.pkl, mantis_datalog_p3.pkl.gz, mantis_datalog_p4.pkl: a small DataLog (6 steps, 3 hotkeys, a
  step without price, a hotkey with a single-entry emb dict, raw payloads, a drand round) written with
  pickle.dump(dl, f, protocol) for protocols 2, 3 and 4, i.e. numpy's _reconstruct + __setstate__ form, BINPUT /
  LONG_BINPUT memo opcodes and (protocol 2) bytes as _codecs.encode(str, 'latin1');
- pickle_contents.json: everything in those DataLogs and in the committed mantis_datalog.pkl (loaded back with
  pickle.load), in insertion order: blocks; challenges as [ticker, dim, blocks_ahead, rows], a row being
  [sidx, price, hotkeys, [[hotkey, float16 bits], ...]]; raw payloads [[ts, [[hotkey, hex], ...]], ...]; drand
  [[round, hex], ...]; the timelock public key.
"""
import gzip, importlib.util, json, os, pickle, sys, tempfile

git_dir, out = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
gen_path = os.path.join(here, "..", "..", "parity", "mantis", "gen_ledger_archives.py")
scratch = tempfile.mkdtemp()
sys.argv = [sys.argv[0], git_dir, scratch]
spec = importlib.util.spec_from_file_location("gen", gen_path)
gen = importlib.util.module_from_spec(spec)
sys.modules["gen"] = gen
spec.loader.exec_module(gen)
import numpy as np

ledger, config = gen.ledger, gen.config
rng = np.random.default_rng(11)
HK = [f"5Pr{i:02d}" + "y" * 43 for i in range(3)]


def build():
    dl = ledger.DataLog()
    base = 7_000_000
    for i in range(6):
        block = base + 5 * i
        dl.blocks.append(block)
        sidx = block // config.SAMPLE_EVERY
        for t, ch in dl.challenges.items():
            if i != 2:
                ch.set_price(sidx, 3000.0 + i + 0.25)
            for j, hk in enumerate(HK):
                if i >= 2 * j:
                    ch.set_emb(sidx, hk, rng.normal(size=ch.dim).tolist())
        dl.raw_payloads[i] = {HK[0]: b"{}", HK[1]: b'{"v": 2, "round": %d}' % i} if i >= 4 else {}
    dl._drand_cache[4242] = bytes(range(96))
    return dl


def contents(dl):
    """Everything the import keeps, in the DataLog's own (insertion) order."""
    chs = []
    for t, ch in dl.challenges.items():
        rows = [[s, d["price"], list(d["hotkeys"]),
                 [[hk, [int(x) for x in np.asarray(v, dtype=np.float16).view(np.uint16)]] for hk, v in d["emb"].items()]]
                for s, d in ch.sidx.items()]
        chs.append([t, ch.dim, ch.blocks_ahead, rows])
    return {"blocks": list(dl.blocks), "challenges": chs,
            "raw": [[ts, [[hk, p.hex()] for hk, p in by.items()]] for ts, by in dl.raw_payloads.items()],
            "drand": [[r, s.hex()] for r, s in dl._drand_cache.items()],
            "tlock_pk": dl.tlock.pk}


dl = build()
result = {}
for proto, name in ((2, "mantis_datalog_p2.pkl"), (3, "mantis_datalog_p3.pkl.gz"), (4, "mantis_datalog_p4.pkl")):
    path = os.path.join(out, name)
    with (gzip.GzipFile(path, "wb", mtime=0) if name.endswith(".gz") else open(path, "wb")) as f:
        pickle.dump(dl, f, proto)
    with (gzip.open if name.endswith(".gz") else open)(path, "rb") as f:
        result[name] = contents(pickle.load(f))
sys.modules["__main__"].Timelock = gen.Timelock  # the committed archive was written with the stub in __main__
with open(os.path.join(out, "mantis_datalog.pkl"), "rb") as f:
    result["mantis_datalog.pkl"] = contents(pickle.load(f))
with open(os.path.join(out, "pickle_contents.json"), "w") as f:
    json.dump(result, f, separators=(",", ":"))
print("ok")
