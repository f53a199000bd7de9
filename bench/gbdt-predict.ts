/**
 * GBDT prediction speed on ml-100k u1's 20,000 test rows with the peer configuration (13 features,
 * 100 rounds × 5 classes = 500 trees, depth 6), single thread: trees only (predictProba on the
 * feature matrix) and end to end (predictClassifier: features + trees). With --baseline REV the
 * predict.ts of that git revision is timed in the same run, interleaved, and its probabilities are
 * compared bit for bit with the current ones; trees_only_js_kernel is the fallback where WebAssembly
 * is refused. Medians of RUNS runs (default 9), wall and CPU ms.
 * Prints one JSON object. Usage: tsx bench/gbdt-predict.ts [dir] [--baseline REV]
 */
import {execFileSync} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {pathToFileURL} from "node:url";
import {buildFeatures} from "../lib/features/feature-matrix.js";
import type {GbdtModel} from "../lib/models/gbdt/model.js";
import {predictProba} from "../lib/models/gbdt/predict.js";
import {transformMargins} from "../lib/models/gbdt/objective.js";
import {addRankForest, encodeRanks, rankForest} from "../lib/models/gbdt/rank-forest.js";
import {parallelTrainer} from "../lib/node/threads/gbdt-parallel.js";
import {openDataset} from "../lib/node/open-dataset.js";
import {fitClassifierAsync, PEER_CLASSIFIER_PARAMS, predictClassifier} from "../lib/models/classifier/pipeline.js";

type Proba = (model: GbdtModel, features: Float32Array, n: number) => Float32Array;

const args = process.argv.slice(2);
const baselineArg = args.indexOf("--baseline");
const baselineRev = baselineArg >= 0 ? args[baselineArg + 1] : null;
const dir = resolve(
  args.find((a, i) => !a.startsWith("--") && i !== baselineArg + 1) ??
    process.env.MOVIELAB_TEST_DATA ??
    join(import.meta.dirname, "../../shared/data/ml-100k")
);
const RUNS = Number(process.env.RUNS ?? 9);
const log = (msg: string) => process.stderr.write(`[bench/gbdt-predict] ${msg}\n`);
const r2 = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The predictProba of predict.ts at a git revision, written to a temporary module that imports the current siblings. */
async function baselineProba(rev: string): Promise<{proba: Proba; cleanup: () => void}> {
  const root = resolve(import.meta.dirname, "..");
  const src = execFileSync("git", ["show", `${rev}:lib/models/gbdt/predict.ts`], {cwd: root, encoding: "utf8"});
  const siblings = pathToFileURL(join(root, "lib/models/gbdt/")).href;
  const tmp = mkdtempSync(join(tmpdir(), "gbdt-predict-baseline-"));
  const file = join(tmp, "predict-baseline.mts");
  writeFileSync(
    file,
    src.replace(/from "\.\/([^"]+)"/g, (_, p: string) => `from "${siblings}${p}"`)
  );
  const mod = (await import(pathToFileURL(file).href)) as {predictProba: Proba};
  return {proba: mod.predictProba, cleanup: () => rmSync(tmp, {recursive: true, force: true})};
}

/** Milliseconds of f (wall and this process's CPU). */
function time(f: () => unknown): {wall: number; cpu: number} {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const wall = performance.now() - t;
  const u = process.cpuUsage(c);
  return {wall, cpu: (u.user + u.system) / 1000};
}

const opened = await openDataset({target: {kind: "dir", dir, name: "ml-100k"}, clean: {beforeRelease: false}});
const dataset = opened.dataset;
const folds = await opened.folds.official();
log("u1 model, peer configuration (two training threads)");
const state = await fitClassifierAsync(dataset, folds[0].train, PEER_CLASSIFIER_PARAMS, {
  trainer: parallelTrainer({threads: 2})
});
const model = state.model;
const test = folds[0].test;
const m = buildFeatures(state.features, dataset, test, {forTraining: false});
const ci = state.columnIndex;
const n = test.length;
const x =
  ci === null
    ? m.features
    : Float32Array.from(
        {length: n * ci.length},
        (_, i) => m.features[Math.floor(i / ci.length) * m.nFeatures + ci[i % ci.length]]
      );

const compile = time(() => rankForest(model));
const forest = rankForest(model);
const cases: Record<string, () => unknown> = {
  trees_only: () => predictProba(model, x, n),
  encode_only: () => (forest === null ? null : encodeRanks(forest, x, n)),
  // predictProba with the JavaScript kernel only (as in a page whose CSP refuses WebAssembly).
  trees_only_js_kernel: () => {
    if (forest === null) return null;
    const out = new Float32Array(n * model.num_group).fill(model.base_margin);
    addRankForest(
      forest,
      encodeRanks(forest, x, n),
      n,
      (model.best_iteration + 1) * model.num_group,
      model.num_group,
      out,
      "js"
    );
    transformMargins(model.objective, out, n, model.num_group);
    return out;
  },
  end_to_end: () => predictClassifier(state, dataset, test)
};
const baseline = baselineRev === null ? null : await baselineProba(baselineRev);
let identical: Record<string, unknown> | null = null;
if (baseline !== null) {
  cases.baseline_trees_only = () => baseline.proba(model, x, n);
  const b = baseline.proba(model, x, n);
  const differing = (a: Float32Array | null) =>
    a === null ? null : a.reduce((count, v, i) => count + (Object.is(v, b[i]) ? 0 : 1), 0);
  identical = {
    values: b.length,
    differing: differing(predictProba(model, x, n)),
    differing_js_kernel: differing(cases.trees_only_js_kernel() as Float32Array | null)
  };
}
const samples: Record<string, {wall: number[]; cpu: number[]}> = {};
for (const k of Object.keys(cases)) samples[k] = {wall: [], cpu: []};
// One warm-up round, then RUNS rounds interleaving the cases so that load drifts hit them alike.
for (let r = -1; r < RUNS; r++) {
  for (const [k, f] of Object.entries(cases)) {
    const t = time(f);
    if (r < 0) continue;
    samples[k].wall.push(t.wall);
    samples[k].cpu.push(t.cpu);
  }
}
baseline?.cleanup();
const result = Object.fromEntries(
  Object.entries(samples).map(([k, s]) => [
    `${k}_ms`,
    {wall_median: r2(median(s.wall)), cpu_median: r2(median(s.cpu)), wall_min: r2(Math.min(...s.wall))}
  ])
);
console.log(
  JSON.stringify({
    dataset: dir,
    node: process.version,
    rows: n,
    trees: model.trees.length,
    features: model.num_feature,
    depth: forest?.depth ?? null,
    compiled: forest !== null,
    compile_ms: r2(compile.wall),
    runs: RUNS,
    baseline: baselineRev,
    bit_identical_to_baseline: identical,
    ...result,
    loadavg: loadavg().map(r2)
  })
);
process.exit(0);
