"""numpy's EASE fit, timed step by step, as ../shared/peers/ease_msr.py fits it: the Gram matrix of
the binary user-item matrix, λ on its diagonal, np.linalg.inv, B = -P / diag(P) with a zero diagonal.
Every rating of u.data counts (the bench gives our side the same matrix). numpy's BLAS uses every
core. Prints one JSON object: the matrix's shape and ones, then per run the seconds of each step.

    python3 bench/peers/ease_fit.py DATA_DIR LAMBDA RUNS
"""
import json
import sys
import time

import numpy as np

data_dir, lam, runs = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
r = np.loadtxt(f"{data_dir}/u.data", dtype=np.int64, usecols=(0, 1))
users, u = np.unique(r[:, 0], return_inverse=True)
items, i = np.unique(r[:, 1], return_inverse=True)
X = np.zeros((len(users), len(items)), dtype=np.float64)
X[u, i] = 1
out = {"users": len(users), "items": len(items), "ones": int(X.sum()), "numpy": np.__version__, "runs": []}
for _ in range(runs):
    t0 = time.perf_counter()
    G = X.T @ X
    G[np.diag_indices(len(items))] += lam
    t1 = time.perf_counter()
    P = np.linalg.inv(G)
    t2 = time.perf_counter()
    B = -P / np.diag(P)
    B[np.diag_indices(len(items))] = 0
    t3 = time.perf_counter()
    out["runs"].append({"gram": t1 - t0, "inverse": t2 - t1, "weights": t3 - t2, "fit": t3 - t0, "b00": float(B[0, 1])})
print(json.dumps(out))
