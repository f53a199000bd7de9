/**
 * The GBDT histogram kernels (build over all features or a feature list, subtraction) and the
 * stable row partition as WebAssembly SIMD functions; ../models/gbdt/histogram-kernels.ts runs
 * them on arrays in their memory and its JavaScript loops otherwise.
 * A gradient pair (g, h) is one v128 and so is a histogram slot, so each cell costs one load, one
 * f64x2.add and one store instead of two of each, without V8's typed-array bounds checks.
 * Every slot receives the same additions in the same order as the JavaScript loops (both lanes of
 * f64x2.add round like two scalar adds), so histograms are bit-identical.
 */
import {Func, Kernel, moduleBytes} from "./assembler.js";

type Width = 2 | 4;

const i32s = (names: string[]) => Object.fromEntries(names.map((n) => [n, "i32" as const]));

/** Loads a slot index (u16 or u32) from the address on the stack plus a constant byte offset. */
function loadSlot(f: Func, width: Width, offset = 0): Func {
  return f.mem(width === 2 ? "i32.load16_u" : "i32.load", offset);
}

/** base + (slot at address `at` << 4): the byte address of a histogram slot. */
function slotAddress(f: Func, base: string, at: string, width: Width, offset = 0): Func {
  f.get(base, at);
  return loadSlot(f, width, offset).i32(4).op("i32.shl", "i32.add");
}

/** *[addr] += vec as f64x2 (addr and vec locals). */
function accumulate(f: Func, addr: string, vec: string): Func {
  return f.get(addr, addr).mem("v128.load").get(vec).op("f64x2.add").mem("v128.store");
}

/** Both adds of every cell of one row into hist, slots from p to pe (byte addresses); unrolled when d is fixed. */
function addRow(f: Func, width: Width, fixedD: number | null, hist: string, p: string, pe: string, vec: string): void {
  if (fixedD !== null) {
    for (let j = 0; j < fixedD; j++) accumulate(slotAddress(f, hist, p, width, j * width).set("a"), "a", vec);
    return;
  }
  f.doWhileLt(p, pe, () => {
    accumulate(slotAddress(f, hist, p, width).set("a"), "a", vec).bump(p, width);
  });
}

/** Loads row index at address `at`, its gradient pair into `vec` and its slot row start into `p`. */
function rowStart(f: Func, at: string, r: string, vec: string, p: string): void {
  f.get(at).mem("i32.load").set(r);
  f.get("gh", r).i32(4).op("i32.shl", "i32.add").mem("v128.load").set(vec);
  f.get("slots", r, "rb").op("i32.mul", "i32.add").set(p);
}

// build(hist, spare, dual, slots, d, gh, rows, begin, end): buildHistogram with byte addresses.
const BUILD_PARAMS = ["hist", "spare", "dual", "slots", "d", "gh", "rows", "begin", "end"];
const BUILD_I32 = ["rb", "i", "e", "r", "r2", "p", "q", "pe", "a", "hl"];

function buildFunc(name: string, width: Width, fixedD: number | null): Func {
  const f = new Func(name, {params: i32s(BUILD_PARAMS), locals: {...i32s(BUILD_I32), v: "v128", v2: "v128"}});
  f.get("d").i32(width).op("i32.mul").set("rb");
  f.get("rows", "begin").i32(2).op("i32.shl", "i32.add").set("i");
  f.get("rows", "end").i32(2).op("i32.shl", "i32.add").set("e");
  f.get("d").i32(12).op("i32.shl").set("hl");
  f.get("dual").if(() => {
    // spare = 0
    f.get("spare").set("a");
    f.get("spare", "hl").op("i32.add").set("pe");
    f.f64(0).op("f64x2.splat").set("v");
    f.doWhileLt("a", "pe", () => f.get("a", "v").mem("v128.store").bump("a", 16));
    // Pairs of rows: the even one into hist, the odd one into spare (two independent chains).
    f.get("e").i32(4).op("i32.sub").set("pe");
    f.whileLt("i", "pe", () => {
      rowStart(f, "i", "r", "v", "p");
      f.get("i").i32(4).op("i32.add").set("q");
      rowStart(f, "q", "r2", "v2", "q");
      if (fixedD !== null) {
        for (let j = 0; j < fixedD; j++) {
          accumulate(slotAddress(f, "hist", "p", width, j * width).set("a"), "a", "v");
          accumulate(slotAddress(f, "spare", "q", width, j * width).set("a"), "a", "v2");
        }
      } else {
        f.get("p", "rb").op("i32.add").set("r");
        f.doWhileLt("p", "r", () => {
          accumulate(slotAddress(f, "hist", "p", width).set("a"), "a", "v");
          accumulate(slotAddress(f, "spare", "q", width).set("a"), "a", "v2");
          f.bump("p", width).bump("q", width);
        });
      }
      f.bump("i", 8);
    });
    // hist += spare, slot by slot, before the last odd row as in the JavaScript loop.
    f.get("hist").set("a");
    f.get("spare").set("q");
    f.get("hist", "hl").op("i32.add").set("pe");
    f.doWhileLt("a", "pe", () => {
      f.get("a", "a").mem("v128.load").get("q").mem("v128.load").op("f64x2.add").mem("v128.store");
      f.bump("a", 16).bump("q", 16);
    });
  });
  f.whileLt("i", "e", () => {
    rowStart(f, "i", "r", "v", "p");
    f.get("p", "rb").op("i32.add").set("pe");
    addRow(f, width, fixedD, "hist", "p", "pe", "v");
    f.bump("i", 4);
  });
  return f;
}

