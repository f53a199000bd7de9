/**
 * Dot product and axpy over float64 rows in wasm memory, two lanes at a time (f64x2 SIMD), for the
 * SPD inversion of ../linalg/spd-inverse.ts. EASE spends all its time in these loops, and plain
 * JavaScript runs them several times slower (bounds checks, no vectorisation). A dot product sums
 * even and odd terms in separate lanes; spd-inverse.ts's JavaScript row operations do the same, so
 * both paths give the same bits (there is no fused multiply-add in WebAssembly SIMD to differ).
 */
import {Func, Kernel, moduleBytes} from "./assembler.js";

/** Σ a[i]·b[i] over n doubles at byte offsets a, b. */
export type DotFn = (a: number, b: number, n: number) => number;
/** y[i] += c·x[i] over n doubles at byte offsets y, x. */
export type AxpyFn = (y: number, x: number, c: number, n: number) => void;

// Four rows at a time: one streamed row serves four cached ones, so the dense inversion reads
// each streamed row a quarter as often (it is memory-bound at 1,682², 22 MB per matrix).

/** out[t] = Σ a_t[i]·b[i] for t = 0..3 (out: byte offset of 4 doubles). */
export type Dot4Fn = (a0: number, a1: number, a2: number, a3: number, b: number, n: number, out: number) => void;
/** y_t[i] += c_t·x[i] for t = 0..3. */
export type Axpy4Fn = (
  y0: number,
  y1: number,
  y2: number,
  y3: number,
  x: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  n: number
) => void;
/** y[i] += Σ_t c_t·x_t[i]. */
export type Gather4Fn = (
  y: number,
  x0: number,
  x1: number,
  x2: number,
  x3: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  n: number
) => void;

/** The module's exports. */
export interface LinalgKernels {
  dot: DotFn;
  axpy: AxpyFn;
  dot4: Dot4Fn;
  axpy4: Axpy4Fn;
  gather4: Gather4Fn;
}

const T4 = [0, 1, 2, 3];
const named = (prefix: string, type: "i32" | "f64" | "v128") =>
  Object.fromEntries(T4.map((t) => [`${prefix}${t}`, type]));

// Rows start at any multiple of 8 bytes, so v128 accesses promise 8-byte alignment only, and f64
// accesses their natural 8.
const ALIGN = 3;

/** Helpers over one function's locals i (byte index) and end (bytes of the even part). */
function rowOps(f: Func) {
  const at = (base: string, i: string) => f.get(base, i).op("i32.add");
  return {
    at,
    loadV: (base: string) => at(base, "i").mem("v128.load", 0, ALIGN),
    storeV: () => f.mem("v128.store", 0, ALIGN),
    tailF64: (base: string) => at(base, "end").mem("f64.load"),
    // end = (n·8) & ~15: the bytes of the pairs of terms, done two lanes at a time.
    evenEnd: () => f.get("n").i32(3).op("i32.shl").i32(-16).op("i32.and").set("end"),
    pairs: (body: () => void) =>
      f.whileLt("i", "end", () => {
        body();
        f.bump("i", 16);
      }),
    // Odd n: one scalar term left, at byte end.
    ifOdd: (body: () => void) => f.get("n").i32(1).op("i32.and").if(body),
    laneSum: (v: string) => f.get(v).lane("f64x2.extract_lane", 0).get(v).lane("f64x2.extract_lane", 1).op("f64.add")
  };
}

function dotFunc(): Func {
  const f = new Func("dot", {
    params: {a: "i32", b: "i32", n: "i32"},
    results: ["f64"],
    locals: {i: "i32", end: "i32", acc: "v128", sum: "f64"}
  });
  const r = rowOps(f);
  r.evenEnd();
  f.f64(0).op("f64x2.splat").set("acc");
  r.pairs(() => {
    f.get("acc");
    r.loadV("a");
    r.loadV("b");
    f.op("f64x2.mul", "f64x2.add").set("acc");
  });
  r.laneSum("acc");
  f.set("sum");
  r.ifOdd(() => {
    f.get("sum");
    r.tailF64("a");
    r.tailF64("b");
    f.op("f64.mul", "f64.add").set("sum");
  });
  return f.get("sum");
}

function axpyFunc(): Func {
  const f = new Func("axpy", {
    params: {y: "i32", x: "i32", c: "f64", n: "i32"},
    locals: {i: "i32", end: "i32", cv: "v128"}
  });
  const r = rowOps(f);
  r.evenEnd();
  f.get("c").op("f64x2.splat").set("cv");
  r.pairs(() => {
    r.at("y", "i");
    r.loadV("y");
    f.get("cv");
    r.loadV("x");
    f.op("f64x2.mul", "f64x2.add");
    r.storeV();
  });
  r.ifOdd(() => {
    r.at("y", "end");
    r.tailF64("y");
    f.get("c");
    r.tailF64("x");
    f.op("f64.mul", "f64.add").mem("f64.store");
  });
  return f;
}

