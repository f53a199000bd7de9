/**
 * The kernel of addRankForest (../models/gbdt/rank-forest.ts) as a WebAssembly function, used
 * wherever the runtime allows WebAssembly; where it does not (no WebAssembly, or a page whose CSP refuses compilation)
 * addRankForest runs its JavaScript kernel. Same layout, same tree order, and f32.add rounds exactly
 * as a Float32Array store of a double sum does, so results are bit-identical; it exists because it
 * runs without the bounds, map and overflow checks V8 puts around typed-array JavaScript
 * (bench/gbdt-predict.ts compares the two).
 */
import {Func, Kernel, moduleBytes} from "./assembler.js";

/**
 * Rows advanced together: each level's load waits on the previous level's compare, so one
 * traversal alone is latency-bound; 4 rows × KERNEL_TREES trees give 16 independent chains, and
 * wider blocks gained little in bench/gbdt-predict.ts while spilling more locals.
 */
export const KERNEL_ROWS = 4;
/** Trees advanced together (see KERNEL_ROWS). */
export const KERNEL_TREES = 4;

// Parameters (all i32; addresses in bytes): node, leaf, codes, out, rows (a multiple of KERNEL_ROWS),
// trees (a multiple of KERNEL_TREES), groups, depth (>= 1), codes per row.
const PARAMS = ["node", "leaf", "codes", "out", "rows", "trees", "groups", "depth", "w"];
const ROWS = Array.from({length: KERNEL_ROWS}, (_, r) => r);
const TREES = Array.from({length: KERNEL_TREES}, (_, u) => u);
// Per row r: code address R<r>, output address O<r>; per tree u: node base n<u>, leaf base l<u>,
// output offset k<u>, root column c<u> and split s<u>; per pair: position p<r>_<u> (bytes, 4 × node index).
const LOCALS = [
  "t",
  "i",
  "level",
  "nI",
  "nL",
  "rowBytes",
  "x",
  ...ROWS.flatMap((r) => [`R${r}`, `O${r}`]),
  ...TREES.flatMap((u) => [`n${u}`, `l${u}`, `k${u}`, `c${u}`, `s${u}`]),
  ...ROWS.flatMap((r) => TREES.map((u) => `p${r}_${u}`))
];
const i32s = (names: string[]) => Object.fromEntries(names.map((n) => [n, "i32" as const]));

function kernelFunc(): Func {
  const f = new Func("addRankForest", {params: i32s(PARAMS), locals: i32s(LOCALS)});
  // (t + u) · factor: tree u of the current group of trees.
  const treeTimes = (u: number, factor: string) => f.get("t").i32(u).op("i32.add").get(factor).op("i32.mul");
  // Pushes 4 · (code at row r, column byte offset col > split), with col and split pushed by the callbacks.
  const goesRight = (r: number, col: () => void, split: () => void) => {
    f.get(`R${r}`);
    col();
    f.op("i32.add").mem("i32.load16_u");
    split();
    f.op("i32.gt_u").i32(2).op("i32.shl");
  };

  f.i32(1).get("depth").op("i32.shl").set("nL");
  f.get("nL").i32(1).op("i32.sub").set("nI");
  f.get("w").i32(1).op("i32.shl").set("rowBytes");
  f.i32(0).set("t");
  f.whileLt("t", "trees", () => {
    for (const u of TREES) {
      // n_u = node + 4 (t + u) nI; l_u = leaf + 4 ((t + u) nL − nI); k_u = 4 ((t + u) mod groups).
      treeTimes(u, "nI").i32(2).op("i32.shl").get("node").op("i32.add").set(`n${u}`);
      treeTimes(u, "nL").get("nI").op("i32.sub").i32(2).op("i32.shl").get("leaf").op("i32.add").set(`l${u}`);
      f.get("t").i32(u).op("i32.add").get("groups").op("i32.rem_u").i32(2).op("i32.shl").set(`k${u}`);
      // The root split, the same for every row: column (already a byte offset) and split code.
      f.get(`n${u}`).mem("i32.load").set("x");
      f.get("x").i32(16).op("i32.shr_u").set(`c${u}`);
      f.get("x").i32(0xffff).op("i32.and").set(`s${u}`);
    }
    f.i32(0).set("i");
    f.whileLt("i", "rows", () => {
      for (const r of ROWS) {
        // R_r = codes + (i + r) · rowBytes; O_r = out + 4 (i + r) · groups.
        f.get("i").i32(r).op("i32.add").set("x");
        f.get("x", "rowBytes").op("i32.mul").get("codes").op("i32.add").set(`R${r}`);
        f.get("x", "groups").op("i32.mul").i32(2).op("i32.shl").get("out").op("i32.add").set(`O${r}`);
      }
      // Level 0 from the hoisted root: p = 4 + 4 · right.
      for (const r of ROWS) {
        for (const u of TREES) {
          f.i32(4);
          goesRight(
            r,
            () => f.get(`c${u}`),
            () => f.get(`s${u}`)
          );
          f.op("i32.add").set(`p${r}_${u}`);
        }
      }
      f.i32(1).set("level");
      f.whileLt("level", "depth", () => {
        for (const r of ROWS) {
          for (const u of TREES) {
            const p = `p${r}_${u}`;
            // x = node[p]; p = 2p + 4 + 4 · (code[x >>> 16] > (x & 0xffff)).
            f.get(`n${u}`, p).op("i32.add").mem("i32.load").set("x");
            f.get(p).i32(1).op("i32.shl").i32(4).op("i32.add");
            goesRight(
              r,
              () => f.get("x").i32(16).op("i32.shr_u"),
              () => f.get("x").i32(0xffff).op("i32.and")
            );
            f.op("i32.add").set(p);
          }
        }
        f.bump("level", 1);
      });
      // out[row, k_u] += leaf[l_u + p], row by row, trees in order.
      for (const r of ROWS) {
        for (const u of TREES) {
          f.get(`O${r}`, `k${u}`).op("i32.add").set("x");
          f.get("x", "x").mem("f32.load");
          f.get(`l${u}`, `p${r}_${u}`).op("i32.add").mem("f32.load");
          f.op("f32.add").mem("f32.store");
        }
      }
      f.bump("i", KERNEL_ROWS);
    });
    f.bump("t", KERNEL_TREES);
  });
  return f;
}

/** The module's bytes: memory imported as env.memory, the kernel exported as "addRankForest". */
export function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  return moduleBytes([kernelFunc()]);
}

/** The kernel: adds trees [0, trees) to rows [0, rows) of out (byte addresses, see PARAMS). */
export type RankForestFn = (
  node: number,
  leaf: number,
  codes: number,
  out: number,
  rows: number,
  trees: number,
  groups: number,
  depth: number,
  w: number
) => void;

const kernel = new Kernel<{addRankForest: RankForestFn}>("rank-forest", kernelModuleBytes);

let instance: {kernel: RankForestFn; memory: WebAssembly.Memory} | null | undefined;

/** True when the kernel compiles here; addRankForest runs its JavaScript kernel otherwise. */
export function rankForestAvailable(): boolean {
  return kernel.available();
}

/** The instantiated kernel and its memory (grown as needed by the caller), or null when WebAssembly is unavailable or refused (e.g. by a page's CSP). */
export function wasmKernel(): {kernel: RankForestFn; memory: WebAssembly.Memory} | null {
  if (instance === undefined) {
    const memory = kernel.available() ? new WebAssembly.Memory({initial: 1}) : null;
    const exports = memory === null ? null : kernel.instantiate(memory);
    instance = memory === null || exports === null ? null : {kernel: exports.addRankForest, memory};
  }
  return instance;
}
