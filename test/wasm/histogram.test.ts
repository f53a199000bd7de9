/**
 * The histogram kernels against the JavaScript loops, bit for bit, through the dispatcher the tree
 * builders use (histogram-kernels.ts); kernel calls are counted so that a test fails when the
 * dispatcher quietly took its JavaScript path.
 */
import {describe, expect, it} from "vitest";
import {
  buildHistogram,
  buildHistogramFeatures,
  DUAL_MIN_ROWS,
  histogramLength,
  slotMatrix,
  subtractHistogram
} from "../../lib/models/gbdt/histogram.js";
import {
  arenaHistogramKernels,
  histogramKernels,
  histogramWorkspace,
  jsHistogramKernels,
  type HistogramKernels
} from "../../lib/models/gbdt/histogram-kernels.js";
import {arenaBytes, WasmArena} from "../../lib/wasm/arena.js";
import {countKernelCalls, kernelCalls} from "../../lib/wasm/assembler.js";
import {histogramModuleBytes, histogramWasmAvailable, UNROLL_MAX_D} from "../../lib/wasm/histogram.js";
import {createRng} from "../../lib/random.js";
import {
  binnedMatrix,
  partitionRows,
  TreeBuilder,
  type BinnedMatrix,
  type GrowParams
} from "../../lib/models/gbdt/tree-builder.js";
import {binTrainingMatrix, MISSING_CODE} from "../../lib/models/gbdt/binning.js";
import {shardOf, shardSlabLength, ShardedTreeBuilder} from "../../lib/models/gbdt/sharded-tree-builder.js";
import {syntheticClassification} from "../../lib/models/gbdt/synthetic.js";

/** Bit patterns, so that −0 vs 0 and NaN payloads count as differences. */
function bits(a: Float64Array): BigUint64Array {
  return new BigUint64Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

interface Case {
  n: number;
  d: number;
  bins: Uint8Array;
  gh: Float64Array;
}

function randomCase(seed: number, n: number, d: number): Case {
  const rng = createRng(seed);
  const bins = new Uint8Array(n * d);
  // Few distinct codes per feature so that consecutive rows often hit the same slot (the dual accumulator's case).
  for (let i = 0; i < bins.length; i++) bins[i] = rng.next() < 0.1 ? MISSING_CODE : rng.int(1 + (i % d) * 20);
  const gh = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) gh[i] = i % 2 === 0 ? rng.normal() : rng.next() * 0.25;
  return {n, d, bins, gh};
}

/** A random subset of 0..n−1 in random order, placed at [begin, end) of an n-long row list. */
function randomRows(seed: number, n: number, m: number): {rows: Uint32Array; begin: number; end: number} {
  const rng = createRng(seed);
  const all = Uint32Array.from({length: n}, (_, i) => i);
  rng.shuffle(all);
  const begin = rng.int(n - m + 1);
  const rows = new Uint32Array(n);
  rows.set(all);
  return {rows, begin, end: begin + m};
}

function randomHist(seed: number, d: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({length: histogramLength(d)}, () => (rng.next() < 0.5 ? 0 : rng.normal()));
}

countKernelCalls(true);

/** Calls of each histogram export so far. */
function calls(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of ["build16", "build16d", "build32", "features16", "features32", "subtract", "partition"])
    out[e] = kernelCalls.get(`histogram.${e}`) ?? 0;
  return out;
}

/** Calls of each export since `before`. */
function callsSince(before: Record<string, number>): Record<string, number> {
  const now = calls();
  return Object.fromEntries(Object.keys(now).map((e) => [e, now[e] - before[e]]));
}

describe("histogram kernels: availability and module", () => {
  it("compile here for plain and shared memory (no silent JavaScript fallback in these tests), under 4 KB at the widest unrolling", () => {
    expect(histogramWasmAvailable(false)).toBe(true);
    expect(histogramWasmAvailable(true)).toBe(true);
    expect(WebAssembly.validate(histogramModuleBytes(false))).toBe(true);
    expect(WebAssembly.validate(histogramModuleBytes(true))).toBe(true);
    const widest = histogramModuleBytes(false, UNROLL_MAX_D);
    expect(WebAssembly.validate(widest)).toBe(true);
    // Browsers compile synchronously on a main thread only below 4 KB.
    expect(widest.length).toBeLessThanOrEqual(4096);
  });

  it("jsHistogramKernels is the plain JavaScript (used where WebAssembly is refused)", () => {
    const k: HistogramKernels = jsHistogramKernels;
    expect(k.wasm).toBe(false);
  });
});

