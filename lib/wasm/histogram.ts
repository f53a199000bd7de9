/**
 * The histogram kernels of histogram.ts (build over all features or a feature list, subtraction)
 * and the stable row partition of tree-builder.ts as WebAssembly SIMD functions, written with the
 * project's module writer (assembler.ts: no binary file, no build step).
 * A gradient pair (g, h) is one v128 and so is a histogram slot, so each cell costs one load, one
 * f64x2.add and one store instead of two of each, without V8's typed-array bounds checks.
 * Every slot receives the same additions in the same order as the JavaScript loops (both lanes of
 * f64x2.add round like two scalar adds), so histograms are bit-identical.
 * The kernels read and write one WebAssembly.Memory: the trainer places its arrays there through a
 * WasmArena. Each wrapper runs the kernel when all its arrays live in that memory and the JavaScript
 * loop otherwise, so callers stay correct with any arrays and where WebAssembly is refused (CSP).
 */
import {moduleBytes, op, simd, sleb, T, uleb, vop} from "./assembler.js";
import {buildHistogram, buildHistogramFeatures, DUAL_MIN_ROWS, histogramLength, type Slots} from "../models/gbdt/histogram.js";

const PAGE = 65536;
const SELECT = 0x1b;
const I32_LE_U = 0x4d;
const MEMORY_COPY = [0xfc, 0x0a, 0x00, 0x00];

/** Instruction list of one function with named i32 / v128 locals. */
class Code {
  readonly c: number[] = [];
  private readonly index: Map<string, number>;
  constructor(names: string[]) {
    this.index = new Map(names.map((n, i) => [n, i]));
  }
  private at(name: string): number {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`histogram kernel: unknown local ${name}`);
    return i;
  }
  get(...names: string[]): this {
    for (const n of names) this.c.push(op.get, ...uleb(this.at(n)));
    return this;
  }
  set(name: string): this {
    this.c.push(op.set, ...uleb(this.at(name)));
    return this;
  }
  k(v: number): this {
    this.c.push(op.i32Const, ...sleb(v));
    return this;
  }
  ops(...codes: number[]): this {
    this.c.push(...codes);
    return this;
  }
  v(code: number): this {
    this.c.push(...vop(code));
    return this;
  }
  loadI32(): this {
    return this.ops(op.i32Load, 2, 0);
  }
  /** Loads a slot index (u16 or u32) from the address on the stack plus a constant byte offset. */
  loadSlot(width: 2 | 4, offset = 0): this {
    return width === 2 ? this.ops(op.i32Load16u, 1, ...uleb(offset)) : this.ops(op.i32Load, 2, ...uleb(offset));
  }
  loadV(): this {
    return this.v(simd.load).ops(4, 0);
  }
  storeV(): this {
    return this.v(simd.store).ops(4, 0);
  }
  /** name += step. */
  bump(name: string, step: number): this {
    return this.get(name).k(step).ops(op.i32Add).set(name);
  }
  /** while (a <u b) { body } */
  whileLt(a: string, b: string, body: () => void): this {
    this.ops(op.block, 0x40, op.loop, 0x40).get(a, b).ops(op.i32GeU, op.brIf, 1);
    body();
    return this.ops(op.br, 0, op.end, op.end);
  }
  /** do { body } while (a <u b) */
  doWhileLt(a: string, b: string, body: () => void): this {
    this.ops(op.loop, 0x40);
    body();
    return this.get(a, b).ops(op.i32LtU, op.brIf, 0, op.end);
  }
  /** base + (slot at address `at` << 4): the byte address of a histogram slot. */
  slotAddress(base: string, at: string, width: 2 | 4, offset = 0): this {
    return this.get(base, at).loadSlot(width, offset).k(4).ops(op.i32Shl, op.i32Add);
  }
  /** *[addr] += vec as f64x2 (addr and vec locals). */
  accumulate(addr: string, vec: string): this {
    return this.get(addr, addr).loadV().get(vec).v(simd.f64x2Add).storeV();
  }
}

