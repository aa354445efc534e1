#!/usr/bin/env python3
"""Logistic-regression vectors with scikit-learn 1.7 semantics for io.tao4j.mantis.salience.math.SklearnLogistic.

    /usr/bin/python3 tools/parity/mantis/gen_head_lr_vectors.py > mantis/src/test/resources/salience/head_lr_vectors.json

Debian bookworm ships scikit-learn 1.2.1 / scipy 1.10.1, not the pinned 1.7.2 / 1.15.3, so:
* "balanced" is applied as explicit sample weights computed with the 1.7 rule (cw_c = sum(s) / (2 * sum_{y=c} s),
  from sample-weighted counts) and class_weight=None, which is what 1.7 does internally; 1.2 would use raw counts.
* lbfgs: 1.2 minimises the unnormalised sum with scipy's default ftol/maxls. The 1.7 fit is reproduced by calling
  scipy.optimize.minimize(method="L-BFGS-B") exactly as 1.7 does: objective = 1.2's own LinearModelLoss
  (HalfBinomialLoss) with sample weights s/S and l2 strength 1/(C*S), i.e. (1/S)*sum s*logloss + |w|^2/(2CS),
  start 0, options maxiter=max_iter, maxls=50, gtol=tol, ftol=64*eps.
* liblinear and saga: sklearn 1.2's own solvers (same objectives as 1.7), at the scorers' tol and at a tight tol.
"""
import json
import sys

import numpy as np
import scipy
from scipy.optimize import minimize
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn._loss.loss import HalfBinomialLoss
from sklearn.linear_model._linear_loss import LinearModelLoss


def balanced17(y, sw):
    counts = np.bincount(y, weights=sw, minlength=2)
    cw = counts.sum() / (2 * counts)
    return sw * cw[y]


def lbfgs17(X, y, s, C, tol, max_iter):
    S = np.sum(s)
    loss = LinearModelLoss(base_loss=HalfBinomialLoss(), fit_intercept=True)
    w0 = np.zeros(X.shape[1] + 1)
    res = minimize(loss.loss_gradient, w0, method="L-BFGS-B", jac=True,
                   args=(X, y.astype(np.float64), s / S, 1.0 / (C * S), 1),
                   options={"maxiter": max_iter, "maxls": 50, "iprint": -1, "gtol": tol,
                            "ftol": 64 * np.finfo(float).eps})
    return res


def main():
    rng = np.random.default_rng(15)
    cases = []
    specs = [
        ("small", 60, 2, 1.0, 0.0, None),
        ("tw5", 400, 5, 0.5, 0.3, "time"),
        ("imbalanced", 500, 4, 0.1, 0.0, "rand"),
        ("wide", 300, 20, 1.0, 0.0, None),
        ("strongC", 200, 3, 100.0, 0.0, "rand"),
        ("collinear", 250, 6, 0.5, 0.0, None),
    ]
    for name, n, p, C, shift, wkind in specs:
        X = rng.standard_normal((n, p))
        if name == "collinear":
            X[:, 1] = X[:, 0] + 1e-3 * rng.standard_normal(n)
        beta = rng.standard_normal(p)
        z = X @ beta + shift + (0.5 * rng.standard_normal(n))
        y = (z > (1.2 if name == "imbalanced" else 0.0)).astype(np.int64)
        if wkind == "time":
            lam = np.log(2.0) / (15 * 1440)
            sw = np.exp(-lam * np.arange(n, 0, -1) * 200)
            sw /= sw.mean()
        elif wkind == "rand":
            sw = rng.random(n) + 0.1
        else:
            sw = np.ones(n)
        s = balanced17(y, sw)
        case = {"name": name, "C": C, "X": X.tolist(), "y": y.tolist(), "sw": sw.tolist(), "balanced": s.tolist()}
        out = {}
        for tol, max_iter in [(1e-4, 100), (1e-4, 500), (1e-3, 100), (1e-4, 5)]:
            r = lbfgs17(X, y, s, C, tol, max_iter)
            out["%g_%d" % (tol, max_iter)] = {"tol": tol, "max_iter": max_iter, "coef": r.x[:-1].tolist(),
                                               "intercept": float(r.x[-1]), "nit": int(r.nit), "fun": float(r.fun),
                                               "message": str(r.message)}
        case["lbfgs"] = out
        case["lbfgs_optimum"] = {k: v for k, v in zip(["coef", "intercept"], (lambda r: (r.x[:-1].tolist(), float(r.x[-1])))(
            lbfgs17(X, y, s, C, 1e-12, 10000)))}
        lib = {}
        for tol, max_iter in [(1e-3, 100), (1e-12, 100000)]:
            m = LogisticRegression(penalty="l2", C=C, solver="liblinear", tol=tol, max_iter=max_iter,
                                   class_weight=None, random_state=42).fit(X, y, sample_weight=s)
            lib["%g" % tol] = {"coef": m.coef_.ravel().tolist(), "intercept": float(m.intercept_[0]),
                               "decision": m.decision_function(X[:5]).tolist(), "n_iter": int(m.n_iter_[0])}
        for tol, max_iter in [(1e-3, 100), (1e-3, 2), (1e-2, 100)]:
            m = LogisticRegression(penalty="l2", C=C, solver="liblinear", tol=tol, max_iter=max_iter,
                                   class_weight=None, random_state=42).fit(X, y, sample_weight=s)
            lib["%g_%d" % (tol, max_iter)] = {"tol": tol, "max_iter": max_iter, "coef": m.coef_.ravel().tolist(),
                                              "intercept": float(m.intercept_[0]), "n_iter": int(m.n_iter_[0])}
        case["liblinear"] = lib
        saga = {}
        for tol, max_iter in [(1e-4, 800), (1e-10, 200000)]:
            m = LogisticRegression(penalty="elasticnet", l1_ratio=0.5, C=C, solver="saga", tol=tol, max_iter=max_iter,
                                   class_weight=None, random_state=42).fit(X, y, sample_weight=s)
            saga["%g" % tol] = {"coef": m.coef_.ravel().tolist(), "intercept": float(m.intercept_[0])}
        case["saga"] = saga
        cases.append(case)
    json.dump({"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__,
               "cases": cases}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