describe("histogram kernels (WebAssembly) against the JavaScript loops", () => {
  for (const shared of [false, true]) {
    for (const [width, unrolled] of [
      [16, true],
      [16, false],
      [32, false]
    ] as const) {
      it(`build: bit-identical on random data and row subsets (${shared ? "shared" : "plain"} memory, u${width} slots${unrolled ? ", unrolled for d" : ""})`, () => {
        const {n, d, bins, gh} = randomCase(width + (shared ? 1 : 0), 6000, 13);
        const slotsJs = width === 16 ? slotMatrix(bins, n, d) : Uint32Array.from(slotMatrix(bins, n, d));
        const arena = WasmArena.create(
          arenaBytes([n * d, width / 8], [2 * n, 8], [n, 4], [histogramLength(d), 8], [histogramLength(d), 8], [d, 4]),
          shared
        )!;
        expect(arena.shared).toBe(shared);
        const k = unrolled ? arenaHistogramKernels(arena, d) : histogramKernels(arena.memory);
        expect(k.wasm).toBe(true);
        const slots = width === 16 ? arena.copy(slotsJs as Uint16Array) : arena.copy(slotsJs as Uint32Array);
        const ghW = arena.copy(gh);
        const rowsW = arena.u32(n);
        const hist = arena.f64(histogramLength(d));
        const spare = arena.f64(histogramLength(d));
        let trial = 0;
        const before = calls();
        // Below and above DUAL_MIN_ROWS, even and odd counts, the whole set, one row.
        for (const m of [1, 2, 7, DUAL_MIN_ROWS - 1, DUAL_MIN_ROWS, DUAL_MIN_ROWS + 1, 4999, n]) {
          for (const withSpare of [false, true]) {
            const {rows, begin, end} = randomRows(100 + trial, n, m);
            const init = randomHist(200 + trial++, d);
            const expected = init.slice();
            buildHistogram(
              expected,
              slotsJs,
              d,
              gh,
              rows,
              begin,
              end,
              withSpare ? new Float64Array(histogramLength(d)) : null
            );
            rowsW.set(rows);
            hist.set(init);
            spare.fill(Math.PI); // stale contents must not leak in
            k.build(hist, slots, d, ghW, rowsW, begin, end, withSpare ? spare : null);
            expect(bits(hist)).toEqual(bits(expected));
          }
        }
        const fn = width === 32 ? "build32" : unrolled ? "build16d" : "build16";
        expect(callsSince(before)[fn]).toBe(16);
      });

      it(`buildFeatures: bit-identical with random feature lists (${shared ? "shared" : "plain"} memory, u${width} slots)`, () => {
        const {n, d, bins, gh} = randomCase(40 + width, 3000, 11);
        const slotsJs = width === 16 ? slotMatrix(bins, n, d) : Uint32Array.from(slotMatrix(bins, n, d));
        const arena = WasmArena.create(
          arenaBytes([n * d, width / 8], [2 * n, 8], [n, 4], [histogramLength(d), 8], [d, 4]),
          shared
        )!;
        const k = arenaHistogramKernels(arena, d);
        const slots = width === 16 ? arena.copy(slotsJs as Uint16Array) : arena.copy(slotsJs as Uint32Array);
        const ghW = arena.copy(gh);
        const rowsW = arena.u32(n);
        const hist = arena.f64(histogramLength(d));
        const rng = createRng(7);
        const before = calls();
        for (let trial = 0; trial < 12; trial++) {
          const all = Int32Array.from({length: d}, (_, f) => f);
          rng.shuffle(all);
          const feats = all.slice(0, 1 + rng.int(d)).sort();
          const {rows, begin, end} = randomRows(300 + trial, n, 1 + rng.int(n));
          const init = randomHist(400 + trial, d);
          const expected = init.slice();
          buildHistogramFeatures(expected, slotsJs, d, gh, rows, begin, end, feats);
          rowsW.set(rows);
          hist.set(init);
          // The feature list lives outside the memory: the kernels copy it to their scratch.
          k.buildFeatures(hist, slots, d, ghW, rowsW, begin, end, feats);
          expect(bits(hist)).toEqual(bits(expected));
        }
        expect(callsSince(before)[width === 16 ? "features16" : "features32"]).toBe(12);
      });
    }
  }

  it("subtract: in place and into a third histogram, bit-identical to subtractHistogram", () => {
    const d = 9;
    const arena = WasmArena.create(
      arenaBytes([histogramLength(d), 8], [histogramLength(d), 8], [histogramLength(d), 8], [d, 4])
    )!;
    const k = arenaHistogramKernels(arena, d);
    const parent = arena.f64(histogramLength(d));
    const child = arena.f64(histogramLength(d));
    const out = arena.f64(histogramLength(d));
    const before = calls();
    for (let trial = 0; trial < 5; trial++) {
      const p = randomHist(500 + trial, d);
      const c = randomHist(600 + trial, d);
      const feats =
        trial === 0 ? Int32Array.from({length: d}, (_, f) => f) : Int32Array.from([0, 3, 4, 8].slice(0, trial));
      const expected = p.slice();
      subtractHistogram(expected, c, feats);
      parent.set(p);
      child.set(c);
      out.set(p);
      k.subtract(out, parent, child, feats);
      expect(bits(out)).toEqual(bits(expected));
      expect(bits(parent)).toEqual(bits(p));
      k.subtract(parent, parent, child, feats);
      expect(bits(parent)).toEqual(bits(expected));
    }
    expect(callsSince(before).subtract).toBe(10);
  });

  it("partition: the same rows and split point as partitionRows, with and without missing values", () => {
    const n = 5000;
    const d = 4;
    const {bins} = randomCase(9, n, d);
    const hasMissing = new Uint8Array([1, 0, 1, 0]);
    for (let i = 0; i < bins.length; i++) if (hasMissing[i % d] === 0 && bins[i] === MISSING_CODE) bins[i] = 3;
    const cuts = {hasMissing} as unknown as Parameters<typeof binnedMatrix>[3];
    const data = binnedMatrix(bins, n, d, cuts);
    const arena = WasmArena.create(arenaBytes([n * d, 1], [n, 4], [n, 4]))!;
    const k = arenaHistogramKernels(arena, 0);
    const columns = arena.copy(data.columns);
    const rowsW = arena.u32(n);
    const tmpW = arena.u32(n);
    let trial = 0;
    const before = calls();
    for (let f = 0; f < d; f++) {
      for (const defaultLeft of [false, true]) {
        for (const bin of [0, 5, 40]) {
          const {rows, begin, end} = randomRows(700 + trial++, n, trial === 1 ? n : 1 + ((trial * 997) % n));
          const expected = rows.slice();
          const mid = partitionRows(data, expected, new Uint32Array(n), begin, end, f, bin, defaultLeft);
          rowsW.set(rows);
          const got = k.partition(
            rowsW,
            tmpW,
            columns.subarray(f * n, (f + 1) * n),
            begin,
            end,
            bin,
            hasMissing[f] === 1 ? MISSING_CODE : 256,
            defaultLeft
          );
          expect(got).toBe(mid);
          expect(rowsW).toEqual(expected);
        }
      }
    }
    expect(callsSince(before).partition).toBe(trial);
  });

  it("histogramWorkspace: copies of the matrices, buffers and a pool of histograms in one arena", () => {
    const {n, d, bins, gh} = randomCase(5, 4000, 6);
    const data = binnedMatrix(bins, n, d, {hasMissing: new Uint8Array(d)} as unknown as Parameters<
      typeof binnedMatrix
    >[3]);
    const ws = histogramWorkspace(data, 2)!;
    expect(ws.kernels.wasm).toBe(true);
    expect(ws.slots).toEqual(data.slots);
    expect(ws.columns).toEqual(data.columns);
    for (const a of [ws.slots, ws.columns, ws.rows, ws.tmp, ws.spare, ws.gh]) expect(a.buffer).toBe(ws.arena.buffer);
    const h = [ws.newHistogram(), ws.newHistogram(), ws.newHistogram()];
    expect(h.map((x) => x.buffer === ws.arena.buffer)).toEqual([true, true, false]);
    expect(h.every((x) => x.length === histogramLength(d) && x.every((v) => v === 0))).toBe(true);
    // The arena's histogram (kernel) and the heap one (JavaScript) agree.
    ws.gh.set(gh);
    const {rows, begin, end} = randomRows(2, n, n);
    ws.rows.set(rows);
    const before = calls();
    ws.kernels.build(h[0], ws.slots, d, ws.gh, ws.rows, begin, end, ws.spare);
    expect(callsSince(before).build16d).toBe(1);
    ws.kernels.build(h[2], ws.slots, d, ws.gh, ws.rows, begin, end, ws.spare);
    expect(callsSince(before).build16d).toBe(1);
    expect(bits(h[0])).toEqual(bits(h[2]));
  });

  it("falls back to the JavaScript loops for arrays outside the memory, with the same results", () => {
    const {n, d, bins, gh} = randomCase(3, 3000, 5);
    const slots = slotMatrix(bins, n, d);
    const arena = WasmArena.create(1 << 16)!;
    const k = histogramKernels(arena.memory);
    const {rows, begin, end} = randomRows(1, n, n);
    const a = new Float64Array(histogramLength(d));
    const b = new Float64Array(histogramLength(d));
    const before = calls();
    k.build(a, slots, d, gh, rows, begin, end, new Float64Array(histogramLength(d)));
    jsHistogramKernels.build(b, slots, d, gh, rows, begin, end, new Float64Array(histogramLength(d)));
    expect(bits(a)).toEqual(bits(b));
    // No scratch: a feature list outside memory also takes the JavaScript path.
    k.buildFeatures(a, slots, d, gh, rows, begin, end, Int32Array.from([1, 2]));
    buildHistogramFeatures(b, slots, d, gh, rows, begin, end, Int32Array.from([1, 2]));
    expect(bits(a)).toEqual(bits(b));
    expect(Object.values(callsSince(before)).every((c) => c === 0)).toBe(true);
  });
});

