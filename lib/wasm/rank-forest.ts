/**
 * The kernel of addRankForest as a small WebAssembly function, written with the project's module
 * writer (assembler.ts: no binary file, no build step) and used wherever the runtime
 * allows WebAssembly; where it does not (no WebAssembly, or a page whose CSP refuses compilation)
 * addRankForest runs its JavaScript kernel. Same layout, same tree order, and f32.add rounds exactly
 * as a Float32Array store of a double sum does, so results are bit-identical; it runs without the
 * bounds, map and overflow checks V8 puts around typed-array JavaScript (1.7x faster, bench/gbdt-predict.ts).
 */
import {moduleBytes, op as wasmOp, sleb, T, uleb} from "./assembler.js";

/**
 * Rows and trees advanced together: 16 independent traversals overlap. Measured on ml-100k u1
 * (20k rows × 500 trees, depth 6, CPU ms, min of 15): 2×4 69, 4×2 67, 4×4 66, 8×2 63, 1×8 76.
 */
export const KERNEL_ROWS = 4;
export const KERNEL_TREES = 4;

/** Opcodes: the writer's, plus the few it does not list. */
const OP = {...wasmOp, i32Load16u: 0x2f, i32GtU: 0x4b, i32RemU: 0x70, i32ShrU: 0x76};

// Parameters (all i32; addresses in bytes): node, leaf, codes, out, rows (a multiple of KERNEL_ROWS),
// trees (a multiple of KERNEL_TREES), groups, depth (>= 1), codes per row.
const PARAMS = ["node", "leaf", "codes", "out", "rows", "trees", "groups", "depth", "w"];
const ROWS = Array.from({length: KERNEL_ROWS}, (_, r) => r);
const TREES = Array.from({length: KERNEL_TREES}, (_, u) => u);
// Per row r: code address R<r>, output address O<r>; per tree u: node base n<u>, leaf base l<u>,
// output offset k<u>, root column c<u> and split s<u>; per pair: position p<r>_<u> (bytes, 4 × node index).
const LOCALS = [
  "t", "i", "level", "nI", "nL", "rowBytes", "x",
  ...ROWS.flatMap((r) => [`R${r}`, `O${r}`]),
  ...TREES.flatMap((u) => [`n${u}`, `l${u}`, `k${u}`, `c${u}`, `s${u}`]),
  ...ROWS.flatMap((r) => TREES.map((u) => `p${r}_${u}`))
];
const INDEX = new Map([...PARAMS, ...LOCALS].map((name, i) => [name, i]));

