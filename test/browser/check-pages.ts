// Browser checks for the built workbench (run by `npm run test:browser`; not a vitest test).
//
// A Framework build exits 0 with broken pages, so this is the proof that pages work: build the site
// with no network at all (unshare -n; on synthetic data, then on the real ml-100k), serve dist/ on
// 127.0.0.1 with a plain file server (no clean-URL rewrites, as on GitHub Pages or
// `python3 -m http.server`), follow every sidebar link, open every page in Debian's Chromium through
// playwright-core and fail on any console error, page error, failed or 4xx/5xx request (the
// favicon included), request to another host, Framework error cell, cell that never settles, chart
// that did not render, missing data banner, or layout fault: SVG text outside its svg, a table wider
// than its container when the container does not scroll on purpose, or a page that scrolls sideways.
// Each page also passes axe-core (test/browser/axe.ts): no critical or serious WCAG 2.0/2.1 A/AA violation.
// Each page runs light (1280 px), dark (1280 px, prefers-color-scheme: dark) and phone (375 px).
// Screenshots go to test-results/screenshots/<dataset>/<page>-<light|dark|phone>.png.
//
// Charts: a page declares each chart statically with a `data-chart="name"` wrapper element, e.g.
//   <div data-chart="removed-per-rule">${Plot.plot({...})}</div>
// The wrapper is in the built HTML before any JavaScript runs, so a chart that failed to render
// (an error, an empty cell) is caught: each wrapper must end up holding a visible svg/canvas/img.
//
// Usage: tsx test/browser/check-pages.ts [--no-build] [--only synthetic|ml-100k]
// Env: MOVIELAB_TEST_DATA (ml-100k directory, default ../shared/data/ml-100k), MOVIELAB_REQUIRE_DATA=1
// (a missing ml-100k fails), CI=true or MOVIELAB_REQUIRE_BROWSER=1 (a missing Chromium fails),
// MOVIELAB_CHROMIUM (browser path, default /usr/bin/chromium), CHECK_PAGES_VARIANTS (default
// "light,dark,phone"), CHECK_PAGES_ONLY (comma-separated page names, e.g. "index,ratings", while working on them).
import {spawn, spawnSync} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, readFileSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {isCleanUrlStub, stubTarget} from "../../scripts/clean-url-stubs.mjs";
import {axeCheck, axeSummary} from "./axe.js";
import {CHROMIUM, launchChromium} from "./chromium.js";
import {resolveStaticPath, serveStatic, type StaticServer} from "./static-server.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = join(ROOT, "dist");
const SHOTS = join(ROOT, "test-results", "screenshots");
const SETTLE_TIMEOUT_MS = 30_000;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

type Variant = "light" | "dark" | "phone";
const VARIANTS: Record<Variant, {viewport: {width: number; height: number}; colorScheme: "light" | "dark"}> = {
  light: {viewport: {width: 1280, height: 900}, colorScheme: "light"},
  dark: {viewport: {width: 1280, height: 900}, colorScheme: "dark"},
  phone: {viewport: {width: 375, height: 812}, colorScheme: "light"}
};
/** Pixels a text box may pass its svg's edge by (antialiasing, font metrics) before it counts as clipped. */
const CLIP_TOLERANCE_PX = 2;

/** One build of the site to check. */
interface Run {
  /** Label for screenshots and messages: "synthetic" or "ml-100k". */
  dataset: string;
  /** MOVIELAB_DATA for the build, undefined with --no-build. */
  data?: string;
}

/** A data-specific assertion on one page. */
interface Expectation {
  dataset: string;
  page: string;
  what: string;
  /** Resolves to an error message, or null when the page is as expected. */
  check(page: Page): Promise<string | null>;
}

const EXPECTATIONS: Expectation[] = [
  {
    dataset: "synthetic",
    page: "index",
    what: "shows the synthetic-data banner",
    check: async (page) =>
      (await page.locator(".movielab-data-banner--synthetic").isVisible())
        ? null
        : "no visible .movielab-data-banner--synthetic"
  },
  {
    dataset: "ml-100k",
    page: "index",
    what: "shows no synthetic-data banner",
    check: async (page) =>
      (await page.locator(".movielab-data-banner--synthetic").count()) === 0
        ? null
        : "a synthetic-data banner is shown on ml-100k"
  },
  {
    dataset: "ml-100k",
    page: "data-quality",
    what: "reports 231 ratings before release",
    check: async (page) => {
      const rows = await page.locator("tr").allInnerTexts();
      return rows.some((r) => /release/i.test(r) && /\b231\b/.test(r))
        ? null
        : `no table row mentions release and 231 (rows: ${rows.length})`;
    }
  },
  {
    dataset: "ml-100k",
    page: "release-noise",
    what: "counts 231 ratings before release",
    check: async (page) => {
      const text = await page
        .locator(".movielab-before-release-count")
        .first()
        .textContent()
        .catch(() => null);
      const count = text?.replace(/[^0-9]/g, "");
      return count === "231" ? null : `the before-release count shows ${text ?? "nothing"}`;
    }
  }
];

