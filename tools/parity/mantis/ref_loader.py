"""Loads Barbariandev/MANTIS (a folder holding the reference files) for the parity scripts in this directory.

The scripts need only the reference's pure code (config, ledger, model, scorers); the network modules it imports
at module level (bittensor, aiohttp, timelock, requests, dotenv) are replaced by empty stand-ins, as
../../../../shared/tools/mantis-reference/run_reference_head.py does.

    from ref_loader import load_reference
    ref = load_reference(env=("REF_MANTIS_HEAD",), need="ledger.py")   # returns the folder, on sys.path
    import config, ledger                                                # the reference's own modules

`use_sklearn_17_balanced()` wraps LogisticRegression.fit so that class_weight="balanced" with sample weights uses
scikit-learn 1.7's rule (class totals from the sample weights); Debian ships 1.2, which counts raw samples.
"""
import os
import sys
import types

STUBBED = ("bittensor", "aiohttp", "timelock", "requests", "dotenv")


def load_reference(env=("REF_MANTIS_HEAD", "REF_MANTIS"), need="config.py", on_missing=None):
    """Finds the reference folder in the first set environment variable, stubs the network modules and puts the
    folder first on sys.path. Exits with a message (or calls on_missing(message)) when it is not there."""
    ref = next((os.environ[e] for e in env if os.environ.get(e)), None)
    if not ref or not os.path.exists(os.path.join(ref, need)):
        msg = "set %s to a folder holding Barbariandev/MANTIS (it must contain %s)" % (" or ".join(env), need)
        if on_missing:
            on_missing(msg)
        sys.exit(msg)
    for name in STUBBED:
        m = types.ModuleType(name)
        m.metagraph = m.Metagraph = m.Subtensor = m.Wallet = m.ClientSession = object
        m.Timelock = lambda *a, **k: None
        m.load_dotenv = lambda *a, **k: None
        sys.modules.setdefault(name, m)
    sys.path.insert(0, ref)
    os.environ.setdefault("TQDM_DISABLE", "1")
    return ref


def use_sklearn_17_balanced():
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    original = LogisticRegression.fit

    def fit_17(self, X, y, sample_weight=None):
        if self.class_weight == "balanced" and sample_weight is not None:
            y_arr = np.asarray(y)
            sw = np.asarray(sample_weight, dtype=np.float64)
            classes, y_ind = np.unique(y_arr, return_inverse=True)
            wcc = np.bincount(y_ind, weights=sw, minlength=len(classes))
            if len(classes) >= 2 and np.all(wcc > 0):
                cw = wcc.sum() / (len(classes) * wcc)
                saved = self.class_weight
                self.class_weight = None
                try:
                    return original(self, X, y, sample_weight=sw * cw[y_ind])
                finally:
                    self.class_weight = saved
        return original(self, X, y, sample_weight=sample_weight)

    LogisticRegression.fit = fit_17