/** Both adds of every cell of one row into hist, slots from p to pe (byte addresses); unrolled when d is fixed. */
function addRow(c: Code, width: 2 | 4, fixedD: number | null, hist: string, p: string, pe: string, vec: string): void {
  if (fixedD !== null) {
    for (let f = 0; f < fixedD; f++) c.slotAddress(hist, p, width, f * width).set("a").accumulate("a", vec);
    return;
  }
  c.doWhileLt(p, pe, () => {
    c.slotAddress(hist, p, width).set("a").accumulate("a", vec).bump(p, width);
  });
}

/** Loads row index at address `at`, its gradient pair into `vec` and its slot row start into `p`. */
function rowStart(c: Code, at: string, r: string, vec: string, p: string): void {
  c.get(at).loadI32().set(r);
  c.get("gh", r).k(4).ops(op.i32Shl, op.i32Add).loadV().set(vec);
  c.get("slots", r, "rb").ops(op.i32Mul, op.i32Add).set(p);
}

// build(hist, spare, dual, slots, d, gh, rows, begin, end): buildHistogram with byte addresses.
const BUILD_PARAMS = ["hist", "spare", "dual", "slots", "d", "gh", "rows", "begin", "end"];
const BUILD_I32 = ["rb", "i", "e", "r", "r2", "p", "q", "pe", "a", "hl"];
const BUILD_V = ["v", "v2"];

function buildBody(width: 2 | 4, fixedD: number | null): number[] {
  const c = new Code([...BUILD_PARAMS, ...BUILD_I32, ...BUILD_V]);
  c.get("d").k(width).ops(op.i32Mul).set("rb");
  c.get("rows", "begin").k(2).ops(op.i32Shl, op.i32Add).set("i");
  c.get("rows", "end").k(2).ops(op.i32Shl, op.i32Add).set("e");
  c.get("d").k(12).ops(op.i32Shl).set("hl");
  c.get("dual").ops(op.if, 0x40);
  {
    // spare = 0
    c.get("spare").set("a");
    c.get("spare", "hl").ops(op.i32Add).set("pe");
    c.ops(op.f64Const, 0, 0, 0, 0, 0, 0, 0, 0).v(simd.f64x2Splat).set("v");
    c.doWhileLt("a", "pe", () => c.get("a", "v").storeV().bump("a", 16));
    // Pairs of rows: the even one into hist, the odd one into spare (two independent chains).
    c.get("e").k(4).ops(op.i32Sub).set("pe");
    c.whileLt("i", "pe", () => {
      rowStart(c, "i", "r", "v", "p");
      c.get("i").k(4).ops(op.i32Add).set("q");
      rowStart(c, "q", "r2", "v2", "q");
      if (fixedD !== null) {
        for (let f = 0; f < fixedD; f++) {
          c.slotAddress("hist", "p", width, f * width).set("a").accumulate("a", "v");
          c.slotAddress("spare", "q", width, f * width).set("a").accumulate("a", "v2");
        }
      } else {
        c.get("p", "rb").ops(op.i32Add).set("r");
        c.doWhileLt("p", "r", () => {
          c.slotAddress("hist", "p", width).set("a").accumulate("a", "v");
          c.slotAddress("spare", "q", width).set("a").accumulate("a", "v2");
          c.bump("p", width).bump("q", width);
        });
      }
      c.bump("i", 8);
    });
    // hist += spare, slot by slot, before the last odd row as in the JavaScript loop.
    c.get("hist").set("a");
    c.get("spare").set("q");
    c.get("hist", "hl").ops(op.i32Add).set("pe");
    c.doWhileLt("a", "pe", () => {
      c.get("a", "a").loadV().get("q").loadV().v(simd.f64x2Add).storeV();
      c.bump("a", 16).bump("q", 16);
    });
  }
  c.ops(op.end);
  c.whileLt("i", "e", () => {
    rowStart(c, "i", "r", "v", "p");
    c.get("p", "rb").ops(op.i32Add).set("pe");
    addRow(c, width, fixedD, "hist", "p", "pe", "v");
    c.bump("i", 4);
  });
  return c.c;
}

