// Trains ml-xgboost (XGBoost 0.7 in WebAssembly) on a matrix exported by ml-xgboost.test.ts and
// prints one JSON line with its test accuracy. Runs in its own process: the module installs a
// global uncaughtException handler and prints warnings that must not reach the test runner.
// Usage: node ml-xgboost-runner.mjs DIR ROUNDS
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {join} from "node:path";

const [dir, roundsText] = process.argv.slice(2);
const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8"));
const read = (name, Type) => {
  const b = readFileSync(join(dir, name));
  return new Type(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const rows = (x, n, d) => Array.from({length: n}, (_, i) => Array.from(x.subarray(i * d, (i + 1) * d)));
const xtr = rows(read("train.f32", Float32Array), meta.n_train, meta.d);
const ytr = Array.from(read("train.i32", Int32Array));
const xte = rows(read("test.f32", Float32Array), meta.n_test, meta.d);
const yte = read("test.i32", Int32Array);

const XGBoost = await createRequire(import.meta.url)("ml-xgboost");
// Every option is passed as a string; its defaults differ from XGBoost's (subsample 0.5, eta 0.1).
const booster = new XGBoost({
  booster: "gbtree",
  objective: "multi:softprob",
  num_class: String(meta.num_class),
  max_depth: "6",
  eta: "0.3",
  min_child_weight: "1",
  subsample: "1",
  colsample_bytree: "1",
  tree_method: "hist",
  max_bin: "256",
  silent: "1",
  iterations: Number(roundsText)
});
const t0 = performance.now();
booster.train(xtr, ytr);
const fitSeconds = (performance.now() - t0) / 1000;
const pred = booster.predict(xte);
booster.free();
let ok = 0;
for (let i = 0; i < yte.length; i++) {
  const p = pred[i];
  let arg = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[arg]) arg = k;
  if (arg === yte[i]) ok++;
}
process.stdout.write(
  `${JSON.stringify({accuracy: ok / yte.length, fit_s: fitSeconds, n_train: xtr.length, n_test: xte.length})}\n`
);
process.exit(0);
