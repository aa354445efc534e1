#!/usr/bin/env python3
"""Run the reference validator's price reading, validator.get_asset_prices of Barbariandev/MANTIS (HEAD bcff57b), on
fixed latest_prices.json documents and print what it returns, as JSON:
  {"protocol": "bcff57b", "env": {...}, "cases": [{"name", "body", "status", "out": {key: float}, "funding": {...}}]}
"body" is the document text served (null: the fetch raises); "status" the HTTP status. "out" holds every float key
of the returned dict; "funding" its "_funding_rates" (absent: {}).  Nothing here re-implements the rules: the
reference function runs against a session object that serves the body.  Network modules are stubbed as
run_reference_head.py does.

usage: REF_MANTIS=<folder holding the reference at HEAD> /usr/bin/python3 gen_price_vectors.py > price_vectors_bcff57b.json
"""
import asyncio, json, math, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ref_loader import load_reference  # noqa: E402



def _missing(msg):
    print(json.dumps({"error": msg}))
    sys.exit(3)


load_reference(env=("REF_MANTIS",), need="validator.py", on_missing=_missing)
import logging, tempfile  # noqa: E402
logging.disable(logging.CRITICAL)
os.chdir(tempfile.mkdtemp(prefix="mantis-ref-"))  # validator.py opens log files under ./logs when imported
import validator  # noqa: E402


class Resp:
    def __init__(self, status, body):
        self.status, self.body = status, body

    async def __aenter__(self):
        if self.body is None:
            raise OSError("connection refused")
        return self

    async def __aexit__(self, *a):
        return False

    def raise_for_status(self):
        if self.status >= 400:
            raise RuntimeError(f"HTTP {self.status}")

    async def text(self):
        return self.body


class Session:
    def __init__(self, status, body):
        self.status, self.body = status, body

    def get(self, url, **kw):
        return Resp(self.status, self.body)


HUGE = "1" + "0" * 400
breakout = ",".join(f'"{a}": {i + 1}.5' for i, a in enumerate(validator.config.BREAKOUT_ASSETS))
funding = ",".join(f'"{a}": {-i}e-5' for i, a in enumerate(validator.config.FUNDING_ASSETS))
cases = [
    ("full feed", 200, '{"prices": {"ETH": 3000.5, "CADUSD": 0.73, "NZDUSD": 0.6, "CHFUSD": 1.1, "XAGUSD": 30, '
     + breakout + '}, "funding_rates": {' + funding + '}}'),
    ("numeric strings in step 1", 200, '{"prices": {"ETH": " 3000.5 ", "CADUSD": "0_7", "BTC": "65000", "SOL": "150"}}'),
    ("bad values", 200, '{"prices": {"ETH": 0, "CADUSD": -1, "NZDUSD": NaN, "CHFUSD": Infinity, "XAGUSD": "inf", '
     '"BTC": true, "SOL": 0, "TAO": NaN, "AVAX": false, "LINK": "x", "MULTIXSEC": 5}}'),
    ("huge int in step 1", 200, '{"prices": {"ETH": ' + HUGE + ', "BTC": 2}}'),
    ("huge int in step 2", 200, '{"prices": {"ETH": 3000, "SOL": ' + HUGE + '}}'),
    ("huge negative int in step 2", 200, '{"prices": {"ETH": 3000, "SOL": -' + HUGE + '}}'),
    ("huge int in step 3", 200, '{"prices": {"ETH": 3000}, "funding_rates": {"BTC": ' + HUGE + '}}'),
    ("funding values", 200, '{"prices": {"ETH": 3000}, "funding_rates": {"BTC": -0.0001, "ETH": Infinity, "SOL": NaN, '
     '"XRP": true, "DOGE": "0.1", "XMR": 0.2, "TAO": [0.1]}}'),
    ("funding not an object", 200, '{"prices": {"ETH": 3000}, "funding_rates": [1, 2]}'),
    ("funding empty", 200, '{"prices": {"ETH": 3000}, "funding_rates": {}}'),
    ("prices null", 200, '{"prices": null, "funding_rates": {"TAO": 0.2}}'),
    ("prices empty list", 200, '{"prices": [], "funding_rates": {"TAO": 0.2}}'),
    ("prices non-empty list", 200, '{"prices": [1], "funding_rates": {"TAO": 0.2}}'),
    ("prices a string", 200, '{"prices": "ETH"}'),
    ("no prices key", 200, '{"funding_rates": {"BTC": 0.1}}'),
    ("document a list", 200, '[{"prices": {"ETH": 3000}}]'),
    ("not JSON", 200, '{"prices": '),
    ("HTTP 503", 503, '{"prices": {"ETH": 3000}}'),
    ("fetch fails", 200, None),
    ("duplicate keys", 200, '{"prices": {"ETH": 1, "ETH": 2}}'),
]


def enc(x):
    return x if math.isfinite(x) else repr(x)  # "nan", "inf", "-inf"


out = []
for name, status, body in cases:
    res = asyncio.run(validator.get_asset_prices(Session(status, body)))
    fr = res.pop("_funding_rates", {})
    out.append({"name": name, "status": status, "body": body, "out": {k: enc(v) for k, v in res.items()},
                "funding": {k: enc(v) for k, v in fr.items()}})
print(json.dumps({"protocol": "bcff57b", "env": {"python": sys.version.split()[0]}, "cases": out}, indent=1))
