/**
 * Synthetic generator speed and memory. Prints one JSON object:
 * ms to generate 100,000 ratings (median of 5 runs), then ms, peak RSS and heap at 25,000,000 ratings
 * (ml-25m's size: 162,541 users, 62,423 movies). Set SYNTHETIC_LARGE=0 to skip the large run.
 *
 * Run: npx tsx bench/synthetic.ts
 */
import {generateSynthetic} from "../lib/data/synthetic.js";

const MB = 1024 * 1024;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const smallRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const d = generateSynthetic({seed: 42 + i});
  smallRuns.push(performance.now() - t0);
  if (d.ratings.rating.length !== 100_000) throw new Error("wrong rating count");
}

const result: Record<string, unknown> = {
  bench: "synthetic",
  node: process.version,
  small: {
    ratings: 100_000,
    users: 943,
    movies: 1682,
    runsMs: smallRuns.map((x) => Math.round(x)),
    medianMs: Math.round(median(smallRuns)),
    targetMs: 500
  }
};

if (process.env.SYNTHETIC_LARGE !== "0") {
  // Sample memory while the generator runs: RSS peaks inside it, not after.
  let peakRss = 0;
  let peakHeap = 0;
  let peakArrayBuffers = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakArrayBuffers = Math.max(peakArrayBuffers, m.arrayBuffers);
  };
  // The generator is synchronous, so a timer cannot fire inside it; sample before and after and read
  // the kernel's high-water mark (VmHWM) where /proc exists, which does see the peak inside.
  sample();
  const t0 = performance.now();
  const d = generateSynthetic({seed: 42, users: 162_541, movies: 62_423, ratings: 25_000_000});
  const ms = performance.now() - t0;
  sample();
  const hwm = await vmHwmBytes();
  const peak = Math.max(peakRss, hwm ?? 0);
  result.large = {
    ratings: d.ratings.rating.length,
    users: d.users?.id.length,
    movies: d.movies.id.length,
    ms: Math.round(ms),
    peakRssMB: Math.round(peak / MB),
    peakRssSource: hwm === null ? "process.memoryUsage after the run" : "/proc/self/status VmHWM",
    heapUsedMB: Math.round(peakHeap / MB),
    arrayBuffersMB: Math.round(peakArrayBuffers / MB),
    targetMB: 2048,
    underTarget: peak < 2048 * MB
  };
}

console.log(JSON.stringify(result, null, 2));

async function vmHwmBytes(): Promise<number | null> {
  try {
    const {readFile} = await import("node:fs/promises");
    const status = await readFile("/proc/self/status", "utf8");
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