// buildFeatures(hist, slots, d, gh, rows, begin, end, feats, nf): buildHistogramFeatures with byte addresses.
const FEAT_PARAMS = ["hist", "slots", "d", "gh", "rows", "begin", "end", "feats", "nf"];
const FEAT_I32 = ["rb", "i", "e", "r", "p", "j", "je", "a"];

function featuresFunc(name: string, width: Width): Func {
  const f = new Func(name, {params: i32s(FEAT_PARAMS), locals: {...i32s(FEAT_I32), v: "v128"}});
  f.get("d").i32(width).op("i32.mul").set("rb");
  f.get("rows", "begin").i32(2).op("i32.shl", "i32.add").set("i");
  f.get("rows", "end").i32(2).op("i32.shl", "i32.add").set("e");
  f.get("feats", "nf").i32(2).op("i32.shl", "i32.add").set("je");
  f.whileLt("i", "e", () => {
    rowStart(f, "i", "r", "v", "p");
    f.get("feats").set("j");
    f.whileLt("j", "je", () => {
      f.get("hist", "p", "j")
        .mem("i32.load")
        .i32(width === 2 ? 1 : 2)
        .op("i32.shl", "i32.add");
      loadSlot(f, width).i32(4).op("i32.shl", "i32.add").set("a");
      accumulate(f, "a", "v").bump("j", 4);
    });
    f.bump("i", 4);
  });
  return f;
}

// subtract(out, parent, child, feats, nf): out = parent − child over the listed features' 256 slots.
function subtractFunc(): Func {
  const f = new Func("subtract", {
    params: i32s(["out", "parent", "child", "feats", "nf"]),
    locals: i32s(["j", "je", "o", "oe", "x"])
  });
  f.get("feats", "nf").i32(2).op("i32.shl", "i32.add").set("je");
  f.get("feats").set("j");
  f.whileLt("j", "je", () => {
    // Byte offset of the feature's first slot: f · 512 doubles · 8 bytes.
    f.get("j").mem("i32.load").i32(12).op("i32.shl").set("x");
    f.get("x").i32(4096).op("i32.add").set("oe");
    f.get("x").set("o");
    f.doWhileLt("o", "oe", () => {
      f.get("out", "o").op("i32.add");
      f.get("parent", "o").op("i32.add").mem("v128.load");
      f.get("child", "o").op("i32.add").mem("v128.load");
      f.op("f64x2.sub").mem("v128.store").bump("o", 16);
    });
    f.bump("j", 4);
  });
  return f;
}