interface PageResult {
  dataset: string;
  page: string;
  variant: Variant;
  ms: number;
  problems: string[];
}

/** A page to open: its name (dist/ path without ".html") and the URL path a reader follows to it. */
interface Target {
  path: string;
  href: string;
}

/** Every built page as its dist/ path without ".html" ("index", "data-quality", "dir/page"), sorted. */
function discoverPages(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, {withFileTypes: true})) {
      const p = join(dir, e.name);
      // _observablehq, _file, _node, _import hold assets, never pages; api/ is TypeDoc's reference,
      // not a Framework page (test/scripts/api-reference.browser.test.ts checks it).
      if (e.isDirectory()) {
        if (!e.name.startsWith("_") && !(dir === dist && e.name === "api")) walk(p);
      } else if (e.name.endsWith(".html") && !isCleanUrlStub(readFileSync(p, "utf8")))
        out.push(
          relative(dist, p)
            .replace(/\\/g, "/")
            .replace(/\.html$/, "")
        );
    }
  };
  walk(dist);
  return out.sort();
}

/**
 * The command prefix that runs the build with no network at all: `unshare -n` (a new network
 * namespace with not even loopback up), so that any look-up of a registry or CDN fails the build.
 * Where unshare is not permitted the build runs as it is, with a warning; in CI that is a failure.
 */
function offlinePrefix(): string[] {
  if (offlineCache !== undefined) return offlineCache;
  const probe = spawnSync("unshare", ["-n", "true"], {stdio: "ignore"});
  if (probe.status === 0) {
    console.log("check-pages: building in a network namespace without network (unshare -n)");
    return (offlineCache = ["unshare", "-n"]);
  }
  const why = probe.error ? probe.error.message : `unshare -n exited with ${probe.status}`;
  if (process.env.CI === "true")
    throw new Error(`check-pages: the offline build needs unshare -n, which failed here (${why})`);
  console.warn(
    `check-pages: unshare -n is not permitted here (${why}); the build runs with network, so offline is not proven`
  );
  return (offlineCache = []);
}
let offlineCache: string[] | undefined;

/**
 * Runs `node scripts/build.mjs` with MOVIELAB_DATA set (offline, see offlinePrefix); resolves when it succeeds. Framework's
 * per-file log is kept quiet unless the build fails (then all of it is printed).
 */
function build(data: string): Promise<void> {
  const [command, ...args] = [...offlinePrefix(), process.execPath, join(ROOT, "scripts", "build.mjs")];
  return new Promise((ok, fail) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: {...process.env, MOVIELAB_DATA: data, OBSERVABLE_TELEMETRY_DISABLE: "1"},
      stdio: ["ignore", "pipe", "pipe"]
    });
    let log = "";
    child.stdout.on("data", (chunk) => (log += chunk));
    child.stderr.on("data", (chunk) => (log += chunk));
    child.on("error", fail);
    child.on("close", (code) => {
      if (code === 0) {
        // The loaders' own lines (data set, counts) and the build's verdict.
        for (const line of log.replace(ANSI, "").split("\n")) {
          const m = /([\w-]+\.json: .*|^build: .*)/.exec(line);
          if (m) console.log(`  ${m[1].trim()}`);
        }
        ok();
      } else {
        process.stdout.write(log);
        fail(new Error(`build with MOVIELAB_DATA=${data} exited with code ${code}`));
      }
    });
  });
}

