#!/usr/bin/env python3
"""Run the reference validator's payload check, DataLog._validate_submission of Barbariandev/MANTIS (HEAD bcff57b or
2e9bc5b), on a fixed set of plaintext objects and print what it stores, as JSON:
  {"protocol": "bcff57b", "env": {...}, "cases": [{"name", "json", "outcome", "stored": {ticker: [floats]}}]}
"json" is the plaintext exactly as the Java test parses it; "outcome" is "void" when _validate_submission raises
(process_pending_payloads then keeps the zero vectors) and otherwise "stored" or "empty"; "stored" holds the
vectors with a non-zero element (NaN counts), which are what the ledger writes.  Cases: one per rule of spec
mantis-head.md section 2.2, then --random seeded mutations.

Nothing here re-implements the rules: it calls the reference's own method on a DataLog built without __init__.
Network modules (bittensor, aiohttp, timelock, requests, dotenv) are stubbed, as run_reference_head.py does.

usage: REF_MANTIS=<folder holding the reference at that commit> /usr/bin/python3 gen_submission_vectors.py
          [--random N] [--seed S] > submission_vectors_<commit>.json
"""
import argparse, json, math, os, random, sys

ap = argparse.ArgumentParser()
ap.add_argument("--random", type=int, default=400)
ap.add_argument("--seed", type=int, default=20261204)
args = ap.parse_args()

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ref_loader import load_reference  # noqa: E402



def _missing(msg):
    print(json.dumps({"error": msg}))
    sys.exit(3)


load_reference(env=("REF_MANTIS",), need="ledger.py", on_missing=_missing)

import config  # noqa: E402
import numpy as np  # noqa: E402
import ledger  # noqa: E402

head = hasattr(config, "BREAKOUT_ASSETS")
dl = ledger.DataLog.__new__(ledger.DataLog)
if not hasattr(dl, "_zero_vecs"):
    # 2e9bc5b: DataLog is a dataclass; _zero_vecs reads only config
    pass

tickers = [c["ticker"] for c in config.CHALLENGES]
names = {c["ticker"]: c["name"] for c in config.CHALLENGES}
dims = {}
for c in config.CHALLENGES:
    dims[c["ticker"]] = c["dim"] * len(c["assets"]) if c.get("assets") else c["dim"]


def run(text):
    obj = json.loads(text)
    try:
        vecs = dl._validate_submission(obj)
    except Exception as e:  # process_pending_payloads: the zero vectors stay
        return "void", {}, type(e).__name__
    stored = {t: [float(x) for x in v] for t, v in vecs.items() if any(x != 0.0 for x in v)}
    return ("stored" if stored else "empty"), stored, None


cases = []


def case(name, obj_or_text):
    text = obj_or_text if isinstance(obj_or_text, str) else json.dumps(obj_or_text)
    cases.append((name, text))


