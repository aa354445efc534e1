#!/usr/bin/env python3
"""Random TRADE-MIX panels scored by the reference's own `trade_mix.compute_trade_mix_salience`
(Barbariandev/MANTIS @bcff57b, from $REF_MANTIS_HEAD), for io.tao4j.mantis.salience.head.TradeMixParityTest
(opt-in: -Dtao4j.paritydata=OUT_ROOT).

The ledger rows are synthetic (this script's own generator, nothing of the reference but the scorer it calls):
one row per sample with 5 % of rows and a few outages removed (sidx gaps), four prices on a market factor plus
noise with a few zero prices, and per hotkey (kind = index mod 10) an hourly position stored as float16:
0 informed on the next day's idiosyncratic returns, 1 exact copy of the previous hotkey (every 20th one scaled by
0.5), 2 market timer, 3 noise, 4 absent, 5 late starter, 6 informed with alternating sign, 7 noise with 30 %
gaps, 8 informed at 3x scale (beyond [-1, 1], clipped by the scorer), 9 soft copy (0.5x + noise); a few NaN
positions in hotkey 3. Writes OUT_ROOT/NAME/{multi.bin.gz (the MTSM1 layout of gen_head_multi_parity.py),
expected.json ({"raw": {"TRADEMIX": output}, "diag": diagnostics}), READY}.

usage: REF_MANTIS_HEAD=<dir> python3 gen_trademix_panels.py OUT_ROOT NAME HOTKEYS DAYS SEED
"""
import os
import sys, json, gzip, struct, numpy as np
sys.path.insert(0, os.environ.get('REF_MANTIS_HEAD', '/tmp/mantis-head'))
import trade_mix, config
root, name, H, days, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rng = np.random.default_rng(seed)
A = 4; N = days * 1440
# sidx with gaps: drop random rows and a few long outages
keep = rng.random(N) > 0.05
for _ in range(5):
    s = rng.integers(0, N - 300); keep[s:s + rng.integers(10, 300)] = False
sidx_full = np.arange(N) + 777
mk = rng.normal(0, 6e-4, N); beta = np.array([1.0, 1.2, 1.5, 1.3])
e = rng.normal(0, 5e-4, (N, A))
lp = np.log([60000, 3000, 400, 150]) + np.cumsum(mk[:, None] * beta + e, axis=0)
prices = np.exp(lp)
# some zero prices
z = rng.integers(0, N, 40); prices[z, rng.integers(0, A, 40)] = 0.0
hours = N // 60 + 1
hi = np.zeros((hours + 30, A)); hm = np.zeros(hours + 30)
np.add.at(hi, np.arange(N) // 60, e); np.add.at(hm, np.arange(N) // 60, mk)
X = np.zeros((N, H, A), dtype=np.float32)
for i in range(H):
    kind = i % 10
    noise = np.zeros(A); skill = 0.5 + rng.random()
    start = 0 if kind != 5 else int(hours * rng.random())
    for hr in range(hours):
        noise = 0.97 * noise + 0.25 * rng.normal(size=A)
        if kind == 4 or hr < start: continue
        if kind == 7 and rng.random() < 0.3: continue
        fwd = hi[hr:hr + 24].sum(0); fm = hm[hr:hr + 24].sum()
        if kind in (0, 5): x = skill * fwd / 0.02 + noise
        elif kind == 6: x = (1 if hr % 48 < 24 else -1) * fwd / 0.02 + noise
        elif kind == 2: x = np.full(A, skill * fm / 0.02) + 0.3 * noise
        elif kind == 8: x = 3 * (skill * fwd / 0.02 + noise)   # often beyond [-1, 1]
        else: x = noise
        v = np.float16(0.5 * x).astype(np.float32) if kind != 8 else np.float16(x).astype(np.float32)
        X[hr * 60:hr * 60 + 60, i, :] = v
    if kind == 1 and i > 0: X[:, i, :] = X[:, i - 1, :] * (0.5 if i % 20 == 11 else 1.0)
    if kind == 9 and i > 1: X[:, i, :] = np.float16(0.5 * X[:, i - 2, :] + 0.05 * rng.normal(size=(N, A))).astype(np.float32) * (np.abs(X[:, i - 2, :]) > 0)
if H > 3: X[rng.integers(0, N, 20), 3, 1] = np.nan
X = X[keep]; prices = prices[keep]; sidx = sidx_full[keep]
hks = sorted('5Gen%03d%s' % (i, 'x' * (i % 3)) for i in range(H))
hk2idx = {h: i for i, h in enumerate(hks)}
Xf = X.reshape(len(X), H * A)
spec = config.CHALLENGE_MAP['TRADEMIX']
out, diag = trade_mix.compute_trade_mix_salience((Xf, hk2idx), prices, blocks_ahead=300, sample_every=5, sidx_arr=sidx, spec=spec, return_diagnostics=True)
d = os.path.join(root, name); os.makedirs(d, exist_ok=True)
def st(s): b = s.encode(); return struct.pack('<i', len(b)) + b
with gzip.open(d + '/multi.bin.gz', 'wb') as f:
    f.write(b'MTSM1' + struct.pack('<i', 1) + st('TRADEMIX') + st('trade_mix') + struct.pack('<i', H))
    for h in hks: f.write(st(h))
    f.write(struct.pack('<ii', A, len(X)))
    f.write(X.astype(np.float16).tobytes()); f.write(prices.astype('<f8').tobytes()); f.write(sidx.astype('<i8').tobytes())
json.dump({'raw': {'TRADEMIX': out}, 'diag': {k: v for k, v in diag.items()}}, open(d + '/expected.json', 'w'))
open(d + '/READY', 'w').close()
print(name, 'T', diag.get('hourly_rows'), 'gated', diag.get('n_gate_rv'), diag.get('n_gate_beta'), 'burn', out.get('__burn__'), 'paid', len(out) - 1)
