// Micro-benchmark of the histogram build: the WebAssembly SIMD kernel (lib/wasm/histogram.ts)
// against the JavaScript loop (histogram.ts buildHistogram) on the classifier's real training matrix:
// ml-100k u1 with the peer's 13 features, 256 bins, u16 slots; nodes of 80k, 40k, 10k and 1k rows
// (sorted random subsets, as a stable partition of ascending rows leaves them). Also the feature-list
// variant, histogram subtraction and the row partition. Prints one JSON object.
// Usage: npx tsx bench/gbdt-histogram.ts [ml-100k dir]  (HIST_BENCH_REPS to change repetitions)
import {availableParallelism, loadavg} from "node:os";
import {join, resolve} from "node:path";
import {binTrainingMatrix, MISSING_CODE} from "../lib/models/gbdt/binning.js";
import {
  buildHistogram,
  buildHistogramFeatures,
  histogramLength,
  slotMatrix,
  subtractHistogram
} from "../lib/models/gbdt/histogram.js";
import {arenaHistogramKernels, histogramKernels} from "../lib/models/gbdt/histogram-kernels.js";
import {arenaBytes, WasmArena} from "../lib/wasm/arena.js";
import {histogramWasmAvailable} from "../lib/wasm/histogram.js";
import {binnedMatrix, partitionRows} from "../lib/models/gbdt/tree-builder.js";
import type {TrainInput} from "../lib/models/gbdt/train.js";
import {openDataset} from "../lib/node/open-dataset.js";
import {fitClassifierAsync, PEER_CLASSIFIER_PARAMS} from "../lib/models/classifier/pipeline.js";
import {createRng} from "../lib/random.js";

const dir = resolve(
  process.argv[2] ?? process.env.MOVIELAB_TEST_DATA ?? join(import.meta.dirname, "../../shared/data/ml-100k")
);
const REPS = Number(process.env.HIST_BENCH_REPS ?? 15);
const load0 = loadavg()[0];

// The u1 training matrix exactly as the classifier hands it to the trees: captured from an injected trainer.
const {dataset, folds} = await openDataset({
  target: {kind: "dir", dir, name: "ml-100k"},
  clean: {beforeRelease: false}
});
const fold = (await folds.official())[0];
let captured: TrainInput | null = null;
await fitClassifierAsync(dataset, fold.train, PEER_CLASSIFIER_PARAMS, {
  trainer: async (train) => {
    captured = train;
    throw new Error("captured");
  }
}).catch((e: Error) => {
  if (e.message !== "captured") throw e;
});
const train = captured as TrainInput | null;
if (train === null) throw new Error("bench/gbdt-histogram: the classifier did not reach its trainer");
const n = train.n;
const d = train.d ?? train.features.length / n;
const {bins, cuts} = binTrainingMatrix(train.features, n, d, 256);
const data = binnedMatrix(bins, n, d, cuts);
const slotsJs = slotMatrix(bins, n, d);
if (!(slotsJs instanceof Uint16Array)) throw new Error("expected u16 slots");
const rng = createRng(1);
const ghJs = Float64Array.from({length: 2 * n}, (_, i) => (i % 2 === 0 ? rng.normal() * 0.4 : 0.05 + rng.next() * 0.2));
const hl = histogramLength(d);

const arena = WasmArena.create(
  arenaBytes([n * d, 2], [n * d, 1], [2 * n, 8], [n, 4], [n, 4], [hl, 8], [hl, 8], [hl, 8], [d, 4])
)!;
const k = arenaHistogramKernels(arena, d);
// The same kernels without the build unrolled for d (loop over the row's cells).
const kGeneric = histogramKernels(arena.memory, null);
const slots = arena.copy(slotsJs);
const columns = arena.copy(data.columns);
const gh = arena.copy(ghJs);
const rows = arena.u32(n);
const tmp = arena.u32(n);
const hist = arena.f64(hl);
const spare = arena.f64(hl);
const other = arena.f64(hl);

/** Sorted random subset of m of the n rows. */
function subset(m: number, seed: number): Uint32Array {
  const r = createRng(seed);
  const all = Uint32Array.from({length: n}, (_, i) => i);
  r.shuffle(all);
  return all.subarray(0, m).sort();
}

