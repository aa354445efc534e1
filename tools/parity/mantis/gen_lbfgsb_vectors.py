#!/usr/bin/env python3
"""Vectors for tao4j's L-BFGS-B and Moré-Thuente line search from scipy itself (Debian python3-scipy 1.10.1, the
Fortran lbfgsb.f v3.0 and MINPACK-2 dcsrch the MANTIS reference runs on here).

usage: /usr/bin/python3 tools/parity/mantis/gen_lbfgsb_vectors.py > mantis/src/test/resources/salience/lbfgsb-vectors.json

* "dcsrch": scipy.optimize.minpack2.dcsrch driven on closed-form 1-D functions phi(a) (ftol 1e-3, gtol 0.9,
  xtol 0.1, stpmin 0, stpmax 1e10, as lbfgsb.f's lnsrlb calls it): every trial step and the final task.
  The functions make dcstep extrapolate (its steps are capped at the stage's stmax = stp + 4(stp - stx)),
  bracket, and interpolate.
* "lbfgsb": scipy.optimize.minimize(method="L-BFGS-B", jac=True) with maxcor 10, maxls 20 on closed-form problems:
  every f evaluated (in order), nit, nfev, the message and the final x.
"""
import json
import numpy as np
import scipy
from scipy.optimize import minimize
import warnings
warnings.simplefilter("ignore", DeprecationWarning)
from scipy.optimize import minpack2

PHI = {
    # name: (phi, dphi, stp0)
    "far_quadratic": (lambda a: (a - 20.0) ** 2 / 40.0, lambda a: (a - 20.0) / 20.0, 1.0),
    "overshoot_quadratic": (lambda a: (a - 0.3) ** 2, lambda a: 2.0 * (a - 0.3), 1.0),
    "quartic": (lambda a: -a + a ** 4 / 4000.0, lambda a: -1.0 + a ** 3 / 1000.0, 0.5),
    "exp_valley": (lambda a: np.exp(a - 8.0) - a, lambda a: np.exp(a - 8.0) - 1.0, 1.0),
}


def run_dcsrch(phi, dphi, stp0):
    isave = np.zeros(2, np.intc)
    dsave = np.zeros(13, float)
    task = b"START"
    stp = stp0
    f, g = phi(0.0), dphi(0.0)
    steps = []
    for _ in range(60):
        stp, f, g, task = minpack2.dcsrch(stp, f, g, 1e-3, 0.9, 0.1, task, 0.0, 1e10, isave, dsave)
        if task[:2] != b"FG":
            break
        steps.append(float(stp))
        f, g = float(phi(stp)), float(dphi(stp))
    return {"steps": steps, "final_stp": float(stp), "task": task.decode().strip()}


def rosen(x):
    f = float(np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2))
    g = np.zeros_like(x)
    g[:-1] += -400.0 * x[:-1] * (x[1:] - x[:-1] ** 2) - 2.0 * (1.0 - x[:-1])
    g[1:] += 200.0 * (x[1:] - x[:-1] ** 2)
    return f, g


def far_quadratic(x):
    i = np.arange(1, x.size + 1, dtype=float)
    d = x - 10.0 * i
    return float(np.sum(i * d * d) / 2.0), i * d


def ill_logistic(x):
    # sum_k log(1 + exp(t_k . x)) + 0.5 * 1e-3 |x|^2 over fixed directions t_k: two equal columns and a tiny one
    t = np.array([[1.0, 1.0, 1e-3, -0.5], [-1.0, -1.0, 2e-3, 0.25], [0.5, 0.5, -1e-3, 1.0],
                  [2.0, 2.0, 0.0, -1.0], [-0.5, -0.5, 1e-3, -2.0], [1.5, 1.5, -2e-3, 0.5]])
    z = t @ x
    f = float(np.sum(np.logaddexp(0.0, z)) + 0.5e-3 * float(x @ x))
    s = 1.0 / (1.0 + np.exp(-z))
    return f, t.T @ s + 1e-3 * x


def quartic1(x):
    d = x[0] - 3.0
    return float(d ** 4), np.array([4.0 * d ** 3])


def flat2(x):
    # a valley that is flat to 1e-10 along x0 = x1: near-singular curvature pairs
    a = x[0] + x[1] - 1.0
    b = x[0] - x[1]
    return float(a * a + 1e-10 * b * b), np.array([2.0 * a + 2e-10 * b, 2.0 * a - 2e-10 * b])


PROBLEMS = {
    "rosenbrock6": (rosen, [-1.2, 1.0, -1.2, 1.0, -1.2, 1.0], 1e-5),
    "far_quadratic5": (far_quadratic, [0.0] * 5, 1e-5),
    "ill_logistic4": (ill_logistic, [0.3, -0.2, 5.0, 0.1], 1e-8),
    "quartic1": (quartic1, [0.0], 1e-10),
    "flat2": (flat2, [5.0, -3.0], 1e-12),
}


def run_lbfgsb(fun, x0, gtol):
    evals = []

    def wrapped(x):
        f, g = fun(np.asarray(x, float))
        evals.append(f)
        return f, g

    r = minimize(wrapped, np.asarray(x0, float), method="L-BFGS-B", jac=True,
                 options={"maxcor": 10, "gtol": gtol, "maxls": 20, "maxiter": 500})
    return {"x0": x0, "gtol": gtol, "ftol": 2.220446049250313e-09, "evals": evals, "nit": int(r.nit),
            "nfev": int(r.nfev), "message": str(r.message), "x": [float(v) for v in r.x]}


print(json.dumps({
    "made_by": "tools/parity/mantis/gen_lbfgsb_vectors.py with scipy " + scipy.__version__ + ", numpy " + np.__version__,
    "dcsrch": {k: run_dcsrch(*v) for k, v in PHI.items()},
    "lbfgsb": {k: run_lbfgsb(*v) for k, v in PROBLEMS.items()},
}, indent=1))