// buildFeatures(hist, slots, d, gh, rows, begin, end, feats, nf): buildHistogramFeatures with byte addresses.
const FEAT_PARAMS = ["hist", "slots", "d", "gh", "rows", "begin", "end", "feats", "nf"];
const FEAT_I32 = ["rb", "i", "e", "r", "p", "j", "je", "a"];

function featuresBody(width: 2 | 4): number[] {
  const c = new Code([...FEAT_PARAMS, ...FEAT_I32, "v"]);
  const shift = width === 2 ? 1 : 2;
  c.get("d").k(width).ops(op.i32Mul).set("rb");
  c.get("rows", "begin").k(2).ops(op.i32Shl, op.i32Add).set("i");
  c.get("rows", "end").k(2).ops(op.i32Shl, op.i32Add).set("e");
  c.get("feats", "nf").k(2).ops(op.i32Shl, op.i32Add).set("je");
  c.whileLt("i", "e", () => {
    rowStart(c, "i", "r", "v", "p");
    c.get("feats").set("j");
    c.whileLt("j", "je", () => {
      c.get("hist", "p", "j").loadI32().k(shift).ops(op.i32Shl, op.i32Add).loadSlot(width).k(4).ops(op.i32Shl, op.i32Add).set("a");
      c.accumulate("a", "v").bump("j", 4);
    });
    c.bump("i", 4);
  });
  return c.c;
}

// subtract(out, parent, child, feats, nf): out = parent − child over the listed features' 256 slots.
function subtractBody(): number[] {
  const c = new Code(["out", "parent", "child", "feats", "nf", "j", "je", "o", "oe", "x"]);
  c.get("feats", "nf").k(2).ops(op.i32Shl, op.i32Add).set("je");
  c.get("feats").set("j");
  c.whileLt("j", "je", () => {
    // Byte offset of the feature's first slot: f · 512 doubles · 8 bytes.
    c.get("j").loadI32().k(12).ops(op.i32Shl).set("x");
    c.get("x").k(4096).ops(op.i32Add).set("oe");
    c.get("x").set("o");
    c.doWhileLt("o", "oe", () => {
      c.get("out", "o").ops(op.i32Add);
      c.get("parent", "o").ops(op.i32Add).loadV();
      c.get("child", "o").ops(op.i32Add).loadV();
      c.v(simd.f64x2Sub).storeV().bump("o", 16);
    });
    c.bump("j", 4);
  });
  return c.c;
}

// partition(rows, tmp, columns, begin, end, bin, missing, dl) -> mid: partitionRows with byte addresses
// (columns: the feature's column of byte codes; missing: its missing code or 256).
function partitionBody(): number[] {
  const c = new Code(["rows", "tmp", "col", "begin", "end", "bin", "missing", "dl", "i", "e", "li", "ti", "r", "c", "g"]);
  c.get("rows", "begin").k(2).ops(op.i32Shl, op.i32Add).set("i");
  c.get("rows", "end").k(2).ops(op.i32Shl, op.i32Add).set("e");
  c.get("i").set("li");
  c.get("tmp").set("ti");
  c.whileLt("i", "e", () => {
    c.get("i").loadI32().set("r");
    c.get("col", "r").ops(op.i32Add, op.i32Load8u, 0, 0).set("c");
    // Branch-free, as the JavaScript loop: the side is unpredictable.
    c.get("dl", "c", "bin").ops(I32_LE_U).get("c", "missing").ops(op.i32Eq, SELECT).set("g");
    c.get("li", "r").ops(op.i32Store, 2, 0);
    c.get("ti", "r").ops(op.i32Store, 2, 0);
    c.get("li", "g").k(2).ops(op.i32Shl, op.i32Add).set("li");
    c.get("ti").k(4).get("g").k(2).ops(op.i32Shl, op.i32Sub, op.i32Add).set("ti");
    c.bump("i", 4);
  });
  c.get("li", "tmp", "ti", "tmp").ops(op.i32Sub, ...MEMORY_COPY);
  c.get("li", "rows").ops(op.i32Sub).k(2).ops(op.i32ShrU);
  return c.c;
}