/** Opens one page, waits for every cell to settle, checks it, saves a screenshot. */
async function checkPage(
  context: BrowserContext,
  server: StaticServer,
  run: Run,
  {path, href}: Target,
  variant: Variant
): Promise<PageResult> {
  const problems: string[] = [];
  const page = await context.newPage();
  const host = new URL(server.origin).host;
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText ?? "?"})`));
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on("websocket", (ws) => problems.push(`websocket opened: ${ws.url()}`));
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.host === host) return route.continue();
    problems.push(`request to another host: ${url.href}`);
    return route.abort("blockedbyclient");
  });

  const url = `${server.origin}${href}`;
  const started = performance.now();
  try {
    const response = await page.goto(url, {waitUntil: "load", timeout: SETTLE_TIMEOUT_MS});
    if (!response || !response.ok()) problems.push(`page answered ${response?.status() ?? "nothing"}`);
    await page.waitForLoadState("networkidle", {timeout: SETTLE_TIMEOUT_MS});
    // Framework shows <observablehq-loading> until a cell displays its value (or its error).
    await page
      .waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, undefined, {
        timeout: SETTLE_TIMEOUT_MS
      })
      .catch(() => problems.push(`cells still loading after ${SETTLE_TIMEOUT_MS / 1000} s`));
    // Charts sized with resize() render a frame later.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  } catch (error) {
    problems.push(`did not load: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  const ms = performance.now() - started;

  if (!problems.some((p) => p.startsWith("did not load"))) {
    problems.push(...(await pageContentProblems(page, path)));
    problems.push(...(await brokenLocalLinks(page, server.origin)));
    problems.push(...(await layoutProblems(page)));
    // Accessibility (issue 18): no critical or serious axe-core violation, WCAG 2.0/2.1 A and AA.
    const {colorScheme, viewport} = VARIANTS[variant];
    problems.push(...(await axeCheck(page, `/${path}, ${colorScheme} theme, ${viewport.width} px`)));
    if (variant === "light") {
      for (const e of EXPECTATIONS.filter((x) => x.dataset === run.dataset && x.page === path)) {
        const message = await e.check(page);
        if (message) problems.push(`expected it ${e.what}: ${message}`);
      }
    }
  }
  const shot = join(SHOTS, run.dataset, `${path}-${variant}.png`);
  mkdirSync(dirname(shot), {recursive: true});
  await page
    .screenshot({path: shot, fullPage: true})
    .catch((error: Error) => problems.push(`screenshot failed: ${error.message}`));
  await Promise.race([page.close(), after(30_000)]);
  return {dataset: run.dataset, page: path, variant, ms, problems};
}

/** What every page must show once settled: no error cells, a data banner, every declared chart drawn. */
async function pageContentProblems(page: Page, path: string): Promise<string[]> {
  return page.evaluate((isNotFound) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll(".observablehq--error"))
      out.push(`error cell: ${(el.textContent ?? "").trim().slice(0, 200)}`);
    const main = document.querySelector("main");
    if (!main || (main.textContent ?? "").trim().length === 0) out.push("empty <main>");
    if (!isNotFound) {
      const banner = document.querySelector<HTMLElement>(".movielab-data-banner");
      if (!banner || banner.offsetHeight === 0) out.push("no visible data banner (.movielab-data-banner)");
    }
    for (const wrapper of document.querySelectorAll<HTMLElement>("[data-chart]")) {
      const name = wrapper.dataset.chart || "(unnamed)";
      const drawn = [...wrapper.querySelectorAll<Element>("svg, canvas, img")].filter((g) => {
        const box = g.getBoundingClientRect();
        return box.width > 10 && box.height > 10;
      });
      if (drawn.length === 0) out.push(`chart "${name}" did not render (no visible svg/canvas/img)`);
      // A Plot with no marks drawn is an empty frame: require some graphical content.
      else if (
        drawn.every(
          (g) =>
            g.tagName.toLowerCase() === "svg" &&
            g.querySelectorAll("path, rect, circle, line, text, image").length === 0
        )
      )
        out.push(`chart "${name}" rendered an empty svg`);
    }
    return out;
  }, path === "404");
}

/** Links on the page to this site whose target is not in dist/ (Framework validates only static links). */
async function brokenLocalLinks(page: Page, origin: string): Promise<string[]> {
  const hrefs = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>("a[href]")].map((a) => a.href)
  );
  const broken = new Set<string>();
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin !== origin) continue;
    if (!resolveStaticPath(DIST, url.pathname)) broken.add(url.pathname);
  }
  return [...broken].map((p) => `broken link to ${p} (a plain file server answers 404)`);
}

