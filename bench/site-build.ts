/**
 * The site build at full size: `npm run build` on a generated look-alike (default ml-1m's shape),
 * timed, with the peak resident memory of the whole process tree (the build and its loaders, two at
 * a time) sampled every half second, and the largest data file a page ships. Prints one JSON object
 * with the targets and the load average (2-core shared machine: compare runs, not figures).
 * It rebuilds dist/ on that set: run it in a scratch clone, or rebuild the site afterwards.
 * Usage: tsx bench/site-build.ts [--like ml-1m] [--fraction 1] [--dir DIR]
 */
import {execFileSync, spawn} from "node:child_process";
import {existsSync, readdirSync, statSync} from "node:fs";
import {loadavg} from "node:os";
import {join, resolve} from "node:path";
import {lookAlikeArgs} from "./look-alike-args.js";
import {setShape} from "../lib/data/synthetic-shapes.js";
import {writeLikeSet} from "../lib/node/write-like-set.js";

const {like, fraction, dir} = lookAlikeArgs();
const ROOT = resolve(import.meta.dirname, "..");
const load = [loadavg()[0]];
const log = (msg: string) => process.stderr.write(`site-build: ${msg}\n`);

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
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
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
