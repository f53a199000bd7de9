/**
 * A newcomer's first hour in the preview: `npm start` (scripts/preview.mjs) in a copy of the project
 * with an empty Framework cache, every page of the sidebar opened in Chromium one after another. Cold:
 * the first visit of each page (its loaders run on demand, --no-warm); warm: the same pages again on
 * the filled cache; restart: a new preview process on the same cache (what the next `npm start`
 * gives). A page counts as ready when it has loaded, no data loader runs and Framework shows no
 * loading cell. Prints one JSON object with seconds per page, the targets (warm < 5 s, cold < 60 s)
 * and the load average (2-core shared machine).
 * Usage: tsx bench/preview-pages.ts [--data DIR|synthetic]   (default: MOVIELAB_TEST_DATA or ml-100k's usual places)
 */
import {spawn, type ChildProcess} from "node:child_process";
import {rmSync} from "node:fs";
import {loadavg} from "node:os";
import type {Browser} from "playwright-core";
import config from "../observablehq.config.js";
import {launchChromium} from "../test/browser/chromium.js";
import {freePort} from "../test/helpers/free-port.js";
import {locateMl100k} from "../test/helpers/ml100k.js";
import {copyProject} from "../test/helpers/project-copy.js";

const arg = process.argv.indexOf("--data");
const data = arg > 0 ? process.argv[arg + 1] : (locateMl100k()?.dir ?? "synthetic");
const log = (msg: string) => process.stderr.write(`preview-pages: ${msg}\n`);
const load = [loadavg()[0]];

const paths = ["/", ...config.pages.flatMap((s) => s.pages.map((p) => p.path))];
const dir = copyProject("movielab-bench-preview-");

/** Starts the preview in the copy; resolves with its base URL once it answers. */
async function startPreview(): Promise<{child: ChildProcess; base: string}> {
  const port = await freePort();
  const child = spawn(process.execPath, ["scripts/preview.mjs", "--port", String(port), "--no-open", "--no-warm"], {
    cwd: dir,
    env: {...process.env, MOVIELAB_DATA: data, MOVIELAB_NO_PROGRESS: "1"},
    stdio: ["ignore", "ignore", "inherit"],
    detached: true
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      await fetch(`${base}/_movielab/loaders`);
      return {child, base};
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error("the preview did not start in 60 s");
}

/** Seconds from navigation until the page is ready (see the module comment). */
async function visit(browser: Browser, base: string, path: string): Promise<number> {
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  const t0 = performance.now();
  await page.goto(base + path, {waitUntil: "load", timeout: 900_000});
  for (;;) {
    const running = (await (await fetch(`${base}/_movielab/loaders`)).json()) as unknown[];
    const loading = await page.locator("observablehq-loading").count();
    if (running.length === 0 && loading === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // Not "networkidle": the progress panel polls every 1.5 s and some pages keep a worker busy.
  const seconds = (performance.now() - t0) / 1000;
  await page.close();
  return Math.round(seconds * 10) / 10;
}

async function pass(browser: Browser, base: string, label: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const path of paths) {
    out[path] = await visit(browser, base, path);
    log(`${label} ${path}: ${out[path]} s`);
    load.push(loadavg()[0]);
  }
  return out;
}

const browser = await launchChromium();
/** Ends a preview's process group; a group already gone (the first preview is stopped twice) is fine. */
const stop = (child: ChildProcess) => {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
};
let first: {child: ChildProcess; base: string} | undefined;
let second: {child: ChildProcess; base: string} | undefined;
try {
  first = await startPreview();
  const cold = await pass(browser, first.base, "cold");
  const warm = await pass(browser, first.base, "warm");
  stop(first.child);
  second = await startPreview();
  const restart = await pass(browser, second.base, "restart");
  const max = (o: Record<string, number>) => Math.max(...Object.values(o));
  process.stdout.write(
    `${JSON.stringify({
      data: data === "synthetic" ? "synthetic" : "ml-100k",
      pages: paths.length,
      cold,
      warm,
      restart,
      maxSeconds: {cold: max(cold), warm: max(warm), restart: max(restart)},
      targets: {warmUnder5s: max(warm) < 5 && max(restart) < 5, coldUnder60s: max(cold) < 60},
      loadAverage1m: {min: Math.min(...load), max: Math.max(...load)}
    })}\n`
  );
} finally {
  await browser.close();
  if (first) stop(first.child);
  if (second) stop(second.child);
  rmSync(dir, {recursive: true, force: true});
}