// partition(rows, tmp, columns, begin, end, bin, missing, dl) -> mid: partitionColumn with byte addresses
// (columns: the feature's column of byte codes; missing: its missing code or 256).
function partitionFunc(): Func {
  const f = new Func("partition", {
    params: i32s(["rows", "tmp", "col", "begin", "end", "bin", "missing", "dl"]),
    results: ["i32"],
    locals: i32s(["i", "e", "li", "ti", "r", "c", "g"])
  });
  f.get("rows", "begin").i32(2).op("i32.shl", "i32.add").set("i");
  f.get("rows", "end").i32(2).op("i32.shl", "i32.add").set("e");
  f.get("i").set("li");
  f.get("tmp").set("ti");
  f.whileLt("i", "e", () => {
    f.get("i").mem("i32.load").set("r");
    f.get("col", "r").op("i32.add").mem("i32.load8_u").set("c");
    // Branch-free, as the JavaScript loop: the side is unpredictable.
    f.get("dl", "c", "bin").op("i32.le_u").get("c", "missing").op("i32.eq", "select").set("g");
    f.get("li", "r").mem("i32.store");
    f.get("ti", "r").mem("i32.store");
    f.get("li", "g").i32(2).op("i32.shl", "i32.add").set("li");
    f.get("ti").i32(4).get("g").i32(2).op("i32.shl", "i32.sub", "i32.add").set("ti");
    f.bump("i", 4);
  });
  f.get("li", "tmp", "ti", "tmp").op("i32.sub").memoryCopy();
  f.get("li", "rows").op("i32.sub").i32(2).op("i32.shr_u");
  return f;
}

type BuildFn = (
  hist: number,
  spare: number,
  dual: number,
  slots: number,
  d: number,
  gh: number,
  rows: number,
  begin: number,
  end: number
) => void;
type FeaturesFn = (
  hist: number,
  slots: number,
  d: number,
  gh: number,
  rows: number,
  begin: number,
  end: number,
  feats: number,
  nf: number
) => void;
type SubtractFn = (out: number, parent: number, child: number, feats: number, nf: number) => void;
type PartitionFn = (
  rows: number,
  tmp: number,
  col: number,
  begin: number,
  end: number,
  bin: number,
  missing: number,
  dl: number
) => number;

/** The module's functions (byte addresses in its memory; see the function builders above for each one's parameters). */
export interface HistogramExports {
  build16: BuildFn;
  /** Present in modules compiled for a fixed d. */
  build16d?: BuildFn;
  build32: BuildFn;
  features16: FeaturesFn;
  features32: FeaturesFn;
  subtract: SubtractFn;
  partition: PartitionFn;
}

/**
 * Widest rows for which build16 is also compiled for one fixed d, fully unrolled: it saves the loop
 * counter and address arithmetic on nodes of many rows (bench/gbdt-histogram.ts), and at this width
 * the module stays under the 4 KB browsers compile synchronously on a main thread.
 */
export const UNROLL_MAX_D = 20;

/**
 * The module's bytes (sharedMemory: import a shared memory, as worker threads need). fixedD: also
 * export build16d, build16 unrolled for rows of exactly fixedD features (constant load offsets,
 * no loop counter).
 */
export function histogramModuleBytes(sharedMemory: boolean, fixedD: number | null = null): Uint8Array<ArrayBuffer> {
  const funcs = [
    buildFunc("build16", 2, null),
    buildFunc("build32", 4, null),
    featuresFunc("features16", 2),
    featuresFunc("features32", 4),
    subtractFunc(),
    partitionFunc()
  ];
  if (fixedD !== null) funcs.push(buildFunc("build16d", 2, fixedD));
  return moduleBytes(funcs, sharedMemory);
}

const kernels = new Map<string, Kernel<HistogramExports>>();

/** The module for shared or plain memory (and a fixed d), compiled once per variant. */
function kernel(sharedMemory: boolean, fixedD: number | null = null): Kernel<HistogramExports> {
  const key = `${sharedMemory}:${fixedD}`;
  let k = kernels.get(key);
  if (k === undefined) {
    k = new Kernel<HistogramExports>("histogram", () => histogramModuleBytes(sharedMemory, fixedD));
    kernels.set(key, k);
  }
  return k;
}

/** True when the engine compiles the kernels (WebAssembly with SIMD, not refused by a CSP). */
export function histogramWasmAvailable(sharedMemory = false): boolean {
  return kernel(sharedMemory).available();
}

/**
 * The kernels over `memory` (shared or not, as its buffer says), with build16d when d is at most
 * UNROLL_MAX_D and the unrolled module compiles; null where WebAssembly is unavailable or refused.
 */
export function histogramInstance(
  memory: WebAssembly.Memory,
  d: number | null = null
): {exports: HistogramExports; fixedD: number | null} | null {
  const shared = typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer;
  const fixedD = d !== null && d >= 1 && d <= UNROLL_MAX_D ? d : null;
  if (fixedD !== null) {
    const unrolled = kernel(shared, fixedD).instantiate(memory);
    if (unrolled !== null) return {exports: unrolled, fixedD};
  }
  const generic = kernel(shared).instantiate(memory);
  return generic === null ? null : {exports: generic, fixedD: null};
}