/** The kernel's body (the writer adds the final end). */
function kernelBody(): number[] {
  const c: number[] = [];
  const get = (name: string) => c.push(OP.get, ...uleb(INDEX.get(name)!));
  const set = (name: string) => c.push(OP.set, ...uleb(INDEX.get(name)!));
  const k = (v: number) => c.push(OP.i32Const, ...sleb(v));
  const ops = (...codes: number[]) => c.push(...codes);
  const loadI32 = () => c.push(OP.i32Load, 2, 0);
  const loadU16 = () => c.push(OP.i32Load16u, 1, 0);
  // Loops: block { loop { if (counter >= limit) break; …; counter += step; continue } }.
  const loop = (counter: string, limit: string, step: number, inner: () => void) => {
    ops(OP.block, 0x40, OP.loop, 0x40);
    get(counter);
    get(limit);
    ops(OP.i32GeU, OP.brIf, 1);
    inner();
    get(counter);
    k(step);
    ops(OP.i32Add);
    set(counter);
    ops(OP.br, 0, OP.end, OP.end);
  };
  // (t + u) · factor … : tree u of the current group of trees.
  const treeTimes = (u: number, factor: string) => {
    get("t");
    k(u);
    ops(OP.i32Add);
    get(factor);
    ops(OP.i32Mul);
  };
  // Pushes 4 · (code at row r, column byte offset col > split), with col and split pushed by the callbacks.
  const goesRight = (r: number, col: () => void, split: () => void) => {
    get(`R${r}`);
    col();
    ops(OP.i32Add);
    loadU16();
    split();
    ops(OP.i32GtU);
    k(2);
    ops(OP.i32Shl);
  };

  k(1);
  get("depth");
  ops(OP.i32Shl);
  set("nL");
  get("nL");
  k(1);
  ops(OP.i32Sub);
  set("nI");
  get("w");
  k(1);
  ops(OP.i32Shl);
  set("rowBytes");
  k(0);
  set("t");
  loop("t", "trees", KERNEL_TREES, () => {
    for (const u of TREES) {
      // n_u = node + 4 (t + u) nI; l_u = leaf + 4 ((t + u) nL − nI); k_u = 4 ((t + u) mod groups).
      treeTimes(u, "nI");
      k(2);
      ops(OP.i32Shl);
      get("node");
      ops(OP.i32Add);
      set(`n${u}`);
      treeTimes(u, "nL");
      get("nI");
      ops(OP.i32Sub);
      k(2);
      ops(OP.i32Shl);
      get("leaf");
      ops(OP.i32Add);
      set(`l${u}`);
      get("t");
      k(u);
      ops(OP.i32Add);
      get("groups");
      ops(OP.i32RemU);
      k(2);
      ops(OP.i32Shl);
      set(`k${u}`);
      // The root split, the same for every row: column (already a byte offset) and split code.
      get(`n${u}`);
      loadI32();
      set("x");
      get("x");
      k(16);
      ops(OP.i32ShrU);
      set(`c${u}`);
      get("x");
      k(0xffff);
      ops(OP.i32And);
      set(`s${u}`);
    }
    k(0);
    set("i");
    loop("i", "rows", KERNEL_ROWS, () => {
      for (const r of ROWS) {
        // R_r = codes + (i + r) · rowBytes; O_r = out + 4 (i + r) · groups.
        get("i");
        k(r);
        ops(OP.i32Add);
        set("x");
        get("x");
        get("rowBytes");
        ops(OP.i32Mul);
        get("codes");
        ops(OP.i32Add);
        set(`R${r}`);
        get("x");
        get("groups");
        ops(OP.i32Mul);
        k(2);
        ops(OP.i32Shl);
        get("out");
        ops(OP.i32Add);
        set(`O${r}`);
      }
      // Level 0 from the hoisted root: p = 4 + 4 · right.
      for (const r of ROWS) {
        for (const u of TREES) {
          k(4);
          goesRight(r, () => get(`c${u}`), () => get(`s${u}`));
          ops(OP.i32Add);
          set(`p${r}_${u}`);
        }
      }
      k(1);
      set("level");
      loop("level", "depth", 1, () => {
        for (const r of ROWS) {
          for (const u of TREES) {
            const p = `p${r}_${u}`;
            // x = node[p]; p = 2p + 4 + 4 · (code[x >>> 16] > (x & 0xffff)).
            get(`n${u}`);
            get(p);
            ops(OP.i32Add);
            loadI32();
            set("x");
            get(p);
            k(1);
            ops(OP.i32Shl);
            k(4);
            ops(OP.i32Add);
            goesRight(
              r,
              () => {
                get("x");
                k(16);
                ops(OP.i32ShrU);
              },
              () => {
                get("x");
                k(0xffff);
                ops(OP.i32And);
              }
            );
            ops(OP.i32Add);
            set(p);
          }
        }
      });
      // out[row, k_u] += leaf[l_u + p], row by row, trees in order.
      for (const r of ROWS) {
        for (const u of TREES) {
          get(`O${r}`);
          get(`k${u}`);
          ops(OP.i32Add);
          set("x");
          get("x");
          get("x");
          c.push(OP.f32Load, 2, 0);
          get(`l${u}`);
          get(`p${r}_${u}`);
          ops(OP.i32Add);
          c.push(OP.f32Load, 2, 0);
          ops(OP.f32Add);
          c.push(OP.f32Store, 2, 0);
        }
      }
    });
  });
  return c;
}

/** The module's bytes: memory imported as env.memory, the kernel exported as "addRankForest". */
export function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  return moduleBytes([{name: "addRankForest", params: PARAMS.map(() => T.i32), results: [], locals: [[LOCALS.length, T.i32]], body: kernelBody()}]);
}

type Kernel = (node: number, leaf: number, codes: number, out: number, rows: number, trees: number, groups: number, depth: number, w: number) => void;

let instance: {kernel: Kernel; memory: WebAssembly.Memory} | null | undefined;

/** The instantiated kernel and its memory (grown as needed by the caller), or null when WebAssembly is unavailable or refused (e.g. by a page's CSP). */
export function wasmKernel(): {kernel: Kernel; memory: WebAssembly.Memory} | null {
  if (instance !== undefined) return instance;
  try {
    const memory = new WebAssembly.Memory({initial: 1});
    // Synchronous compilation: the module is about 2 KB, below the 4 KB browsers allow on the main thread.
    const mod = new WebAssembly.Module(kernelModuleBytes());
    const exports = new WebAssembly.Instance(mod, {env: {memory}}).exports as {addRankForest: Kernel};
    instance = {kernel: exports.addRankForest, memory};
  } catch {
    instance = null;
  }
  return instance;
}
