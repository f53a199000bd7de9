/**
 * The site build, timed. Two modes:
 * - ml-100k (the default, issue 16's "site build, ml-100k" row): `node scripts/build.mjs` on the real
 *   ml-100k (MOVIELAB_TEST_DATA, else data/ml-100k, else ../shared/data/ml-100k; `--data DIR` for
 *   another), `--runs N` times (default 3) cold (every loader runs: MOVIELAB_LOADER_STORE=off) and N
 *   times warm (loaders restored from the result store, scripts/loader-results.mjs, after one build
 *   that fills it): min/median/max wall seconds, the CPU seconds of the whole process tree, each
 *   loader's median wall and CPU seconds in the cold runs, and the load average. `--modes cold` or
 *   `--modes warm` runs one of the two.
 * - a look-alike (`--like ml-1m [--fraction 1] [--dir DIR]`): `npm run build` on a generated set, once,
 *   with the peak resident memory of the whole process tree (the build and its loaders, two at a time)
 *   sampled every half second, and the largest data file a page ships.
 * Prints one JSON object with the issue's targets and the load average (2-core shared machine: compare
 * runs, not figures). It rebuilds dist/ on that set: run it in a scratch clone, or rebuild the site afterwards.
 * Usage: tsx bench/site-build.ts [--data DIR] [--runs 3] [--modes cold,warm] | [--like ml-1m] [--fraction 1] [--dir DIR]
 */
import {execFileSync, spawn} from "node:child_process";
import {existsSync, readdirSync, statSync} from "node:fs";
import {loadavg} from "node:os";
import {join, resolve} from "node:path";
import {lookAlikeArgs} from "./look-alike-args.js";
import {setShape} from "../lib/data/synthetic-shapes.js";
import {writeLikeSet} from "../lib/node/write-like-set.js";
import {childCpuSeconds} from "../scripts/run-loaders.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const log = (msg: string) => process.stderr.write(`site-build: ${msg}\n`);
const argv = process.argv.slice(2);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

if (!argv.includes("--like") && !argv.includes("--dir")) {
  await ml100kBench();
  process.exit(0);
}
const {like, fraction, dir} = lookAlikeArgs();
const load = [loadavg()[0]];

/** Resident memory (KiB) of a process and all its descendants, from one `ps` listing. */
function treeRssKiB(root: number): number {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,rss="], {encoding: "utf8"})
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number));
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const [pid, ppid, kib] of rows) {
    rss.set(pid, kib);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let sum = 0;
  const stack = [root];
  while (stack.length > 0) {
    const p = stack.pop()!;
    sum += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return sum;
}

if (!existsSync(join(dir, "ratings.csv")) && !existsSync(join(dir, "ratings.dat"))) {
  log(`writing a ${like} look-alike to ${dir}`);
  writeLikeSet(setShape(like), dir, {fraction});
}

log(`npm run build with MOVIELAB_DATA=${dir}`);
const t0 = performance.now();
const child = spawn("npm", ["run", "build"], {
  cwd: ROOT,
  env: {...process.env, MOVIELAB_DATA: dir, MOVIELAB_NO_PROGRESS: "1"},
  stdio: ["ignore", "ignore", "pipe"]
});
let stderr = "";
child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-4000)));
let peakKiB = 0;
const sampler = setInterval(() => {
  peakKiB = Math.max(peakKiB, treeRssKiB(child.pid!));
  load.push(loadavg()[0]);
}, 500);
const code: number = await new Promise((done) => child.on("close", done));
clearInterval(sampler);
const seconds = (performance.now() - t0) / 1000;
if (code !== 0) throw new Error(`npm run build exited ${code}: ${stderr}`);

const dataDir = join(ROOT, "dist", "_file", "data");
const files = readdirSync(dataDir).map((f) => ({file: f, bytes: statSync(join(dataDir, f)).size}));
files.sort((a, b) => b.bytes - a.bytes);
const peakMiB = round(peakKiB / 1024, 0);
const targets: Record<string, boolean> =
  like === "ml-1m"
    ? {"site build on a 1M-rating set under 5 minutes": seconds < 300}
    : like === "ml-25m" || like === "ml-32m"
      ? {"site build under 20 minutes": seconds < 1200, "peak RSS under 8 GB": peakMiB < 8192}
      : {};
console.log(
  JSON.stringify({
    bench: "site-build",
    like,
    fraction,
    dir,
    seconds: round(seconds),
    peakTreeRssMiB: peakMiB,
    largestDataFiles: files.slice(0, 4),
    dataFilesOver1MB: files.filter((f) => f.bytes > 1e6).map((f) => f.file),
    targets,
    loadAverage: [load[0], Math.max(...load), load[load.length - 1]].map((x) => round(x, 2))
  })
);