function dot4Func(): Func {
  const f = new Func("dot4", {
    params: {...named("a", "i32"), b: "i32", n: "i32", out: "i32"},
    locals: {i: "i32", end: "i32", ...named("acc", "v128"), bv: "v128", sum: "f64"}
  });
  const r = rowOps(f);
  r.evenEnd();
  for (const t of T4) f.f64(0).op("f64x2.splat").set(`acc${t}`);
  r.pairs(() => {
    r.loadV("b");
    f.set("bv");
    for (const t of T4) {
      f.get(`acc${t}`);
      r.loadV(`a${t}`);
      f.get("bv").op("f64x2.mul", "f64x2.add").set(`acc${t}`);
    }
  });
  for (const t of T4) {
    r.laneSum(`acc${t}`);
    f.set("sum");
    r.ifOdd(() => {
      f.get("sum");
      r.tailF64(`a${t}`);
      r.tailF64("b");
      f.op("f64.mul", "f64.add").set("sum");
    });
    f.get("out", "sum").mem("f64.store", t * 8);
  }
  return f;
}

function axpy4Func(): Func {
  const f = new Func("axpy4", {
    params: {...named("y", "i32"), x: "i32", ...named("c", "f64"), n: "i32"},
    locals: {i: "i32", end: "i32", ...named("cv", "v128"), xv: "v128"}
  });
  const r = rowOps(f);
  r.evenEnd();
  for (const t of T4) f.get(`c${t}`).op("f64x2.splat").set(`cv${t}`);
  r.pairs(() => {
    r.loadV("x");
    f.set("xv");
    for (const t of T4) {
      r.at(`y${t}`, "i");
      r.loadV(`y${t}`);
      f.get(`cv${t}`, "xv").op("f64x2.mul", "f64x2.add");
      r.storeV();
    }
  });
  r.ifOdd(() => {
    for (const t of T4) {
      r.at(`y${t}`, "end");
      r.tailF64(`y${t}`);
      f.get(`c${t}`);
      r.tailF64("x");
      f.op("f64.mul", "f64.add").mem("f64.store");
    }
  });
  return f;
}

function gather4Func(): Func {
  const f = new Func("gather4", {
    params: {y: "i32", ...named("x", "i32"), ...named("c", "f64"), n: "i32"},
    locals: {i: "i32", end: "i32", ...named("cv", "v128")}
  });
  const r = rowOps(f);
  r.evenEnd();
  for (const t of T4) f.get(`c${t}`).op("f64x2.splat").set(`cv${t}`);
  r.pairs(() => {
    r.at("y", "i");
    r.loadV("y");
    for (const t of T4) {
      f.get(`cv${t}`);
      r.loadV(`x${t}`);
      f.op("f64x2.mul", "f64x2.add");
    }
    r.storeV();
  });
  r.ifOdd(() => {
    r.at("y", "end");
    r.tailF64("y");
    for (const t of T4) {
      f.get(`c${t}`);
      r.tailF64(`x${t}`);
      f.op("f64.mul", "f64.add");
    }
    f.mem("f64.store");
  });
  return f;
}

/** The kernels' module bytes (sharedMemory: import a shared memory, as threads sharing one inversion need; same code). */
export function linalgModuleBytes(sharedMemory = false): Uint8Array<ArrayBuffer> {
  return moduleBytes([dotFunc(), axpyFunc(), dot4Func(), axpy4Func(), gather4Func()], sharedMemory);
}

const kernel = new Kernel<LinalgKernels>("linalg", () => linalgModuleBytes());
const sharedKernel = new Kernel<LinalgKernels>("linalg", () => linalgModuleBytes(true));

/** True when the kernels compile here; lib/linalg/dense.ts runs its JavaScript row operations otherwise. */
export function linalgAvailable(): boolean {
  return kernel.available();
}

/** The kernels over `memory`, or null without WebAssembly SIMD. */
export function linalgKernels(memory: WebAssembly.Memory): LinalgKernels | null {
  return kernel.instantiate(memory);
}

/** The kernels over a shared `memory` (WebAssembly.Memory with shared: true), or null without wasm SIMD and threads. */
export function linalgSharedKernels(memory: WebAssembly.Memory): LinalgKernels | null {
  return sharedKernel.instantiate(memory);
}