type BuildFn = (hist: number, spare: number, dual: number, slots: number, d: number, gh: number, rows: number, begin: number, end: number) => void;
type FeaturesFn = (hist: number, slots: number, d: number, gh: number, rows: number, begin: number, end: number, feats: number, nf: number) => void;
type SubtractFn = (out: number, parent: number, child: number, feats: number, nf: number) => void;
type PartitionFn = (rows: number, tmp: number, col: number, begin: number, end: number, bin: number, missing: number, dl: number) => number;

interface Exports {
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
 * Widest rows for which build16 is also compiled for one fixed d, fully unrolled: 15–20% faster on
 * nodes of 40k–80k rows × 13 features (bench/gbdt-histogram.ts); the module stays under the 4 KB
 * browsers compile synchronously on a main thread.
 */
export const UNROLL_MAX_D = 20;

/**
 * The module's bytes (sharedMemory: import a shared memory, as worker threads need). fixedD: also
 * export build16d, build16 unrolled for rows of exactly fixedD features (constant load offsets,
 * no loop counter).
 */
export function histogramModuleBytes(sharedMemory: boolean, fixedD: number | null = null): Uint8Array<ArrayBuffer> {
  const i32s = (n: number) => Array.from({length: n}, () => T.i32);
  const buildLocals: Array<[number, number]> = [[BUILD_I32.length, T.i32], [BUILD_V.length, T.v128]];
  const funcs = [
    {name: "build16", params: i32s(9), results: [], locals: buildLocals, body: buildBody(2, null)},
    {name: "build32", params: i32s(9), results: [], locals: buildLocals, body: buildBody(4, null)},
    {name: "features16", params: i32s(9), results: [], locals: [[FEAT_I32.length, T.i32], [1, T.v128]] as Array<[number, number]>, body: featuresBody(2)},
    {name: "features32", params: i32s(9), results: [], locals: [[FEAT_I32.length, T.i32], [1, T.v128]] as Array<[number, number]>, body: featuresBody(4)},
    {name: "subtract", params: i32s(5), results: [], locals: [[5, T.i32]] as Array<[number, number]>, body: subtractBody()},
    {name: "partition", params: i32s(8), results: [T.i32], locals: [[7, T.i32]] as Array<[number, number]>, body: partitionBody()}
  ];
  if (fixedD !== null) funcs.push({name: "build16d", params: i32s(9), results: [], locals: buildLocals, body: buildBody(2, fixedD)});
  return moduleBytes(funcs, sharedMemory);
}

const compiled = new Map<string, WebAssembly.Module | null>();

/** The compiled module for shared or plain memory (and a fixed d), null where WebAssembly or SIMD is unavailable or refused. */
function compiledModule(sharedMemory: boolean, fixedD: number | null = null): WebAssembly.Module | null {
  const key = `${sharedMemory}:${fixedD}`;
  let m = compiled.get(key);
  if (m === undefined) {
    try {
      const bytes = histogramModuleBytes(sharedMemory, fixedD);
      // Synchronous compilation: browsers allow it on the main thread below 4 KB (this module: 1.7 KB, 4 KB with d = 20 unrolled).
      m = typeof WebAssembly !== "undefined" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      m = null;
    }
    compiled.set(key, m);
  }
  return m;
}

/** True when the engine compiles the kernels (WebAssembly with SIMD, not refused by a CSP). */
export function histogramWasmAvailable(sharedMemory = false): boolean {
  return compiledModule(sharedMemory) !== null;
}

/**
 * A bump allocator over one fixed-size WebAssembly.Memory: views allocated here are what the kernels
 * read and write. The memory never grows, so views stay valid (growing a non-shared memory would
 * detach its buffer). Allocations are 16-byte aligned and zeroed.
 */
export class WasmArena {
  readonly memory: WebAssembly.Memory;
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  readonly shared: boolean;
  private top = 0;

  private constructor(memory: WebAssembly.Memory, shared: boolean) {
    this.memory = memory;
    this.buffer = memory.buffer;
    this.shared = shared;
  }

