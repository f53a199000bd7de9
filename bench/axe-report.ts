// Accessibility counts of the built workbench beside a minimal Framework site: axe-core (WCAG 2.0/2.1
// A and AA rules) on every page, light and dark, at 1280 px and 375 px, in Debian's Chromium. For each
// site, per rule: its impact, the page views it fails on and the nodes; and per page view, the nodes
// per rule. The minimal site is Framework's own template with one Plot chart and one Inputs.table,
// built offline in a scratch directory, so the counts say which violations Framework's defaults bring.
// Prints one line of JSON (bench/run.ts reads one line). Build first: MOVIELAB_DATA=… npm run build.
//
// Usage: tsx bench/axe-report.ts [--dist DIR] [--before FILE] [--no-minimal] [page …]
//   --before FILE  a saved output of this bench whose movielab counts are printed beside this run's as
//                  `before`: bench/axe-baseline.json is the ml-100k site at f746394, before issue 18's fixes
import {existsSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {loadavg} from "node:os";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser} from "playwright-core";
import {buildMinimalSite} from "../test/browser/framework-minimal-site.js";
import {AXE_TAGS, axeVersion, FAILING_IMPACTS, runAxe, type AxeViolation} from "../test/browser/axe.js";
import {CHROMIUM, launchChromium} from "../test/browser/chromium.js";
import {serveStatic} from "../test/browser/static-server.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TIMEOUT_MS = 30_000;

/** The page views: both themes at a desktop and a phone width. */
const VIEWS = [
  {name: "light-1280", colorScheme: "light", viewport: {width: 1280, height: 900}},
  {name: "dark-1280", colorScheme: "dark", viewport: {width: 1280, height: 900}},
  {name: "light-375", colorScheme: "light", viewport: {width: 375, height: 812}},
  {name: "dark-375", colorScheme: "dark", viewport: {width: 375, height: 812}}
] as const;

/** Counts of one site: per rule over all page views, and per page view. */
interface SiteCounts {
  pageViews: number;
  /** Page views with at least one critical or serious violation. */
  failingPageViews: number;
  rules: Record<string, {impact: string; pageViews: number; nodes: number}>;
  /** "page light-1280" → {rule: nodes}. */
  perView: Record<string, Record<string, number>>;
  /** Time of one axe run on a settled page (what the page checks add per page view), ms. */
  axeMs: {median: number; max: number};
}

function parseArgs(argv: string[]): {dist: string; before?: string; minimal: boolean; pages: string[]} {
  const out: {dist: string; before?: string; minimal: boolean; pages: string[]} = {
    dist: join(ROOT, "dist"),
    minimal: true,
    pages: []
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--dist") out.dist = resolve(argv[++i]);
    else if (argv[i] === "--before") out.before = resolve(argv[++i]);
    else if (argv[i] === "--no-minimal") out.minimal = false;
    else if (argv[i].startsWith("--"))
      throw new Error(`unknown option ${argv[i]} (expected --dist DIR, --before FILE, --no-minimal, page names)`);
    else out.pages.push(argv[i].replace(/^\//, ""));
  }
  return out;
}

/** Every page of a built site as its path without ".html" ("index", "ratings", "404"). */
function builtPages(dist: string): string[] {
  return readdirSync(dist)
    .filter((f) => f.endsWith(".html"))
    .map((f) => f.replace(/\.html$/, ""))
    .sort();
}

/** Opens one page in one view, waits for its cells to settle and returns axe's violations. */
async function axePageView(
  browser: Browser,
  origin: string,
  path: string,
  view: (typeof VIEWS)[number]
): Promise<{violations: AxeViolation[]; ms: number}> {
  const context = await browser.newContext({
    viewport: view.viewport,
    colorScheme: view.colorScheme,
    serviceWorkers: "block"
  });
  const page = await context.newPage();
  const host = new URL(origin).host;
  // Framework's default template links Google Fonts; offline those requests are dropped, not waited for.
  await page.route("**/*", (route) =>
    new URL(route.request().url()).host === host ? route.continue() : route.abort("blockedbyclient")
  );
  await page.goto(`${origin}/${path === "index" ? "" : `${path}.html`}`, {waitUntil: "load", timeout: TIMEOUT_MS});
  await page.waitForLoadState("networkidle", {timeout: TIMEOUT_MS});
  await page.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, undefined, {
    timeout: TIMEOUT_MS
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const started = performance.now();
  const violations = await runAxe(page);
  const ms = performance.now() - started;
  await context.close();
  return {violations, ms};
}

/** axe on every page of `dist` in every view. */
async function measureSite(browser: Browser, dist: string, pages: string[]): Promise<SiteCounts> {
  const server = await serveStatic(dist);
  const counts: SiteCounts = {pageViews: 0, failingPageViews: 0, rules: {}, perView: {}, axeMs: {median: 0, max: 0}};
  const times: number[] = [];
  try {
    for (const path of pages)
      for (const view of VIEWS) {
        const {violations, ms} = await axePageView(browser, server.origin, path, view);
        times.push(ms);
        counts.pageViews++;
        if (violations.some((v) => FAILING_IMPACTS.has(v.impact))) counts.failingPageViews++;
        const here: Record<string, number> = {};
        for (const v of violations) {
          here[v.id] = v.targets.length;
          const rule = (counts.rules[v.id] ??= {impact: v.impact, pageViews: 0, nodes: 0});
          rule.pageViews++;
          rule.nodes += v.targets.length;
        }
        counts.perView[`${path} ${view.name}`] = here;
        console.error(`axe-report: ${relative(ROOT, dist) || dist} ${path} ${view.name}: ${JSON.stringify(here)}`);
      }
  } finally {
    await server.close();
  }
  times.sort((a, b) => a - b);
  counts.axeMs = {median: Math.round(times[times.length >> 1] ?? 0), max: Math.round(times.at(-1) ?? 0)};
  return counts;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(args.dist, "index.html")))
    throw new Error(`${relative(ROOT, args.dist) || args.dist}/index.html is missing: run npm run build first`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  const loadStart = loadavg();
  const browser = await launchChromium();
  const version = browser.version();
  const sites: Record<string, SiteCounts> = {};
  let scratch: string | undefined;
  try {
    sites.movielab = await measureSite(browser, args.dist, args.pages.length > 0 ? args.pages : builtPages(args.dist));
    if (args.minimal) {
      const dist = buildMinimalSite();
      scratch = dirname(dist);
      sites["framework-minimal"] = await measureSite(browser, dist, builtPages(dist));
    }
  } finally {
    await browser.close();
    if (scratch) rmSync(scratch, {recursive: true, force: true});
  }
  const before = args.before
    ? (JSON.parse(readFileSync(args.before, "utf8")) as {sites: Record<string, SiteCounts>; commit?: string})
    : undefined;
  console.log(
    JSON.stringify({
      bench: "axe-report",
      axe: axeVersion(),
      tags: AXE_TAGS,
      views: VIEWS.map((v) => v.name),
      browser: version,
      loadavg: {start: loadStart, end: loadavg()},
      sites,
      ...(before ? {before: {file: relative(ROOT, args.before!), movielab: before.sites.movielab}} : {})
    })
  );
}

main().catch((error) => {
  console.error(`bench/axe-report: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