describe("tree builders on the kernels: the same trees as on the JavaScript loops", () => {
  const P: GrowParams = {maxDepth: 6, eta: 0.3, lambda: 1, alpha: 0, minChildWeight: 1, gamma: 0};

  function problem(seed: number, n: number): {data: BinnedMatrix; gh: Float64Array} {
    const s = syntheticClassification(n, 3, seed);
    const {cuts, bins} = binTrainingMatrix(s.features, n, s.d, 256);
    const rng = createRng(seed);
    const gh = Float64Array.from({length: 2 * n}, (_, i) =>
      i % 2 === 0 ? (s.labels[i >> 1] === 0 ? -0.7 : 0.3) + 0.1 * rng.normal() : 0.05 + 0.2 * rng.next()
    );
    return {data: binnedMatrix(bins, n, s.d, cuts), gh};
  }

  it("TreeBuilder: identical trees and leaf rows with and without WebAssembly (all rows, row and column samples)", () => {
    const {data, gh} = problem(3, 6000);
    const wasm = new TreeBuilder(data, P);
    const js = new TreeBuilder(data, P, false);
    const rng = createRng(4);
    const before = calls();
    for (let t = 0; t < 6; t++) {
      const sample =
        t % 2 === 0 ? null : Uint32Array.from({length: data.n}, (_, i) => i).filter(() => rng.next() < 0.8);
      const feats = t < 4 ? null : Int32Array.from([0, 2, 3, 5].filter((f) => f < data.d));
      const a = wasm.grow(gh, sample, feats);
      const mid = callsSince(before);
      const b = js.grow(gh, sample, feats);
      expect(callsSince(before)).toEqual(mid);
      expect(a).toEqual(b);
      expect(wasm.rows).toEqual(js.rows);
      expect(a.tree.feature.length).toBeGreaterThan(7);
    }
    // Every kind of kernel did work: the unrolled build (d ≤ UNROLL_MAX_D), feature-list builds, subtraction, partition.
    const used = callsSince(before);
    for (const e of ["build16d", "features16", "subtract", "partition"]) expect(used[e], e).toBeGreaterThan(0);
  });

  it("ShardedTreeBuilder (one thread): identical trees with and without WebAssembly", () => {
    const {data, gh} = problem(5, 5000);
    const d = data.d;
    const n = data.n;
    const hl = histogramLength(d);
    const slabLength = shardSlabLength(d, P.maxDepth);
    const arena = WasmArena.create(
      arenaBytes(
        [n * d, 2],
        [n * d, 1],
        [2 * n, 8],
        [slabLength, 8],
        [slabLength, 8],
        [n, 4],
        [n, 4],
        [hl, 8],
        [hl, 8],
        [d, 4]
      )
    )!;
    const wData: BinnedMatrix = {
      ...data,
      slots: arena.copy(data.slots as Uint16Array),
      columns: arena.copy(data.columns)
    };
    const wGh = arena.copy(gh);
    const shard = shardOf(n, 0, 1);
    const wasm = new ShardedTreeBuilder(wData, P, {
      shard,
      slabs: [[arena.f64(slabLength), arena.f64(slabLength)]],
      sums: new Float64Array(2),
      sync: () => {},
      wasm: {
        kernels: arenaHistogramKernels(arena, d),
        rows: arena.u32(n),
        tmp: arena.u32(n),
        spare: arena.f64(hl),
        scratch: arena.f64(hl)
      }
    });
    const js = new ShardedTreeBuilder(data, P, {
      shard,
      slabs: [[new Float64Array(slabLength), new Float64Array(slabLength)]],
      sums: new Float64Array(2),
      sync: () => {}
    });
    const before = calls();
    for (const feats of [null, Int32Array.from([1, 2, 4])]) {
      const a = wasm.grow(wGh, null, feats);
      const b = js.grow(gh, null, feats);
      expect(a).toEqual(b);
      expect(wasm.rows).toEqual(js.rows);
    }
    const used = callsSince(before);
    for (const e of ["build16d", "features16", "subtract", "partition"]) expect(used[e], e).toBeGreaterThan(0);
  });
});