ok17 = [0.1, 0.2, 0.3, 0.2, 0.2] + [0.5] * 12
case("binary ok", {"ETH": [0.5, -0.25], "hotkey": "hk"})
case("binary by name", {"ETH-1H-BINARY": [1, -1]})
case("binary bools", {"CADUSD": [True, False]})
case("binary out of range", {"ETH": [1.5, 0]})
case("binary wrong length", {"ETH": [0.5]})
case("binary string element", {"ETH": ["0.5", 0.1]})
case("binary NaN", '{"ETH": [NaN, 0.1]}')
case("binary Infinity", '{"ETH": [Infinity, 0.1]}')
case("binary huge int", '{"ETH": [100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000, 0]}')
case("binary all zero", {"ETH": [0, 0]})
case("binary not a list", {"ETH": {"a": 1}})
case("hitfirst ok", {"ETHHITFIRST": [0.2, 0.3, 0.5]})
case("hitfirst by name", {"ETH-HITFIRST-100M": [0.2, 0.3, -0.5]})
case("hitfirst dim 2", {"ETHHITFIRST": [0.2, 0.3]})
case("lbfgs ok", {"ETHLBFGS": ok17})
case("lbfgs all zero", {"BTCLBFGS": [0] * 17})
case("lbfgs clamp and renormalise", {"ETHLBFGS": [2, -1, 0, 0.5, 0.5] + [2, -3] + [0.5] * 10})
case("lbfgs p all clipped low", {"ETHLBFGS": [-1] * 5 + [0.5] * 12})
case("lbfgs strings", {"ETHLBFGS": ["0.1", " 0.2 ", "1_0", "0.2", "0.2"] + ["0.5"] * 12})
case("lbfgs bad string voids", {"ETH": [0.5, 0.5], "ETHLBFGS": [0.1, "x"] + [0.5] * 15})
case("lbfgs null first voids", {"ETH": [0.5, 0.5], "ETHLBFGS": [None] + [0.5] * 16})
case("lbfgs null after nonzero is NaN", {"ETHLBFGS": [0.5, None] + [0.5] * 15})
case("lbfgs NaN", '{"ETHLBFGS": [NaN, 0.2, 0.2, 0.2, 0.2, 0.5, NaN, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]}')
case("lbfgs Infinity clips", '{"ETHLBFGS": [Infinity, -Infinity, 0.2, 0.2, 0.2, Infinity, -Infinity, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]}')
case("lbfgs nested list voids", {"ETH": [0.5, 0.5], "ETHLBFGS": [0.5, [1]] + [0.5] * 15})
case("lbfgs dict element voids", {"ETHLBFGS": [0.5, {}] + [0.5] * 15})
case("lbfgs zero then bad voids", {"ETHLBFGS": [0, "nope"] + [0.5] * 15})
case("lbfgs wrong length", {"ETHLBFGS": [0.5] * 16})
case("lbfgs inf string", {"ETHLBFGS": ["inf", "-Infinity", "nan", 0.2, 0.2] + [0.5] * 12})
case("unknown keys ignored", {"DOGE": [0.5, 0.5], "eth": [0.5, 0.5], "ETH": [0.1, 0.1]})
case("name after valid ticker, invalid", {"ETH": [0.5, 0.5], "ETH-1H-BINARY": [5, 5]})
case("name after valid ticker, valid", {"ETH": [0.5, 0.5], "ETH-1H-BINARY": [0.25, 0.25]})
case("duplicate key last wins", '{"ETH": [0.5, 0.5], "ETH": [0.25, 0.75]}')
case("empty object", {})
case("hotkey only", {"hotkey": "5abc"})
case("hotkey as a challenge-shaped value", {"hotkey": [0.5, 0.5]})
if head:
    ba, fa, ta = config.BREAKOUT_ASSETS, config.FUNDING_ASSETS, config.TRADE_MIX_ASSETS
    case("breakout object", {"MULTIBREAKOUT": {"BTC": [0.7, 0.3], "ETH": [1, 0], "SKY": [0.5, 0.5]}})
    case("breakout by name", {"MULTI-BREAKOUT": {"BTC": [0.7, 0.3]}})
    case("breakout negative is [0,0]", {"MULTIBREAKOUT": {"BTC": [-0.1, 0.3], "ETH": [0.2, 0.3]}})
    case("breakout above 1", {"MULTIBREAKOUT": {"BTC": [1.1, 0.3]}})
    case("breakout wrong length", {"MULTIBREAKOUT": {"BTC": [0.1, 0.3, 0.5], "ETH": [0.1]}})
    case("breakout NaN", '{"MULTIBREAKOUT": {"BTC": [NaN, 0.3], "ETH": [0.5, 0.5]}}')
    case("breakout bools", {"MULTIBREAKOUT": {"BTC": [True, False]}})
    case("breakout strings", {"MULTIBREAKOUT": {"BTC": ["0.5", 0.5]}})
    case("breakout unknown asset", {"MULTIBREAKOUT": {"FOO": [0.5, 0.5]}})
    case("breakout flat list", {"MULTIBREAKOUT": [0.5] * 66})
    case("breakout flat list negative allowed", {"MULTIBREAKOUT": [-0.5] * 66})
    case("breakout flat list out of range", {"MULTIBREAKOUT": [1.5] + [0.5] * 65})
    case("breakout flat list wrong length", {"MULTIBREAKOUT": [0.5] * 33})
    case("breakout empty object", {"MULTIBREAKOUT": {}})
    case("xsec object", {"MULTIXSEC": {"BTC": 0.5, "ETH": -1, "SKY": 1}})
    case("xsec by name", {"XSEC-RANK": {"BTC": 0.5}})
    case("xsec out of range", {"MULTIXSEC": {"BTC": 1.5, "ETH": 0.5}})
    case("xsec one-element list clipped", {"MULTIXSEC": {"BTC": [1.5], "ETH": [-7], "XRP": [0.25]}})
    case("xsec one-element list NaN", '{"MULTIXSEC": {"BTC": [NaN], "ETH": 0.5}}')
    case("xsec NaN scalar", '{"MULTIXSEC": {"BTC": NaN, "ETH": 0.5}}')
    case("xsec one-element Infinity", '{"MULTIXSEC": {"BTC": [Infinity], "ETH": [-Infinity]}}')
    case("xsec one-element huge int", '{"MULTIXSEC": {"BTC": [1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000]}}')
    case("xsec two-element list", {"MULTIXSEC": {"BTC": [0.5, 0.5]}})
    case("xsec string", {"MULTIXSEC": {"BTC": "0.5", "ETH": ["0.5"]}})
    case("xsec bool", {"MULTIXSEC": {"BTC": True, "ETH": [False]}})
    case("xsec flat list", {"MULTIXSEC": [0.1] * 33})
    case("xsec flat list out of range", {"MULTIXSEC": [0.1] * 32 + [2]})
    case("funding object", {"FUNDINGXSEC": {a: 0.05 * (i % 5) for i, a in enumerate(fa)}})
    case("funding by name", {"FUNDING-XSEC": {"BTC": [0.5], "XMR": 0.5}})
    case("funding flat list", {"FUNDINGXSEC": [0.1] * 20})
    case("trademix object", {"TRADEMIX": {"BTC": 0.5, "ETH": -0.5, "TAO": [2], "SOL": 1}})
    case("trademix by name", {"TRADE-MIX": {"BTC": 1}})
    case("trademix flat list", {"TRADEMIX": [0.5, -0.5, 0, 1]})
    case("trademix flat list wrong length", {"TRADEMIX": [0.5, -0.5, 0]})
    case("everything", {"ETH": [0.5, 0.5], "ETHHITFIRST": [0.3, 0.3, 0.4], "ETHLBFGS": ok17, "BTCLBFGS": ok17,
                        "CADUSD": [0.1, 0.1], "NZDUSD": [0.1, 0.1], "CHFUSD": [0.1, 0.1], "XAGUSD": [0.1, 0.1],
                        "MULTIBREAKOUT": {a: [0.5, 0.5] for a in ba}, "MULTIXSEC": {a: 0.1 for a in ba},
                        "FUNDINGXSEC": {a: 0.1 for a in fa}, "TRADEMIX": {a: 0.1 for a in ta}, "hotkey": "hk"})
    case("multi-asset object for a single-asset ticker", {"ETH": {"BTC": 0.5}})