function timeMin(fn: () => void): {min_ms: number; median_ms: number} {
  const t: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return {min_ms: t[0], median_ms: t[Math.floor(t.length / 2)]};
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const sizes = [n, 40000, 10000, 1000].map((m) => Math.min(m, n));
const feats = Int32Array.from([0, 1, 3, 4, 6, 7, 9, 10, 12]);
const allFeats = Int32Array.from({length: d}, (_, f) => f);
const build: Record<string, unknown>[] = [];
const jsHist = new Float64Array(hl);
const jsSpare = new Float64Array(hl);
for (const m of sizes) {
  const sub = subset(m, m);
  rows.set(sub);
  const cells = m * d;
  const run = (fn: () => void) => {
    fn(); // warm-up
    const t = timeMin(fn);
    return {ns_per_cell: r3((t.min_ms * 1e6) / cells), median_ns_per_cell: r3((t.median_ms * 1e6) / cells)};
  };
  const js = run(() => {
    jsHist.fill(0);
    buildHistogram(jsHist, slotsJs, d, ghJs, sub, 0, m, jsSpare);
  });
  const wasm = run(() => {
    hist.fill(0);
    k.build(hist, slots, d, gh, rows, 0, m, spare);
  });
  const wasmGeneric = run(() => {
    hist.fill(0);
    kGeneric.build(hist, slots, d, gh, rows, 0, m, spare);
  });
  const wasmOne = run(() => {
    hist.fill(0);
    k.build(hist, slots, d, gh, rows, 0, m, null);
  });
  // Identity on this matrix too (the test covers random ones).
  hist.fill(0);
  k.build(hist, slots, d, gh, rows, 0, m, spare);
  const same = hist.every((x, i) => Object.is(x, jsHist[i]));
  const jsF = run(() => {
    jsHist.fill(0);
    buildHistogramFeatures(jsHist, slotsJs, d, ghJs, sub, 0, m, feats);
  });
  const wasmF = run(() => {
    hist.fill(0);
    k.buildFeatures(hist, slots, d, gh, rows, 0, m, feats);
  });
  build.push({
    rows: m,
    js_ns_per_cell: js.ns_per_cell,
    wasm_ns_per_cell: wasm.ns_per_cell,
    speedup: r3(js.ns_per_cell / wasm.ns_per_cell),
    wasm_not_unrolled_ns_per_cell: wasmGeneric.ns_per_cell,
    wasm_single_accumulator_ns_per_cell: wasmOne.ns_per_cell,
    js_median_ns_per_cell: js.median_ns_per_cell,
    wasm_median_ns_per_cell: wasm.median_ns_per_cell,
    bit_identical: same,
    features_9_of_13: {
      js_ns_per_cell: r3((jsF.ns_per_cell * d) / feats.length),
      wasm_ns_per_cell: r3((wasmF.ns_per_cell * d) / feats.length)
    }
  });
}

// Subtraction over all features (one histogram, d·512 doubles).
const jsOther = new Float64Array(hl);
const subJs = timeMin(() => {
  for (let i = 0; i < 200; i++) subtractHistogram(jsHist, jsOther, allFeats);
});
const subWasm = timeMin(() => {
  for (let i = 0; i < 200; i++) k.subtract(hist, hist, other, allFeats);
});

// Partition of all rows by the median code of feature 9 (u_mean).
const f = 9;
const missing = cuts.hasMissing[f] === 1 ? MISSING_CODE : 256;
const all = Uint32Array.from({length: n}, (_, i) => i);
const jsRows = all.slice();
const jsTmp = new Uint32Array(n);
const part = (fn: () => void) => timeMin(fn).min_ms;
const partJs = part(() => {
  jsRows.set(all);
  partitionRows(data, jsRows, jsTmp, 0, n, f, 100, true);
});
const partWasm = part(() => {
  rows.set(all);
  k.partition(rows, tmp, columns.subarray(f * n, (f + 1) * n), 0, n, 100, missing, true);
});

console.log(
  JSON.stringify(
    {
      bench: "gbdt-histogram",
      data: {
        set: "ml-100k u1 train, peer's 13 features (classifier pipeline)",
        n,
        d,
        bins: 256,
        slots: "u16",
        gh: "seeded random"
      },
      wasm_available: histogramWasmAvailable(),
      reps: REPS,
      build,
      subtract_all_features_us: {js: r3((subJs.min_ms * 1000) / 200), wasm: r3((subWasm.min_ms * 1000) / 200)},
      partition_all_rows_ms: {js: r3(partJs), wasm: r3(partWasm)},
      machine: {
        node: process.version,
        cores: availableParallelism(),
        loadavg_1min_start: load0,
        loadavg_1min_end: loadavg()[0]
      }
    },
    null,
    1
  )
);
