"""Surprise's SlopeOne (prediction_algorithms/slope_one.pyx), transcribed to numpy, on ml-100k's u1..u5.

Surprise is not installable on these machines, so this is its algorithm line for line: deviations over
the users who rated both movies, the user's mean plus the mean deviation to the user's rated movies that
share a rater with the target, the global mean when the user or movie is unknown (PredictionImpossible),
clipped to 1..5 as AlgoBase.predict does. Prints one JSON object: per fold RMSE, MAE and the predictions
with their user and movie ids, in the order of the uK.test file.

    /usr/bin/python3 bench/peers/slope_one.py DATA_DIR [folds...]
"""
import json
import sys

import numpy as np


def read(path):
    rows = np.loadtxt(path, dtype=np.int64, usecols=(0, 1, 2), ndmin=2)
    return rows[:, 0], rows[:, 1], rows[:, 2].astype(np.float64)


def fold(data_dir, k):
    u, i, r = read(f"{data_dir}/u{k}.base")
    tu, ti, tr = read(f"{data_dir}/u{k}.test")
    users = {x: n for n, x in enumerate(np.unique(u))}
    items = {x: n for n, x in enumerate(np.unique(i))}
    uu = np.array([users[x] for x in u])
    ii = np.array([items[x] for x in i])
    R = np.zeros((len(users), len(items)))
    M = np.zeros((len(users), len(items)))
    R[uu, ii] = r
    M[uu, ii] = 1.0
    freq = M.T @ M
    with np.errstate(invalid="ignore", divide="ignore"):
        dev = np.where(freq > 0, (R.T @ M - M.T @ R) / freq, 0.0)
    np.fill_diagonal(dev, 0.0)
    user_mean = R.sum(axis=1) / M.sum(axis=1)
    global_mean = r.mean()
    preds = np.empty(len(tr))
    for n, (a, b) in enumerate(zip(tu, ti)):
        if a not in users or b not in items:
            est = global_mean
        else:
            ua, ib = users[a], items[b]
            rated = np.nonzero(M[ua])[0]
            ri = rated[freq[ib, rated] > 0]
            est = user_mean[ua]
            if len(ri) > 0:
                est += dev[ib, ri].sum() / len(ri)
        preds[n] = min(5.0, max(1.0, est))
    err = preds - tr
    return {
        "fold": f"u{k}",
        "rmse": float(np.sqrt(np.mean(err**2))),
        "mae": float(np.mean(np.abs(err))),
        "users": tu.tolist(),
        "movies": ti.tolist(),
        "predictions": preds.tolist(),
    }


if __name__ == "__main__":
    data_dir = sys.argv[1]
    folds = [int(k) for k in sys.argv[2:]] or [1, 2, 3, 4, 5]
    print(json.dumps({"peer": "Surprise SlopeOne (numpy transcription)", "folds": [fold(data_dir, k) for k in folds]}))