# seeded random mutations of valid payloads
rnd = random.Random(args.seed)
specials = ["NaN", "Infinity", "-Infinity", "null", "true", "false", '"0.5"', '" 1_0 "', '"x"', "[]", "{}", "[0.5]",
            "[NaN]", "1e400", "-0.0", "0", "1", "-1", "2", "0.999999", "1e-7", "123456789012345678901234567890",
            '"inf"', '"nan"', "[1, 2]"]


def num():
    r = rnd.random()
    if r < 0.75:
        return repr(round(rnd.uniform(-1.2, 1.2), rnd.choice([1, 3, 6, 17])))
    return rnd.choice(specials)


def vec(n):
    return "[" + ", ".join(num() for _ in range(n)) + "]"


def value_for(t):
    d = dims[t]
    r = rnd.random()
    if head and t in ("MULTIBREAKOUT", "MULTIXSEC", "FUNDINGXSEC", "TRADEMIX") and r < 0.6:
        assets = {"MULTIBREAKOUT": config.BREAKOUT_ASSETS, "MULTIXSEC": config.BREAKOUT_ASSETS,
                  "FUNDINGXSEC": config.FUNDING_ASSETS, "TRADEMIX": config.TRADE_MIX_ASSETS}[t]
        parts = []
        for a in rnd.sample(list(assets) + ["FOO"], rnd.randint(0, min(6, len(assets)))):
            if t == "MULTIBREAKOUT":
                parts.append(f'"{a}": ' + (vec(2) if rnd.random() < 0.8 else num()))
            else:
                parts.append(f'"{a}": ' + (num() if rnd.random() < 0.6 else vec(rnd.choice([1, 1, 2]))))
        return "{" + ", ".join(parts) + "}"
    if r < 0.85:
        n = d if rnd.random() < 0.85 else d + rnd.choice([-1, 1])
        return vec(max(0, n))
    return num()


for i in range(args.random):
    keys = rnd.sample(tickers, rnd.randint(1, len(tickers)))
    parts = []
    for t in keys:
        k = t if rnd.random() < 0.8 else names[t]
        parts.append(json.dumps(k) + ": " + value_for(t))
    if rnd.random() < 0.5:
        parts.append('"hotkey": "hk"')
    case(f"random {i}", "{" + ", ".join(parts) + "}")

out = []
for name, text in cases:
    outcome, stored, err = run(text)
    row = {"name": name, "json": text, "outcome": outcome, "stored": stored}
    if err:
        row["error"] = err
    out.append(row)
print(json.dumps({"protocol": "bcff57b" if head else "2e9bc5b",
                  "env": {"python": sys.version.split()[0], "numpy": np.__version__, "random": args.random,
                          "seed": args.seed},
                  "cases": out}, indent=None, separators=(",", ":")))
