#!/usr/bin/env python3
"""Reference values for the numerical building blocks of the tao4j MANTIS salience engine.

Run with Debian's /usr/bin/python3 (python3-sklearn 1.2.1, python3-torch, numpy 1.24):
  /usr/bin/python3 tools/parity/mantis/gen_math_vectors.py > mantis/src/test/resources/salience/math_vectors.json

Inputs are small integer-derived matrices written into the JSON, so the Java tests read the exact
same numbers. scikit-learn is run with a very tight tolerance so that its answer is the optimum of
the objective to ~1e-8 (the reference runs it with looser tolerances; the optimum is the same).
"""
import json
import warnings

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

warnings.filterwarnings("ignore")


def lcg(seed):
    s = seed
    while True:
        s = (s * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield (s >> 33) / float(1 << 31)


def matrix(seed, n, p):
    g = lcg(seed)
    return np.array([[round(next(g) * 4 - 2, 4) for _ in range(p)] for _ in range(n)])


out = {}

# logistic regressions
X = matrix(1, 60, 2)
g = lcg(7)
y = np.array([1 if (X[i, 0] * 1.3 - X[i, 1] * 0.4 + (next(g) - 0.5) * 2.5) > 0.3 else 0 for i in range(60)])
clf = LogisticRegression(penalty="l2", C=0.5, class_weight="balanced", solver="liblinear", tol=1e-12,
                         max_iter=100000).fit(X, y)
out["liblinear"] = {"X": X.tolist(), "y": y.tolist(), "C": 0.5, "coef": clf.coef_.ravel().tolist(),
                    "intercept": float(clf.intercept_[0]),
                    "note": "LogisticRegression(penalty='l2', C=0.5, class_weight='balanced', solver='liblinear', tol=1e-12)"}

X5 = matrix(3, 80, 5)
g = lcg(11)
y5 = np.array([1 if (X5[i] @ np.array([1.0, -0.5, 0.0, 0.25, 0.8]) + (next(g) - 0.5) * 3) > 0.5 else 0
               for i in range(80)])
clf = LogisticRegression(penalty="l2", C=1.0, class_weight="balanced", solver="lbfgs", tol=1e-12,
                         max_iter=100000).fit(X5, y5)
out["lbfgs"] = {"X": X5.tolist(), "y": y5.tolist(), "C": 1.0, "coef": clf.coef_.ravel().tolist(),
                "intercept": float(clf.intercept_[0]),
                "note": "LogisticRegression(penalty='l2', C=1.0, class_weight='balanced', solver='lbfgs', tol=1e-12)"}

clf = LogisticRegression(penalty="elasticnet", l1_ratio=0.5, C=0.05, class_weight="balanced", solver="saga",
                         tol=1e-12, max_iter=1000000).fit(X5, y5)
out["saga_en"] = {"X": X5.tolist(), "y": y5.tolist(), "C": 0.05, "l1_ratio": 0.5,
                  "coef": clf.coef_.ravel().tolist(), "intercept": float(clf.intercept_[0]),
                  "note": "LogisticRegression(penalty='elasticnet', l1_ratio=0.5, C=0.05, class_weight='balanced', solver='saga', tol=1e-12)"}

# AUC with ties
ya = [0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1]
sa = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.2, 0.9, 0.1, 0.35, 0.7, 0.05]
out["auc"] = {"y": ya, "scores": sa, "auc": float(roc_auc_score(ya, sa))}

# Adam on f(p) = sum(c * (p - t)^2)
p = torch.nn.Parameter(torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64))
opt = torch.optim.Adam([p], lr=0.05)
c = torch.tensor([1.0, 3.0, 0.5], dtype=torch.float64)
t = torch.tensor([1.0, 1.0, -1.0], dtype=torch.float64)
traj = []
for _ in range(10):
    opt.zero_grad()
    loss = (c * (p - t) ** 2).sum()
    loss.backward()
    opt.step()
    traj.append(p.detach().tolist())
out["adam"] = {"start": [0.5, -1.0, 2.0], "c": c.tolist(), "t": t.tolist(), "lr": 0.05, "trajectory": traj}

# full-batch bucket mixture (batch >= n, so mini-batch order does not matter), float64 torch
N, H = 40, 3
g = lcg(5)
P = np.array([[[next(g) + 0.01 for _ in range(5)] for _ in range(H)] for _ in range(N)])
P = P / P.sum(axis=2, keepdims=True)
yb = np.array([int(next(g) * 5) for _ in range(N)])
cw = np.array([1.2, 0.8, 0.5, 0.9, 1.5])
sw = np.array([0.5 + next(g) for _ in range(N)])
theta = torch.nn.Parameter(torch.ones(H, dtype=torch.float64) / H)
bias = torch.nn.Parameter(torch.zeros(5, dtype=torch.float64))
opt = torch.optim.Adam([theta, bias], lr=0.05)
Pt = torch.tensor(P)
for _ in range(15):
    opt.zero_grad()
    w = torch.softmax(theta, dim=0)
    logits = torch.log(torch.einsum("bmc,m->bc", Pt, w) + 1e-9) + bias
    lv = F.cross_entropy(logits, torch.tensor(yb), weight=torch.tensor(cw), reduction="none")
    ws = torch.tensor(sw)
    loss = (lv * ws).sum() / torch.clamp(ws.sum(), min=1.0)
    loss.backward()
    opt.step()
out["bucket_mixture"] = {"probs": P.tolist(), "y": yb.tolist(), "class_weights": cw.tolist(),
                         "sample_weights": sw.tolist(), "epochs": 15, "lr": 0.05,
                         "softmax_weights": torch.softmax(theta, 0).tolist(), "bias": bias.tolist()}

# full-batch logit mixture
N, H = 50, 4
Xl = np.array([[next(g) * 6 - 3 for _ in range(H)] for _ in range(N)])
yl = np.array([1.0 if Xl[i, 1] + 0.3 * Xl[i, 3] + (next(g) - 0.5) > 0 else 0.0 for i in range(N)])
wl = np.array([0.5 + next(g) for _ in range(N)])
th = torch.nn.Parameter(torch.zeros(H, dtype=torch.float64))
b = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
opt = torch.optim.Adam([th, b], lr=0.05)
Xt = torch.tensor(Xl)
for _ in range(25):
    opt.zero_grad()
    z = torch.einsum("bh,h->b", Xt, torch.softmax(th, 0)) + b[0]
    lv = F.binary_cross_entropy_with_logits(z, torch.tensor(yl), reduction="none")
    ws = torch.tensor(wl)
    loss = (lv * ws).sum() / torch.clamp(ws.sum(), min=1.0)
    loss.backward()
    opt.step()
out["logit_mixture"] = {"x": Xl.tolist(), "y": yl.tolist(), "weights": wl.tolist(), "epochs": 25, "lr": 0.05,
                        "softmax_weights": torch.softmax(th, 0).tolist(), "bias": float(b[0])}


print(json.dumps(out, indent=1))
