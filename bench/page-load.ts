// Page-load benchmark of the built workbench: for each page, the time from navigation to every chart
// drawn (every [data-chart] wrapper holds a visible svg/canvas/img and no cell is still loading), and the
// bytes the page downloads on a cold cache. Headless Debian Chromium through playwright-core against
// dist/ served on 127.0.0.1. Prints JSON. Build first: MOVIELAB_DATA=… npm run build.
//
// Usage: tsx bench/page-load.ts [--runs N] [--dist DIR] [page …]   (default: every page, 3 runs)
import {existsSync, readdirSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser} from "playwright-core";
import {CHROMIUM, launchChromium} from "../test/browser/chromium.js";
import {serveStatic} from "../test/browser/static-server.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The issue's target: every chart drawn within 1.5 s on ml-100k. */
const TARGET_MS = 1500;
const TIMEOUT_MS = 30_000;

interface Run {
  /** Navigation start to every chart drawn, from the page's own clock (ms). */
  chartsMs: number;
  /** Navigation start to the load event (ms). */
  loadMs: number;
  /** Bytes received over the network (encoded, headers included) on a cold cache. */
  bytes: number;
  requests: number;
  charts: number;
}

function parseArgs(argv: string[]): {runs: number; dist: string; pages: string[]} {
  const out = {runs: 3, dist: join(ROOT, "dist"), pages: [] as string[]};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") out.runs = Math.max(1, Number(argv[++i]));
    else if (argv[i] === "--dist") out.dist = resolve(argv[++i]);
    else if (argv[i].startsWith("--"))
      throw new Error(`unknown option ${argv[i]} (expected --runs N, --dist DIR, page names)`);
    else out.pages.push(argv[i].replace(/^\//, ""));
  }
  return out;
}

/** Every page of the built site as a clean path ("index", "ratings", …). */
function builtPages(dist: string): string[] {
  return readdirSync(dist)
    .filter((f) => f.endsWith(".html") && f !== "404.html")
    .map((f) => f.replace(/\.html$/, ""))
    .sort();
}

async function measure(browser: Browser, origin: string, path: string): Promise<Run> {
  // A fresh context per run: a cold cache, as a first visit.
  const context = await browser.newContext({viewport: {width: 1280, height: 900}, serviceWorkers: "block"});
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  let bytes = 0;
  let requests = 0;
  cdp.on("Network.loadingFinished", (e: {encodedDataLength: number}) => {
    bytes += e.encodedDataLength;
    requests++;
  });
  // Chromium asks for /favicon.ico on its own; the site has none, and that 404 is not the page's doing.
  await page.route("**/favicon.ico", (route) => route.fulfill({status: 204, body: ""}));
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(`${origin}/${path === "index" ? "" : `${path}.html`}`, {waitUntil: "commit", timeout: TIMEOUT_MS});
  // Polled every animation frame in the page, so the time is when the last chart appeared on screen.
  const handle = await page.waitForFunction(
    () => {
      if (document.readyState === "loading" || document.querySelector("observablehq-loading")) return false;
      const wrappers = [...document.querySelectorAll<HTMLElement>("[data-chart]")];
      const drawn = wrappers.every((w) =>
        [...w.querySelectorAll("svg, canvas, img")].some((g) => {
          const box = g.getBoundingClientRect();
          return box.width > 10 && box.height > 10;
        })
      );
      return drawn ? {at: performance.now(), charts: wrappers.length} : false;
    },
    undefined,
    {polling: "raf", timeout: TIMEOUT_MS}
  );
  const {at, charts} = (await handle.jsonValue()) as {at: number; charts: number};
  await page.waitForLoadState("networkidle", {timeout: TIMEOUT_MS});
  const loadMs = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return nav ? nav.loadEventEnd : NaN;
  });
  await context.close();
  if (errors.length > 0) throw new Error(`/${path}: ${errors.join("; ")}`);
  return {chartsMs: at, loadMs, bytes, requests, charts};
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(args.dist, "index.html")))
    throw new Error(`${relative(ROOT, args.dist) || args.dist}/index.html is missing: run npm run build first`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  const pages = args.pages.length > 0 ? args.pages : builtPages(args.dist);
  const server = await serveStatic(args.dist);
  const browser = await launchChromium();
  const version = browser.version();
  const results = [];
  try {
    for (const path of pages) {
      const runs: Run[] = [];
      for (let r = 0; r < args.runs; r++) runs.push(await measure(browser, server.origin, path));
      const chartsMs = median(runs.map((r) => r.chartsMs));
      results.push({
        page: `/${path}`,
        charts: runs[0].charts,
        chartsDrawnMs: {
          median: Math.round(chartsMs),
          min: Math.round(Math.min(...runs.map((r) => r.chartsMs))),
          max: Math.round(Math.max(...runs.map((r) => r.chartsMs)))
        },
        loadEventMs: Math.round(median(runs.map((r) => r.loadMs))),
        bytes: Math.round(median(runs.map((r) => r.bytes))),
        requests: runs[0].requests,
        underTarget: chartsMs < TARGET_MS
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const serverErrors = server.errors.filter((e) => !e.endsWith("/favicon.ico"));
  if (serverErrors.length > 0) throw new Error(`server errors: ${serverErrors.join(", ")}`);
  console.log(
    JSON.stringify(
      {
        bench: "page-load",
        dist: relative(ROOT, args.dist) || args.dist,
        runs: args.runs,
        targetMs: TARGET_MS,
        browser: version,
        pages: results,
        allUnderTarget: results.every((r) => r.underTarget)
      },
      null,
      2
    )
  );
}

main().catch((error) => {
  console.error(`bench/page-load: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
