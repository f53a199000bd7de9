/**
 * The histogram build, subtraction and row partition the tree builders run: on the WebAssembly
 * kernels of ../../wasm/histogram.ts when all of a call's arrays live in the kernels' memory, on
 * the JavaScript loops otherwise, with identical results either way. So builders stay correct with
 * any arrays and where WebAssembly is refused (CSP); histogramWorkspace places their arrays in an
 * arena so that the kernels do the work.
 */
import {arenaBytes, MAX_ARENA_BYTES, WasmArena} from "../../wasm/arena.js";
import {histogramInstance, histogramWasmAvailable} from "../../wasm/histogram.js";
import {buildHistogram, buildHistogramFeatures, DUAL_MIN_ROWS, histogramLength, type Slots} from "./histogram.js";

/**
 * The histogram.ts and partition operations, run by the kernels when their arrays live in the
 * kernels' memory and by the JavaScript loops otherwise; results are identical either way.
 */
export interface HistogramKernels {
  /** True when these run WebAssembly (false: the JavaScript loops). */
  readonly wasm: boolean;
  /** As histogram.ts buildHistogram. */
  build: typeof buildHistogram;
  /** As histogram.ts buildHistogramFeatures. */
  buildFeatures: typeof buildHistogramFeatures;
  /** out = parent − child over the listed features' slots (out may be parent: histogram.ts subtractHistogram). */
  subtract(out: Float64Array, parent: Float64Array, child: Float64Array, features: Int32Array): void;
  /**
   * As tree-builder.ts partitionRows on a column of byte codes (column[r]: row r's code of the split
   * feature; missing: the feature's missing code, or 256 when it has none). Returns the split point.
   */
  partition: typeof partitionColumn;
}

/** The JavaScript loops (no WebAssembly). */
export const jsHistogramKernels: HistogramKernels = {
  wasm: false,
  build: buildHistogram,
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
export function partitionColumn(
  rows: Uint32Array,
  tmp: Uint32Array,
  column: Uint8Array,
  begin: number,
  end: number,
  bin: number,
  missing: number,
  defaultLeft: boolean
): number {
  const dl = defaultLeft ? 1 : 0;
  let li = begin;
  let ti = 0;
  // Branch-free: which side a row goes is unpredictable, and a mispredicted branch per row costs
  // more than writing the row to both buffers.
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
 * d: the matrix's feature count, when known (up to UNROLL_MAX_D of ../../wasm/histogram.ts: a build unrolled for it).
 */
export function histogramKernels(
  memory: WebAssembly.Memory,
  scratch: Int32Array | null = null,
  d: number | null = null
): HistogramKernels {
  const buffer = memory.buffer;
  const instance = histogramInstance(memory, d);
  if (instance === null) return jsHistogramKernels;
  const {exports: x, fixedD} = instance;
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
      if (
        d < 1 ||
        begin >= end ||
        !inMem(hist) ||
        !inMem(slots) ||
        !inMem(gh) ||
        !inMem(rows) ||
        (dual && !inMem(spare)) ||
        hist.length < histogramLength(d) ||
        (dual && spare.length < histogramLength(d))
      ) {
        buildHistogram(hist, slots, d, gh, rows, begin, end, spare);
        return;
      }
      const fn =
        slots instanceof Uint16Array ? (d === fixedD && x.build16d !== undefined ? x.build16d : x.build16) : x.build32;
      fn(
        hist.byteOffset,
        dual ? spare.byteOffset : 0,
        dual ? 1 : 0,
        slots.byteOffset,
        d,
        gh.byteOffset,
        rows.byteOffset,
        begin,
        end
      );
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
      if (begin >= end || !inMem(rows) || !inMem(tmp) || !inMem(column))
        return partitionColumn(rows, tmp, column, begin, end, bin, missing, defaultLeft);
      return x.partition(
        rows.byteOffset,
        tmp.byteOffset,
        column.byteOffset,
        begin,
        end,
        bin,
        missing,
        defaultLeft ? 1 : 0
      );
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
export function histogramWorkspace(
  data: {n: number; d: number; slots: Slots; columns: Uint8Array},
  histograms: number,
  shared = false,
  rowCapacity = data.n
): HistogramWorkspace | null {
  const {n, d, slots, columns} = data;
  if (n < 1 || d < 1 || !histogramWasmAvailable(shared)) return null;
  const hl = histogramLength(d);
  const bytes =
    arenaBytes(
      [slots.length, slots.BYTES_PER_ELEMENT],
      [columns.length, 1],
      [rowCapacity, 4],
      [rowCapacity, 4],
      [hl, 8],
      [2 * n, 8],
      [d, 4]
    ) +
    (hl * 8 + 16) * histograms;
  if (bytes > MAX_ARENA_BYTES) return null;
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
