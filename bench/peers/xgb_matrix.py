"""Native XGBoost on a matrix exported by bench/gbdt.ts or the parity test.

Usage: /usr/bin/python3 bench/peers/xgb_matrix.py DIR [THREADS] [PARAMS_JSON]
DIR holds meta.json ({"n_train", "n_test", "d", "num_class"}), train.f32 (row-major float32,
NaN = missing), train.i32 (labels 0..K-1), test.f32, test.i32. Trains XGBClassifier (hist) with
the given params over the defaults (multi:softprob, 100 rounds, depth 6, eta 0.3), writes the
test probabilities to DIR/proba_native_<THREADS>.f32 and prints one JSON line with fit seconds
(DMatrix construction and quantile sketch included, as in XGBClassifier.fit), fit CPU seconds
(all threads; comparable on a loaded machine), predict ms (the median of PREDICT_RUNS calls, default 1),
accuracy.
"""
import json, os, sys, time
import numpy as np
import xgboost as xgb

d = sys.argv[1]
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
extra = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
meta = json.load(open(os.path.join(d, "meta.json")))
nf = meta["d"]
xtr = np.fromfile(os.path.join(d, "train.f32"), dtype="<f4").reshape(-1, nf)
ytr = np.fromfile(os.path.join(d, "train.i32"), dtype="<i4")
xte = np.fromfile(os.path.join(d, "test.f32"), dtype="<f4").reshape(-1, nf)
yte = np.fromfile(os.path.join(d, "test.i32"), dtype="<i4")
params = dict(n_estimators=100, max_depth=6, learning_rate=0.3, tree_method="hist", max_bin=256,
              objective="multi:softprob", random_state=0, n_jobs=threads)
params.update(extra)
clf = xgb.XGBClassifier(**params)
t0 = time.perf_counter()
c0 = time.process_time()
clf.fit(xtr, ytr)
fit_s = time.perf_counter() - t0
fit_cpu_s = time.process_time() - c0
# PREDICT_RUNS > 1: the median of that many predict_proba calls (after one warm-up call).
runs = int(os.environ.get("PREDICT_RUNS", "1"))
if runs > 1:
    clf.predict_proba(xte)
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    proba = clf.predict_proba(xte)
    times.append((time.perf_counter() - t0) * 1000)
predict_ms = float(np.median(times))
proba.astype("<f4").tofile(os.path.join(d, f"proba_native_{threads}.f32"))
acc = float((proba.argmax(1) == yte).mean())
print(json.dumps(dict(impl="xgboost", version=xgb.__version__, threads=threads, fit_s=fit_s, fit_cpu_s=fit_cpu_s, predict_ms=predict_ms,
                      accuracy=acc, n_train=int(len(ytr)), n_test=int(len(yte)))))
