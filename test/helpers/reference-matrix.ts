// The hand-off to the GBDT reference implementations that run in a child process (ml-xgboost-runner.mjs,
// bench/peers/xgb_matrix.py): a directory holding the train/test split as raw little-endian arrays.
import {spawnSync} from "node:child_process";
import {writeFileSync} from "node:fs";
import {join} from "node:path";

/** A row-major float matrix (nTrain + nTest rows × d) with one class label 0..numClass-1 per row. */
export interface ReferenceMatrix {
  features: Float32Array;
  labels: Int32Array;
  nTrain: number;
  nTest: number;
  d: number;
  numClass: number;
}

/** Writes meta.json, train.f32/.i32 (first nTrain rows) and test.f32/.i32 (the next nTest rows) into dir. */
export function writeReferenceMatrix(dir: string, m: ReferenceMatrix): void {
  const {features: x, labels, nTrain: n, nTest: nt, d} = m;
  const buf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  writeFileSync(join(dir, "meta.json"), JSON.stringify({n_train: n, n_test: nt, d, num_class: m.numClass}));
  writeFileSync(join(dir, "train.f32"), buf(x.subarray(0, n * d)));
  writeFileSync(join(dir, "train.i32"), buf(labels.subarray(0, n)));
  writeFileSync(join(dir, "test.f32"), buf(x.subarray(n * d, (n + nt) * d)));
  writeFileSync(join(dir, "test.i32"), buf(labels.subarray(n, n + nt)));
}

/** Runs a reference program to completion and returns its stdout; throws with the end of its stderr when it fails. */
export function runReference(what: string, command: string, args: string[], timeoutMs?: number): string {
  const r = spawnSync(command, args, {encoding: "utf8", timeout: timeoutMs});
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  return r.stdout;
}