/** Resolves after ms: the bound on a browser call that can hang (closing a page, a context or the browser). */
function after(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Clean URLs on a plain file server: for every page linked as "x.html", a reader who types "/x" must
 * end on "/x.html". Over HTTP, for every page: the server redirects /x?q to /x/?q, which serves a stub
 * from scripts/clean-url-stubs.mjs that names ../x.html. In Chromium, for the first page only and in a
 * browser of its own (so that a wedged tab cannot stall the page checks): the stub's script moves on
 * with the query and hash kept. Every browser step has its own time limit.
 */
async function cleanUrlProblems(server: StaticServer, targets: Target[]): Promise<string[]> {
  const out: string[] = [];
  const limit = 15_000;
  const pages = targets.filter((t) => t.href.endsWith(".html"));
  for (const {href} of pages) {
    const clean = href.replace(/\.html$/, "");
    const file = href.slice(href.lastIndexOf("/") + 1);
    const first = await fetch(`${server.origin}${clean}?from=clean`, {redirect: "manual"});
    const location = first.headers.get("location");
    if (first.status !== 301 || location !== `${clean}/?from=clean`) {
      out.push(
        `the clean URL ${clean} answered ${first.status} ${location ?? ""} (expected 301 to ${clean}/?from=clean)`
      );
      continue;
    }
    const stub = await fetch(`${server.origin}${clean}/?from=clean`);
    const html = await stub.text();
    if (
      stub.status !== 200 ||
      !isCleanUrlStub(html) ||
      !html.includes(`location.replace(${JSON.stringify(stubTarget(file))}`)
    )
      out.push(`${clean}/ answered ${stub.status} without a stub that moves on to ../${file}`);
  }
  const probe = pages[0];
  if (probe === undefined || out.length > 0) return out;
  const clean = probe.href.replace(/\.html$/, "");
  const expected = `${server.origin}${probe.href}?from=clean#top`;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // The page itself is answered with a placeholder: only the redirect chain is under test here, and
    // the page checks that follow load every page for real.
    await page.route(`${server.origin}${probe.href}*`, (route) =>
      route.fulfill({status: 200, contentType: "text/html", body: "<!doctype html><title>reached</title>"})
    );
    try {
      await page.goto(`${server.origin}${clean}?from=clean#top`, {waitUntil: "commit", timeout: limit});
      await page.waitForURL(expected, {waitUntil: "commit", timeout: limit});
    } catch (error) {
      const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
      out.push(`the clean URL ${clean} did not lead to ${probe.href} in Chromium (at ${page.url()}: ${why})`);
    }
  } finally {
    await Promise.race([browser.close(), after(limit)]);
  }
  return out;
}

/**
 * Layout faults a screenshot shows but no error reports: text of an svg that reaches outside the
 * svg's box (cut off, or drawn over the page), a table wider than its container when no ancestor
 * scrolls sideways on purpose, and a page that scrolls sideways.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((tolerance) => {
    const out: string[] = [];
    const doc = document.scrollingElement ?? document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1)
      out.push(`the page scrolls sideways (scrollWidth ${doc.scrollWidth} > clientWidth ${doc.clientWidth})`);
    // No named helper functions in here: tsx would wrap them in a __name() the page does not have.
    for (const svg of document.querySelectorAll<SVGSVGElement>("main svg")) {
      if (svg.ownerSVGElement) continue; // nested svgs are checked against the outer one
      const own = svg.getBoundingClientRect();
      if (own.width === 0 || own.height === 0) continue;
      // An svg clips its text at its viewport; one with overflow: visible (Plot's colour legends, whose
      // end labels hang past the ramp on purpose) shows it up to the nearest clipping ancestor or the
      // window. A scrolling ancestor does not count: what it hides is a scroll away.
      const box = {left: 0, right: window.innerWidth, top: -Infinity, bottom: Infinity};
      for (let a: Element | null = svg; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        const r = a.getBoundingClientRect();
        if (["hidden", "clip"].includes(style.overflowX)) {
          box.left = Math.max(box.left, r.left);
          box.right = Math.min(box.right, r.right);
        }
        if (["hidden", "clip"].includes(style.overflowY)) {
          box.top = Math.max(box.top, r.top);
          box.bottom = Math.min(box.bottom, r.bottom);
        }
      }
      const clipped: string[] = [];
      for (const text of svg.querySelectorAll<SVGTextElement>("text")) {
        const label = (text.textContent ?? "").trim();
        const t = text.getBoundingClientRect();
        if (!label || t.width === 0 || t.height === 0) continue;
        const side =
          t.left < box.left - tolerance
            ? "left"
            : t.right > box.right + tolerance
              ? "right"
              : t.top < box.top - tolerance
                ? "top"
                : t.bottom > box.bottom + tolerance
                  ? "bottom"
                  : null;
        if (side) clipped.push(`"${label.slice(0, 40)}" (${side})`);
      }
      const chart = svg.closest<HTMLElement>("[data-chart]")?.dataset.chart;
      const figure = svg.closest("figure")?.querySelector("h2, h3")?.textContent?.trim();
      const where = chart ? `chart "${chart}"` : figure ? `figure "${figure.slice(0, 60)}"` : "an svg";
      if (clipped.length > 0)
        out.push(
          `${where}: ${clipped.length} svg text(s) outside the svg: ${clipped.slice(0, 4).join(", ")}${clipped.length > 4 ? ", …" : ""}`
        );
    }
    for (const table of document.querySelectorAll<HTMLTableElement>("main table")) {
      const container = table.parentElement;
      if (!container || table.offsetParent === null) continue;
      const width = table.getBoundingClientRect().width;
      const room = container.getBoundingClientRect().width;
      let scrolls = false;
      for (let a: Element | null = container; a && a !== document.body && !scrolls; a = a.parentElement)
        scrolls = ["auto", "scroll"].includes(getComputedStyle(a).overflowX);
      if (width > room + 1 && !scrolls)
        out.push(
          `a table is ${Math.round(width)} px wide in a ${Math.round(room)} px container that does not scroll (first header: "${(table.querySelector("th")?.textContent ?? "").trim().slice(0, 40)}")`
        );
    }
    return out;
  }, CLIP_TOLERANCE_PX);
}

/**
 * The pages to open: every sidebar link of the index page, as the reader follows it, then any built
 * page the sidebar does not link (e.g. 404), by its file name. A sidebar link with no file behind it
 * fails on its 404.
 */
