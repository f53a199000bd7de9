"""Explicit-feedback ALS as Spark MLlib trains it (ALS-WR: each solve regularised by regParam times the
row's rating count), in numpy, for machines without a Spark cluster. It reads what `movielab data export
--format parquet` wrote, holds out one fold, trains on the rest, prints the held-out RMSE as JSON, and
saves the factors in Spark's exact ALSModel layout (spark_als_layout.py) for `movielab train import-als`.

    python3 bench/peers/als_numpy.py EXPORT_DIR MODEL_DIR [--rank 10] [--reg 0.1] [--iters 10]
                                     [--test-fold 1] [--seed 42]

The PySpark equivalent (docs/scale.md):
    ALS(rank=10, regParam=0.1, maxIter=10, userCol="userId", itemCol="movieId", ratingCol="rating",
        coldStartStrategy="drop", seed=42).fit(train).save(MODEL_DIR)"""
import argparse
import json
import os
import sys
import time

import numpy as np
import pyarrow.parquet as pq

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spark_als_layout import write_model  # noqa: E402


def solve_side(indptr, cols, vals, other, reg):
    """One half-step: for every row, (Y^T Y + reg * n I) x = Y^T r over the row's ratings."""
    n, rank = len(indptr) - 1, other.shape[1]
    out = np.zeros((n, rank), dtype=np.float64)
    eye = np.eye(rank)
    for i in range(n):
        a, b = indptr[i], indptr[i + 1]
        if a == b:
            continue
        y = other[cols[a:b]]
        out[i] = np.linalg.solve(y.T @ y + reg * (b - a) * eye, y.T @ vals[a:b])
    return out


def csr(rows, cols, vals, n):
    order = np.argsort(rows, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(indptr, rows + 1, 1)
    return np.cumsum(indptr), cols[order], vals[order]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("export_dir")
    ap.add_argument("model_dir")
    ap.add_argument("--rank", type=int, default=10)
    ap.add_argument("--reg", type=float, default=0.1)
    ap.add_argument("--iters", type=int, default=10)
    ap.add_argument("--test-fold", type=int, default=1)
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    t = pq.read_table(os.path.join(a.export_dir, "ratings.parquet"), columns=["userId", "movieId", "rating", "fold"])
    user, movie = t["userId"].to_numpy(), t["movieId"].to_numpy()
    rating, fold = t["rating"].to_numpy().astype(np.float64), t["fold"].to_numpy()
    train, test = fold != a.test_fold, fold == a.test_fold
    uids, u = np.unique(user[train], return_inverse=True)
    mids, m = np.unique(movie[train], return_inverse=True)
    r = rating[train]
    rng = np.random.default_rng(a.seed)
    # Spark starts from random unit-norm rows.
    P = rng.normal(size=(len(uids), a.rank))
    Q = rng.normal(size=(len(mids), a.rank))
    P /= np.linalg.norm(P, axis=1, keepdims=True)
    Q /= np.linalg.norm(Q, axis=1, keepdims=True)
    by_user = csr(u, m, r, len(uids))
    by_movie = csr(m, u, r, len(mids))
    t0 = time.time()
    for _ in range(a.iters):
        P = solve_side(*by_user, Q, a.reg)
        Q = solve_side(*by_movie, P, a.reg)
    seconds = time.time() - t0
    # coldStartStrategy="drop": held-out pairs whose user or movie has no factors are not scored.
    ui = {x: i for i, x in enumerate(uids)}
    mi = {x: i for i, x in enumerate(mids)}
    pairs = [(ui.get(x), mi.get(y), z) for x, y, z in zip(user[test], movie[test], rating[test])]
    known = [(x, y, z) for x, y, z in pairs if x is not None and y is not None]
    err = [float(P[x] @ Q[y]) - z for x, y, z in known]
    rmse = float(np.sqrt(np.mean(np.square(err)))) if err else None
    write_model(a.model_dir, uids, P.astype(np.float32), mids, Q.astype(np.float32), a.rank, parts=(2, 2))
    print(
        json.dumps(
            {
                "model": "als-numpy",
                "rank": a.rank,
                "reg": a.reg,
                "iters": a.iters,
                "train": int(train.sum()),
                "test": int(test.sum()),
                "scored": len(known),
                "rmse": rmse,
                "fitSeconds": round(seconds, 2),
                "users": len(uids),
                "movies": len(mids),
                "out": a.model_dir,
            }
        )
    )


if __name__ == "__main__":
    main()
