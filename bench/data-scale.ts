/**
 * The data path at full size: a generated look-alike of ml-25m (or --like NAME) read, validated and
 * cleaned from its CSV files, then cached, then opened from the cache. Each step runs in its own
 * process so that its peak RSS is its own. Prints one JSON object with times (s), peak RSS (MiB),
 * the targets and the load average (2-core shared machine: compare runs, not single figures).
 * Usage: tsx bench/data-scale.ts [--like ml-25m] [--fraction 1] [--dir DIR] [--runs 3]
 *   --dir: where the set is (written there first when missing; default $TMPDIR/movielab-bench-<like>-<fraction>)
 */
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {lookAlikeArgs} from "./look-alike-args.js";

const {arg, like, fraction, dir} = lookAlikeArgs();
const runs = Number(arg("runs", "3"));
const ROOT = resolve(import.meta.dirname, "..");
const load = [loadavg()[0]];

/** Runs `body` (an ES module body with `dir` and `cacheDir` in scope) in a fresh process; returns its JSON plus seconds and peak RSS. */
function step(body: string, cacheDir = ""): {seconds: number; rssMiB: number; [k: string]: unknown} {
  const script = `
    const dir = ${JSON.stringify(dir)}; const cacheDir = ${JSON.stringify(cacheDir)};
    const t0 = performance.now();
    const out = await (async () => { ${body} })();
    console.log(JSON.stringify({...out, seconds: (performance.now() - t0) / 1000, rssMiB: process.resourceUsage().maxRSS / 1024}));`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 24
  });
  load.push(loadavg()[0]);
  if (r.status !== 0) throw new Error(`step failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let generated: unknown = "reused";
if (!existsSync(join(dir, "ratings.csv")) && !existsSync(join(dir, "ratings.dat"))) {
  generated = step(`
    const {writeLikeSet} = await import("./lib/node/write-like-set.ts");
    const {setShape} = await import("./lib/data/synthetic-shapes.ts");
    const w = writeLikeSet(setShape(${JSON.stringify(like)}), dir, {fraction: ${fraction}});
    return {ratings: w.ratings, users: w.users, movies: w.movies, files: w.files};`);
}

// Timed from after the modules are loaded (tsx compiles them on first import: about a second).
const open = (cache: boolean) => `
  const {openDataset} = await import("./lib/node/open-dataset.ts");
  const t = performance.now();
  const o = await openDataset({spec: dir, ${cache ? "cacheDir" : "cache: false"}});
  return {open: (performance.now() - t) / 1000, ratings: o.dataset.ratings.rating.length, kept: o.report.rowsOut};`;

const fromCsv = [step(open(false))];
const cacheDir = mkdtempSync(join(tmpdir(), "movielab-bench-cache-"));
const build = step(open(true), cacheDir);
const opens = Array.from({length: runs}, () => step(open(true), cacheDir));
rmSync(cacheDir, {recursive: true, force: true});

const openSeconds = median(opens.map((o) => o.open as number));
const peak = Math.max(fromCsv[0].rssMiB, build.rssMiB, ...opens.map((o) => o.rssMiB));
console.log(
  JSON.stringify({
    bench: "data-scale",
    like,
    fraction,
    dir,
    generated,
    ratings: fromCsv[0].ratings,
    kept: fromCsv[0].kept,
    readValidateCleanFromCsv: {seconds: round(fromCsv[0].open as number), rssMiB: Math.round(fromCsv[0].rssMiB)},
    firstOpenWritingCache: {seconds: round(build.open as number), rssMiB: Math.round(build.rssMiB)},
    openFromCache: {
      secondsMedian: round(openSeconds),
      seconds: opens.map((o) => round(o.open as number)),
      processSeconds: opens.map((o) => round(o.seconds)),
      rssMiB: Math.round(median(opens.map((o) => o.rssMiB)))
    },
    speedup: round((fromCsv[0].open as number) / openSeconds, 1),
    targets: {
      "parse+validate+clean < 30 s": (fromCsv[0].open as number) < 30,
      "cache open < 2 s": openSeconds < 2,
      "peak RSS < 4 GB": peak < 4096
    },
    loadAverage: load.map((l) => round(l, 2))
  })
);
