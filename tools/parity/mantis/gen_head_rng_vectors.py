#!/usr/bin/env python3
"""numpy default_rng / PCG64 / Generator.integers vectors for io.tao4j.mantis.salience.math.Pcg64.

Writes mantis/src/test/resources/salience/head_rng_vectors.json. Run with Debian's python3-numpy:
    /usr/bin/python3 tools/parity/mantis/gen_head_rng_vectors.py > mantis/src/test/resources/salience/head_rng_vectors.json
Only numpy is used (no reference code).
"""
import json
import sys

import numpy as np


def hex128(v):
    return "0x%032x" % int(v)


def main():
    cases = []
    seeds = [0, 1, 2, 7, 42, 43, 1042, 4294967295, 4294967296, 2**40 + 12345, 2**63 - 1]
    for s in seeds:
        g = np.random.default_rng(s)
        st = g.bit_generator.state
        g2 = np.random.default_rng(s)
        raw = [int(x) for x in g2.bit_generator.random_raw(4)]
        cases.append({
            "seed": s,
            "state": hex128(st["state"]["state"]),
            "inc": hex128(st["state"]["inc"]),
            "raw": ["0x%016x" % r for r in raw],
        })
    draws = []
    ranges = [(0, 1), (0, 2), (0, 7), (0, 121), (0, 33881), (5, 1000), (-50, 50),
              (0, 2**31 + 1), (0, 2**32 - 1), (0, 2**32), (0, 2**32 + 1),
              (0, 3 * 2**40 + 17), (0, 2**62 + 3), (-(2**62), 2**62)]
    for seed in [1, 42, 43, 62, 1042, 2022, 99991]:
        for lo, hi in ranges:
            for size in [1, 4, 17]:
                g = np.random.default_rng(seed)
                v = g.integers(lo, hi, size=size)
                # a second call on the same generator: the 32-bit half-word buffer carries over
                w = g.integers(lo, hi, size=3)
                draws.append({"seed": seed, "low": lo, "high": hi, "size": size,
                              "values": [str(int(x)) for x in v],
                              "next": [str(int(x)) for x in w]})
    json.dump({"numpy": np.__version__, "seeds": cases, "integers": draws}, sys.stdout, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
