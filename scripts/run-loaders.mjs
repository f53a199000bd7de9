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
//
// A loader whose code, settings and data are those of an earlier build is not run again: its output
// is copied back from the result store (scripts/loader-results.mjs), byte for byte.
import {spawn} from "node:child_process";
import {closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync} from "node:fs";
import {availableParallelism} from "node:os";
import {delimiter, join} from "node:path";
import {keepLoaderResult, loaderResultKey, loaderStoreDir, restoreLoaderResult} from "./loader-results.mjs";

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
 * CPU seconds (user + system) of this process's children that have exited and been waited for (Linux:
 * /proc/self/stat's cutime and cstime, in USER_HZ = 100 ticks per second); null elsewhere. The
 * difference across one loader's exit is that loader's CPU time, its own children and threads included.
 */
export function childCpuSeconds() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of proc(5), counted from the state field (3) after the command name.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

/**
 * Runs every data loader, `jobs` at a time, or restores its output from the result store when an earlier
 * build made it from the same code, settings and data; resolves with each run loader's wall and CPU
 * seconds and the names restored, or rejects naming the loaders that failed (after the others finish).
 * `log` receives progress lines.
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
  const cpuSeconds = {};
  const restored = [];
  const failed = [];
  const store = loaderStoreDir(root, childEnv);
  const started = performance.now();
  let lastCpu = childCpuSeconds();
  log(
    `build: running ${queue.length} data loaders, ${jobs} at a time` +
      (store === null ? " (result store off)" : ", unchanged ones restored from the result store")
  );

  const runOne = async (name) => {
    const target = join(outDir, name);
    const key = store === null ? null : loaderResultKey(root, name, childEnv);
    if (key !== null && restoreLoaderResult(store, name, key, target)) {
      restored.push(name);
      log(`build: loader data/${name} restored (same code, settings and data as a stored result)`);
      return;
    }
    await new Promise((resolvePromise) => {
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
        const cpuNow = childCpuSeconds();
        const cpu = cpuNow === null || lastCpu === null ? null : cpuNow - lastCpu;
        lastCpu = cpuNow;
        if (code === 0) {
          renameSync(temp, target);
          if (key !== null) keepLoaderResult(store, name, key, target);
          seconds[name] = Math.round(s * 10) / 10;
          if (cpu !== null) cpuSeconds[name] = Math.round(cpu * 10) / 10;
          log(
            `build: loader data/${name} done in ${s.toFixed(1)} s${cpu === null ? "" : ` (${cpu.toFixed(1)} s CPU)`}`
          );
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
  };

  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) await runOne(name);
  };
  await Promise.all(Array.from({length: jobs}, worker));
  const wall = (performance.now() - started) / 1000;
  if (failed.length > 0) throw new Error(`data loaders failed: ${failed.join(", ")}`);
  const cpuTotal = Object.values(cpuSeconds).reduce((a, b) => a + b, 0);
  log(
    `build: data loaders done in ${wall.toFixed(1)} s (${jobs} at a time, ${cpuTotal.toFixed(1)} s CPU; ` +
      `${restored.length} restored from the store)`
  );
  return {seconds, cpuSeconds, restored, wallSeconds: Math.round(wall * 10) / 10, jobs};
}