/** The real ml-100k's directory: --data, MOVIELAB_TEST_DATA, data/ml-100k, ../shared/data/ml-100k. */
function ml100kDir(): string {
  const i = argv.indexOf("--data");
  const candidates =
    i >= 0
      ? [argv[i + 1]]
      : process.env.MOVIELAB_TEST_DATA
        ? [process.env.MOVIELAB_TEST_DATA]
        : [join(ROOT, "data", "ml-100k"), join(ROOT, "..", "shared", "data", "ml-100k")];
  const found = candidates.map((c) => resolve(c)).find((c) => existsSync(join(c, "u.data")));
  if (found === undefined) throw new Error(`no ml-100k (u.data) in ${candidates.join(", ")}: pass --data DIR`);
  return found;
}

/** One `node scripts/build.mjs` run: wall and CPU seconds, and each loader's wall and CPU seconds from its log. */
async function timedBuild(env: NodeJS.ProcessEnv) {
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, "scripts", "build.mjs")], {
    cwd: ROOT,
    env: {...process.env, ...env, MOVIELAB_NO_PROGRESS: "1", OBSERVABLE_TELEMETRY_DISABLE: "1"},
    stdio: ["ignore", "pipe", "pipe"]
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (err = (err + d).slice(-4000)));
  const code: number = await new Promise((done) => child.on("close", done));
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = childCpuSeconds();
  if (code !== 0) throw new Error(`scripts/build.mjs exited ${code}: ${err}`);
  const loaders: Record<string, {seconds: number; cpuSeconds: number | null}> = {};
  for (const m of out.matchAll(/build: loader data\/(\S+) done in ([\d.]+) s(?: \(([\d.]+) s CPU\))?/g))
    loaders[m[1]] = {seconds: Number(m[2]), cpuSeconds: m[3] === undefined ? null : Number(m[3])};
  const restored = [...out.matchAll(/build: loader data\/(\S+) restored/g)].map((m) => m[1]);
  return {seconds, cpuSeconds: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, loaders, restored};
}

/** min, median and max of a list of numbers, rounded. */
function spread(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return {min: round(s[0]), median: round(s[s.length >> 1]), max: round(s[s.length - 1])};
}

/** The ml-100k mode: N cold builds (no result store) and N warm ones (store filled by one build first). */
async function ml100kBench() {
  const data = ml100kDir();
  const ri = argv.indexOf("--runs");
  const runs = ri >= 0 ? Number(argv[ri + 1]) : 3;
  const mi = argv.indexOf("--modes");
  const modes = (mi >= 0 ? argv[mi + 1] : "cold,warm").split(",");
  const loads: number[] = [loadavg()[0]];
  const sampler = setInterval(() => loads.push(loadavg()[0]), 2000);
  const result: Record<string, unknown> = {bench: "site-build", data: "ml-100k", runs};
  const base = {MOVIELAB_DATA: data, MOVIELAB_OFFLINE: "1"};
  if (modes.includes("cold")) {
    const builds: Awaited<ReturnType<typeof timedBuild>>[] = [];
    for (let i = 0; i < runs; i++) {
      log(`cold build ${i + 1} of ${runs} (MOVIELAB_LOADER_STORE=off)`);
      builds.push(await timedBuild({...base, MOVIELAB_LOADER_STORE: "off"}));
    }
    const names = Object.keys(builds[0].loaders);
    result.cold = {
      seconds: spread(builds.map((b) => b.seconds)),
      cpuSeconds: builds.every((b) => b.cpuSeconds !== null) ? spread(builds.map((b) => b.cpuSeconds!)) : null,
      loaders: Object.fromEntries(
        names.map((n) => [
          n,
          {
            seconds: spread(builds.map((b) => b.loaders[n]?.seconds ?? NaN)).median,
            cpuSeconds: builds.every((b) => b.loaders[n]?.cpuSeconds != null)
              ? spread(builds.map((b) => b.loaders[n].cpuSeconds!)).median
              : null
          }
        ])
      )
    };
  }
  if (modes.includes("warm")) {
    log("filling the result store (one build, not timed in the figures)");
    await timedBuild(base);
    const builds: Awaited<ReturnType<typeof timedBuild>>[] = [];
    for (let i = 0; i < runs; i++) {
      log(`warm build ${i + 1} of ${runs}`);
      builds.push(await timedBuild(base));
    }
    result.warm = {
      seconds: spread(builds.map((b) => b.seconds)),
      cpuSeconds: builds.every((b) => b.cpuSeconds !== null) ? spread(builds.map((b) => b.cpuSeconds!)) : null,
      restored: builds[builds.length - 1].restored.length,
      ran: Object.keys(builds[builds.length - 1].loaders)
    };
  }
  clearInterval(sampler);
  const cold = result.cold as {seconds: {median: number}} | undefined;
  const warm = result.warm as {seconds: {median: number}} | undefined;
  result.targets = {
    ...(cold ? {"cold site build, ml-100k, under 90 s (median)": cold.seconds.median < 90} : {}),
    ...(warm ? {"warm site build, ml-100k, under 90 s (median)": warm.seconds.median < 90} : {})
  };
  result.loadAverage = {start: round(loads[0], 2), max: round(Math.max(...loads), 2), end: round(loads.at(-1)!, 2)};
  console.log(JSON.stringify(result));
}
