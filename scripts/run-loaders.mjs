// Runs the site's TypeScript data loaders (notebooks/data/*.ts) before `observable build`, several at
// once, and leaves each output where Framework keeps loader output (notebooks/.observablehq/cache/data/).
// Framework then finds every output fresh and runs none itself.
//
// Why: Framework runs loaders one after another, and most are single-threaded, so a 2-core machine
// sat half idle for the whole build (ml-1m's size: 348 s, of which one loader took 193 s). Running
// them `jobs` at a time, longest first, is the same work in less wall time; each loader is the same
// command Framework would run (`tsx notebooks/data/x.json.ts`, from the repository root), so every
// figure is unchanged.
//
// Output is written to a temporary file and renamed into place only when the loader exits 0, so a
// failed or interrupted loader never leaves a half-written file that Framework would take as fresh.
import {spawn} from "node:child_process";
import {closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync} from "node:fs";
import {availableParallelism} from "node:os";
import {delimiter, join} from "node:path";

/**
 * Loaders known to be slow, slowest first (measured on ml-100k and a 1M-rating set): they start first
 * so that the short ones fill the other core around them.
 */
export const SLOW_FIRST = [
  "recommender-comparison.json",
  "recommender-ranking.json",
  "model.json",
  "classifier-cv.json",
  "recommender-users.json",
  "classifier-holdout.json"
];

/** How many loaders run at once: MOVIELAB_BUILD_JOBS, else the cores available, at most 2 (memory at ml-32m's size). */
export function loaderJobs(env = process.env) {
  const asked = env.MOVIELAB_BUILD_JOBS;
  if (asked !== undefined && asked !== "") {
    const n = Number(asked);
    if (!Number.isInteger(n) || n < 1) throw new Error(`MOVIELAB_BUILD_JOBS is "${asked}": expected an integer ≥ 1`);
    return n;
  }
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** The data loaders under notebooks/data (their output names, e.g. "ratings.json"), slow ones first. */
export function dataLoaders(root) {
  const names = readdirSync(join(root, "notebooks", "data"))
    .filter((f) => /\.[a-z]+\.ts$/.test(f))
    .map((f) => f.slice(0, -3))
    .sort();
  const rank = (n) => (SLOW_FIRST.includes(n) ? SLOW_FIRST.indexOf(n) : SLOW_FIRST.length);
  return names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

/**
 * Runs every data loader, `jobs` at a time; resolves with each one's seconds, or rejects naming the
 * loaders that failed (after the others finish). `log` receives progress lines.
 */
export async function runLoaders({root, cache, jobs = loaderJobs(), env = process.env, log = console.log}) {
  const bin = join(root, "node_modules", ".bin");
  const tsx = join(bin, process.platform === "win32" ? "tsx.cmd" : "tsx");
  // The build already keeps every core busy with `jobs` loaders: a loader's own threads would only
  // add start-up work (MOVIELAB_LOADER_THREADS, read by the model comparison).
  const childEnv = {MOVIELAB_LOADER_THREADS: "1", ...env, PATH: `${bin}${delimiter}${env.PATH ?? ""}`};
  const queue = dataLoaders(root);
  const outDir = join(cache, "data");
  mkdirSync(outDir, {recursive: true});
  const seconds = {};
  const failed = [];
  const started = performance.now();
  log(`build: running ${queue.length} data loaders, ${jobs} at a time`);

  const runOne = (name) =>
    new Promise((resolvePromise) => {
      const target = join(outDir, name);
      const temp = `${target}.${process.pid}.tmp`;
      const fd = openSync(temp, "w");
      const t0 = performance.now();
      const child = spawn(tsx, [join("notebooks", "data", `${name}.ts`)], {
        cwd: root,
        env: childEnv,
        stdio: ["ignore", fd, "pipe"]
      });
      // The child holds its own copy of the descriptor.
      closeSync(fd);
      let pending = "";
      child.stderr.on("data", (chunk) => {
        pending += chunk;
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) if (line.trim() !== "") process.stderr.write(`  ${line}\n`);
      });
      let done = false;
      const finish = (code, error) => {
        if (done) return;
        done = true;
        if (pending.trim() !== "") process.stderr.write(`  ${pending}\n`);
        const s = (performance.now() - t0) / 1000;
        if (code === 0) {
          renameSync(temp, target);
          seconds[name] = Math.round(s * 10) / 10;
          log(`build: loader data/${name} done in ${s.toFixed(1)} s`);
        } else {
          rmSync(temp, {force: true});
          failed.push(`data/${name} (${error ? error.message : `exit code ${code}`})`);
          log(`build: loader data/${name} FAILED after ${s.toFixed(1)} s`);
        }
        resolvePromise();
      };
      child.on("error", (e) => finish(1, e));
      child.on("close", (code) => finish(code ?? 1));
    });

  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) await runOne(name);
  };
  await Promise.all(Array.from({length: jobs}, worker));
  const wall = (performance.now() - started) / 1000;
  if (failed.length > 0) throw new Error(`data loaders failed: ${failed.join(", ")}`);
  log(`build: data loaders done in ${wall.toFixed(1)} s (${jobs} at a time)`);
  return {seconds, wallSeconds: Math.round(wall * 10) / 10, jobs};
}