  /**
   * An arena of at least `bytes` bytes (≤ 4 GiB − 64 KiB); shared: backed by a SharedArrayBuffer that
   * worker threads can receive. Null where WebAssembly memories cannot be created.
   */
  static create(bytes: number, shared = false): WasmArena | null {
    if (!(bytes >= 0) || bytes > 65535 * PAGE) throw new RangeError(`WasmArena.create: bytes = ${bytes}, expected 0 .. ${65535 * PAGE}`);
    const pages = Math.max(1, Math.ceil(bytes / PAGE));
    try {
      return new WasmArena(new WebAssembly.Memory({initial: pages, maximum: pages, shared}), shared);
    } catch {
      return null;
    }
  }

  /** Bytes still free. */
  get free(): number {
    return this.buffer.byteLength - this.top;
  }

  /** Byte offset of a new zeroed block of `bytes` bytes, 16-byte aligned; throws RangeError when the arena is full. */
  alloc(bytes: number): number {
    const at = (this.top + 15) & ~15;
    if (at + bytes > this.buffer.byteLength) throw new RangeError(`WasmArena: ${bytes} bytes requested, ${this.buffer.byteLength - at} free of ${this.buffer.byteLength}`);
    this.top = at + bytes;
    return at;
  }

  f64(length: number): Float64Array {
    return new Float64Array(this.buffer, this.alloc(8 * length), length);
  }
  u32(length: number): Uint32Array {
    return new Uint32Array(this.buffer, this.alloc(4 * length), length);
  }
  i32(length: number): Int32Array {
    return new Int32Array(this.buffer, this.alloc(4 * length), length);
  }
  u16(length: number): Uint16Array {
    return new Uint16Array(this.buffer, this.alloc(2 * length), length);
  }
  u8(length: number): Uint8Array {
    return new Uint8Array(this.buffer, this.alloc(length), length);
  }
  /** A copy of src in the arena, same type. */
  copy<A extends Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array>(src: A): A {
    const Ctor = src.constructor as new (b: ArrayBufferLike, offset: number, length: number) => A;
    const out = new Ctor(this.buffer, this.alloc(src.byteLength), src.length);
    out.set(src as never);
    return out;
  }
}

/** Bytes an arena needs for the listed array lengths (elements × bytes per element), with alignment. */
export function arenaBytes(...blocks: Array<[length: number, bytesPerElement: number]>): number {
  return blocks.reduce((s, [n, b]) => s + ((n * b + 15) & ~15), 0);
}

/**
 * The histogram.ts and partition operations, run by the kernels when their arrays live in the
 * kernels' memory and by the JavaScript loops otherwise; results are identical either way.
 */
export interface HistogramKernels {
  /** True when these run WebAssembly (false: the JavaScript loops). */
  readonly wasm: boolean;
  /** As histogram.ts buildHistogram. */
  build(hist: Float64Array, slots: Slots, d: number, gh: Float64Array, rows: Uint32Array, begin: number, end: number, spare?: Float64Array | null): void;
  /** As histogram.ts buildHistogramFeatures. */
  buildFeatures(hist: Float64Array, slots: Slots, d: number, gh: Float64Array, rows: Uint32Array, begin: number, end: number, features: Int32Array): void;
  /** out = parent − child over the listed features' slots (out may be parent: histogram.ts subtractHistogram). */
  subtract(out: Float64Array, parent: Float64Array, child: Float64Array, features: Int32Array): void;
  /**
   * As tree-builder.ts partitionRows on a column of byte codes (column[r]: row r's code of the split
   * feature; missing: the feature's missing code, or 256 when it has none). Returns the split point.
   */
  partition(rows: Uint32Array, tmp: Uint32Array, column: Uint8Array, begin: number, end: number, bin: number, missing: number, defaultLeft: boolean): number;
}

/** The JavaScript loops (no WebAssembly). */
export const jsHistogramKernels: HistogramKernels = {
  wasm: false,
  build: (hist, slots, d, gh, rows, begin, end, spare = null) => buildHistogram(hist, slots, d, gh, rows, begin, end, spare),
  buildFeatures: buildHistogramFeatures,
  subtract: subtractJs,
  partition: partitionColumn
};

function subtractJs(out: Float64Array, parent: Float64Array, child: Float64Array, features: Int32Array): void {
  for (let j = 0; j < features.length; j++) {
    const start = features[j] << 9;
    const end = start + 512;
    for (let s = start; s < end; s++) out[s] = parent[s] - child[s];
  }
}

/**
 * Stable partition of rows[begin..end) by a column of byte codes (column[r]: row r's code): codes <= bin
 * (and the missing code when defaultLeft) first; missing: the missing code, or 256 (matches no byte)
 * when the feature has none; tmp is scratch of rows' length. Returns the split point.
 */
export function partitionColumn(rows: Uint32Array, tmp: Uint32Array, column: Uint8Array, begin: number, end: number, bin: number, missing: number, defaultLeft: boolean): number {
  const dl = defaultLeft ? 1 : 0;
  let li = begin;
  let ti = 0;
  // Branch-free: which side a row goes is unpredictable, and a mispredicted branch per row
  // cost twice the time of writing the row to both buffers (measured).
  for (let i = begin; i < end; i++) {
    const r = rows[i];
    const c = column[r];
    const isMissing = ((c ^ missing) - 1) >>> 31;
    const byBin = 1 - ((bin - c) >>> 31);
    const goLeft = byBin ^ ((byBin ^ dl) & -isMissing);
    rows[li] = r;
    tmp[ti] = r;
    li += goLeft;
    ti += 1 - goLeft;
  }
  rows.set(tmp.subarray(0, ti), li);
  return li;
}

/**
 * Kernels over `memory` (an arena's, or one received by a worker thread), or the JavaScript loops
 * when WebAssembly is unavailable. scratch: an Int32Array in the memory where feature lists that
 * live outside it are copied (length ≥ the number of features; null: such calls use JavaScript).
 * d: the matrix's feature count, when known (up to UNROLL_MAX_D: a build unrolled for it).
 */
export function histogramKernels(memory: WebAssembly.Memory, scratch: Int32Array | null = null, d: number | null = null): HistogramKernels {
  const buffer = memory.buffer;
  const shared = typeof SharedArrayBuffer !== "undefined" && buffer instanceof SharedArrayBuffer;
  const fixedD = d !== null && d >= 1 && d <= UNROLL_MAX_D ? d : null;
  // The unrolled module where it compiles, else the generic one.
  const mod = (fixedD !== null ? compiledModule(shared, fixedD) : null) ?? compiledModule(shared);
  if (mod === null) return jsHistogramKernels;
  let x: Exports;
  try {
    x = new WebAssembly.Instance(mod, {env: {memory}}).exports as unknown as Exports;
  } catch {
    return jsHistogramKernels;
  }
  const inMem = (a: ArrayBufferView) => a.buffer === buffer;
  const scratchOk = scratch !== null && inMem(scratch);
  // Address of the feature list in memory: the list itself, or its copy in scratch; −1 when neither.
  const featureAddress = (features: Int32Array): number => {
    if (inMem(features)) return features.byteOffset;
    if (!scratchOk || features.length > scratch.length) return -1;
    scratch.set(features);
    return scratch.byteOffset;
  };
  return {
    wasm: true,
    build(hist, slots, d, gh, rows, begin, end, spare = null) {
      const dual = spare !== null && end - begin >= DUAL_MIN_ROWS;
      if (d < 1 || begin >= end || !inMem(hist) || !inMem(slots) || !inMem(gh) || !inMem(rows) || (dual && !inMem(spare)) || hist.length < histogramLength(d) || (dual && spare.length < histogramLength(d))) {
        buildHistogram(hist, slots, d, gh, rows, begin, end, spare);
        return;
      }
      const fn = slots instanceof Uint16Array ? (d === fixedD && x.build16d !== undefined ? x.build16d : x.build16) : x.build32;
      fn(hist.byteOffset, dual ? spare.byteOffset : 0, dual ? 1 : 0, slots.byteOffset, d, gh.byteOffset, rows.byteOffset, begin, end);
    },
    buildFeatures(hist, slots, d, gh, rows, begin, end, features) {
      const fa = inMem(hist) && inMem(slots) && inMem(gh) && inMem(rows) ? featureAddress(features) : -1;
      if (fa < 0) {
        buildHistogramFeatures(hist, slots, d, gh, rows, begin, end, features);
        return;
      }
      const fn = slots instanceof Uint16Array ? x.features16 : x.features32;
      fn(hist.byteOffset, slots.byteOffset, d, gh.byteOffset, rows.byteOffset, begin, end, fa, features.length);
    },
    subtract(out, parent, child, features) {
      const fa = inMem(out) && inMem(parent) && inMem(child) ? featureAddress(features) : -1;
      if (fa < 0) subtractJs(out, parent, child, features);
      else x.subtract(out.byteOffset, parent.byteOffset, child.byteOffset, fa, features.length);
    },
    partition(rows, tmp, column, begin, end, bin, missing, defaultLeft) {
      if (begin >= end || !inMem(rows) || !inMem(tmp) || !inMem(column)) return partitionColumn(rows, tmp, column, begin, end, bin, missing, defaultLeft);
      return x.partition(rows.byteOffset, tmp.byteOffset, column.byteOffset, begin, end, bin, missing, defaultLeft ? 1 : 0);
    }
  };
}

/** Kernels bound to an arena, with a feature-list scratch for up to d features taken from it. */
export function arenaHistogramKernels(arena: WasmArena, d: number): HistogramKernels {
  return histogramKernels(arena.memory, arena.i32(Math.max(1, d)), d);
}

/**
 * What a tree builder's hot loops touch, placed in one arena so that the kernels run on it: copies of
 * the slot and column-major code matrices, row and scratch buffers, the second accumulator, one
 * group's gradients, and a pool of histograms. Null where WebAssembly is unavailable (the builder
 * keeps its JavaScript arrays and loops).
 */
export interface HistogramWorkspace {
  arena: WasmArena;
  kernels: HistogramKernels;
  slots: Slots;
  /** Column-major d × n byte codes (BinnedMatrix.columns). */
  columns: Uint8Array;
  rows: Uint32Array;
  tmp: Uint32Array;
  spare: Float64Array;
  /** One group's interleaved g, h (2n): gradients outside the arena are copied here before a tree. */
  gh: Float64Array;
  /** A zeroed histogram from the arena; from the JavaScript heap once the arena's pool is used up (same results, JS loops). */
  newHistogram(): Float64Array;
}

/**
 * A workspace for matrices of n rows × d features (slots, columns as BinnedMatrix has them), room for
 * `histograms` histograms; rowCapacity: length of rows and tmp (default n; a shard's row count).
 */
export function histogramWorkspace(data: {n: number; d: number; slots: Slots; columns: Uint8Array}, histograms: number, shared = false, rowCapacity = data.n): HistogramWorkspace | null {
  const {n, d, slots, columns} = data;
  if (n < 1 || d < 1 || !histogramWasmAvailable(shared)) return null;
  const hl = histogramLength(d);
  const bytes = arenaBytes([slots.length, slots.BYTES_PER_ELEMENT], [columns.length, 1], [rowCapacity, 4], [rowCapacity, 4], [hl, 8], [2 * n, 8], [d, 4]) + (hl * 8 + 16) * histograms;
  if (bytes > 65535 * PAGE) return null;
  const arena = WasmArena.create(bytes, shared);
  if (arena === null) return null;
  const kernels = arenaHistogramKernels(arena, d);
  if (!kernels.wasm) return null;
  return {
    arena,
    kernels,
    slots: slots instanceof Uint16Array ? arena.copy(slots) : arena.copy(slots),
    columns: arena.copy(columns),
    rows: arena.u32(rowCapacity),
    tmp: arena.u32(rowCapacity),
    spare: arena.f64(hl),
    gh: arena.f64(2 * n),
    newHistogram: () => (arena.free >= 8 * hl + 16 ? arena.f64(hl) : new Float64Array(hl))
  };
}