async function targets(context: BrowserContext, server: StaticServer, pages: string[]): Promise<Target[]> {
  const page = await context.newPage();
  await page.goto(`${server.origin}/`, {waitUntil: "domcontentloaded"});
  const hrefs = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>("#observablehq-sidebar a[href]")].map((a) => a.href)
  );
  await page.close();
  const out: Target[] = [];
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin !== server.origin) continue;
    const path = url.pathname
      .replace(/^\//, "")
      .replace(/\.html$/, "")
      .replace(/(^|\/)$/, "$1index");
    if (!out.some((t) => t.path === path)) out.push({path, href: url.pathname});
  }
  if (out.length < 2) throw new Error(`the index page's sidebar links ${out.length} page(s)`);
  for (const path of pages)
    if (!out.some((t) => t.path === path)) out.push({path, href: `/${path === "index" ? "" : `${path}.html`}`});
  return out;
}

/** Opens every page of the current dist/ in each variant. */
async function checkBuild(browser: Browser, run: Run, variants: Variant[]): Promise<PageResult[]> {
  const pages = discoverPages(DIST);
  if (pages.length === 0) throw new Error("dist/ holds no pages");
  const server = await serveStatic(DIST);
  const results: PageResult[] = [];
  try {
    for (const variant of variants) {
      const v = VARIANTS[variant];
      const context = await browser.newContext({
        viewport: v.viewport,
        colorScheme: v.colorScheme,
        serviceWorkers: "block"
      });
      const only = process.env.CHECK_PAGES_ONLY?.split(",").map((s) => s.trim());
      const pageTargets = await targets(context, server, pages);
      if (variant === variants[0]) {
        const problems = await cleanUrlProblems(
          server,
          pageTargets.filter((t) => !only || only.includes(t.path))
        );
        results.push({dataset: run.dataset, page: "(clean URLs)", variant, ms: 0, problems});
        console.log(
          `${problems.length === 0 ? "ok  " : "FAIL"} ${run.dataset.padEnd(9)} clean URLs (/page → /page.html)`
        );
        for (const p of problems) console.log(`       ${p}`);
      }
      for (const target of pageTargets) {
        if (only && !only.includes(target.path)) continue;
        const result = await checkPage(context, server, run, target, variant);
        results.push(result);
        const status = result.problems.length === 0 ? "ok  " : "FAIL";
        console.log(
          `${status} ${run.dataset.padEnd(9)} ${variant.padEnd(5)} ${target.href} (${Math.round(result.ms)} ms)`
        );
        for (const p of result.problems) console.log(`       ${p}`);
      }
      await Promise.race([context.close(), after(30_000)]);
    }
    for (const e of EXPECTATIONS) {
      if (e.dataset === run.dataset && !pages.includes(e.page)) {
        results.push({
          dataset: run.dataset,
          page: e.page,
          variant: "light",
          ms: 0,
          problems: [`page /${e.page} is missing from dist/`]
        });
        console.log(`FAIL ${run.dataset} /${e.page}: page missing from dist/`);
      }
    }
    // Server-side 404s that the page listeners did not see (e.g. a prefetch) count too.
    const unseen = server.errors.filter(
      (e) => !results.some((r) => r.problems.some((p) => p.includes(e.split(" ").pop() ?? "")))
    );
    if (unseen.length > 0) {
      results.push({
        dataset: run.dataset,
        page: "(server)",
        variant: "light",
        ms: 0,
        problems: unseen.map((e) => `server answered ${e}`)
      });
      console.log(`FAIL ${run.dataset} server errors: ${unseen.join(", ")}`);
    }
  } finally {
    await server.close();
  }
  return results;
}

function parseArgs(argv: string[]): {build: boolean; only?: string} {
  const out: {build: boolean; only?: string} = {build: true};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--no-build") out.build = false;
    else if (argv[i] === "--only") out.only = argv[++i];
    else throw new Error(`unknown argument ${argv[i]} (expected --no-build, --only synthetic|ml-100k)`);
  }
  return out;
}

function parseVariants(): Variant[] {
  const names = (process.env.CHECK_PAGES_VARIANTS ?? "light,dark,phone")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names)
    if (!(n in VARIANTS)) throw new Error(`CHECK_PAGES_VARIANTS: unknown variant "${n}" (expected light, dark, phone)`);
  if (!names.includes("light")) names.unshift("light"); // data assertions run on the light pass
  return names as Variant[];
}

function fail(message: string): never {
  console.error(`check-pages: ${message}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const variants = parseVariants();
  const required = process.env.CI === "true" || process.env.MOVIELAB_REQUIRE_BROWSER === "1";
  if (!existsSync(CHROMIUM)) {
    if (required)
      fail(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium); the browser checks are required here`);
    console.warn(
      `check-pages: SKIPPED — Chromium not found at ${CHROMIUM} (apt-get install -y chromium). CI=true makes this a failure.`
    );
    return;
  }

  const runs: Run[] = [];
  if (!args.build) runs.push({dataset: args.only ?? "current"});
  else {
    const ml100k = resolve(ROOT, process.env.MOVIELAB_TEST_DATA ?? "../shared/data/ml-100k");
    const hasMl100k = existsSync(join(ml100k, "u.data"));
    if (args.only !== "ml-100k") runs.push({dataset: "synthetic", data: "synthetic"});
    if (args.only !== "synthetic") {
      if (hasMl100k)
        runs.push({dataset: "ml-100k", data: ml100k}); // last, so dist/ stays the ml-100k build
      else if (process.env.MOVIELAB_REQUIRE_DATA === "1")
        fail(`MOVIELAB_REQUIRE_DATA=1 but MovieLens 100K is not at ${ml100k} (set MOVIELAB_TEST_DATA)`);
      else console.warn(`check-pages: ml-100k not found at ${ml100k}; checking the synthetic build only`);
    }
  }

  const browser = await launchChromium();
  const results: PageResult[] = [];
  try {
    for (const run of runs) {
      if (run.data !== undefined) {
        const t = performance.now();
        try {
          await build(run.data);
        } catch (error) {
          results.push({dataset: run.dataset, page: "(build)", variant: "light", ms: 0, problems: [String(error)]});
          console.log(`FAIL ${run.dataset} build: ${String(error)}`);
          continue;
        }
        console.log(`check-pages: built ${run.dataset} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      results.push(...(await checkBuild(browser, run, variants)));
    }
  } finally {
    // A browser that does not close in a minute is left to die with this process (exit below).
    await Promise.race([browser.close(), after(60_000)]);
  }

  const failed = results.filter((r) => r.problems.length > 0).length;
  const loads = results.filter((r) => r.ms > 0).map((r) => r.ms);
  if (loads.length > 0) {
    const sorted = [...loads].sort((a, b) => a - b);
    console.log(
      `page load to settled: median ${Math.round(sorted[sorted.length >> 1])} ms, max ${Math.round(sorted[sorted.length - 1])} ms over ${loads.length} loads`
    );
  }
  const minor = axeSummary();
  if (minor.length > 0) console.log(`axe, moderate and minor (reported, not failing):\n  ${minor.join("\n  ")}`);
  console.log(`screenshots: ${relative(ROOT, SHOTS)}/`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed > 0 || results.length === 0 ? 1 : 0);
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
