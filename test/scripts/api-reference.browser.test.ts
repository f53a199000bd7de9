/**
 * The API reference in the built site (scripts/build-api.mjs): dist/api/ holds TypeDoc's pages for the
 * package's entry points, including the key symbols, with no external load or local path (the build's
 * scan, rerun here on api/ alone). In Chromium, with the site served under a sub-path (/movielab/, as on
 * GitHub Pages) by a plain file server, the home page's "API reference" link opens the reference and a
 * symbol page renders its doc comment, with no console error, failed request or request to another
 * host. Needs the built site (`npm run build`, or check-pages' build in `npm test`); skips without
 * dist/api or Chromium, except in CI where it fails.
 */
import {existsSync, mkdtempSync, rmSync, symlinkSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {scanDist} from "../../scripts/build.mjs";
import {CHROMIUM, launchChromium} from "../browser/chromium.js";
import {serveStatic, type StaticServer} from "../browser/static-server.js";
import {watchPage} from "../browser/watch-page.js";
import {axeCheck} from "../browser/axe.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const DIST = join(ROOT, "dist");
const API = join(DIST, "api");
const READY = existsSync(join(API, "index.html")) && existsSync(CHROMIUM);

/** Pages of symbols a reader looks for first, one per entry point that has them. */
const KEY_PAGES = {
  crossValidate: "functions/movielab.crossValidate.html",
  getModel: "functions/movielab.getModel.html",
  Model: "interfaces/movielab.Model.html",
  PredictWidget: "functions/movielab_widget.PredictWidget.html",
  defineMovielabPredict: "functions/movielab_widget.defineMovielabPredict.html",
  openDataset: "functions/movielab_node.openDataset.html"
};

describe.skipIf(!READY && process.env.CI !== "true")("the API reference in the built site", () => {
  let browser: Browser;
  let server: StaticServer;
  let mount: string;
  beforeAll(async () => {
    // The site under /movielab/: a link that only works at the server's root fails here.
    mount = mkdtempSync(join(tmpdir(), "movielab-api-site-"));
    symlinkSync(DIST, join(mount, "movielab"), "dir");
    server = await serveStatic(mount);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (mount) rmSync(mount, {recursive: true, force: true});
  });

  it("has an index, a module page per entry point and pages for the key symbols", () => {
    expect(existsSync(join(API, "index.html"))).toBe(true);
    for (const module of ["movielab", "movielab_widget", "movielab_widget_element", "movielab_node"])
      expect(existsSync(join(API, "modules", `${module}.html`)), module).toBe(true);
    for (const [symbol, page] of Object.entries(KEY_PAGES)) expect(existsSync(join(API, page)), symbol).toBe(true);
  });

  it("loads nothing from another host and carries no local path (the build's scan)", () => {
    expect(scanDist(API)).toEqual([]);
  });

  it("is linked from the home page under a sub-path, and a symbol page shows its doc comment", async () => {
    const page = await browser.newPage();
    const problems = watchPage(page);
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).origin !== server.origin) foreign.push(r.url());
    });
    await page.goto(`${server.origin}/movielab/index.html`, {waitUntil: "domcontentloaded"});
    const link = page.getByRole("link", {name: "API reference"});
    expect(await link.getAttribute("href")).toBe("./api/index.html");
    await Promise.all([page.waitForURL(`${server.origin}/movielab/api/index.html`), link.click()]);
    await expect.poll(() => page.title()).toMatch(/movielab/);
    for (const module of ["movielab", "movielab/widget", "movielab/widget/element", "movielab/node"])
      expect(await page.getByRole("link", {name: module, exact: true}).count(), module).toBeGreaterThan(0);

    await page.goto(`${server.origin}/movielab/api/${KEY_PAGES.crossValidate}`, {waitUntil: "load"});
    expect(await page.locator("h1").first().textContent()).toMatch(/crossValidate/);
    // The summary line of its doc comment (lib/eval/cross-validate.ts).
    expect(await page.getByText("fitted on the training part only").count()).toBeGreaterThan(0);
    await page.close();
    expect(problems, [...problems, ...server.errors].join("\n")).toEqual([]);
    expect(server.errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
  it("has no critical or serious axe violation, light and dark, desktop and phone (sidebar built)", async () => {
    const pages = ["index.html", "modules/movielab.html", KEY_PAGES.crossValidate, KEY_PAGES.Model];
    const problems: string[] = [];
    for (const colorScheme of ["light", "dark"] as const)
      for (const width of [1280, 375]) {
        const context = await browser.newContext({viewport: {width, height: 900}, colorScheme});
        const page = await context.newPage();
        for (const path of pages) {
          await page.goto(`${server.origin}/movielab/api/${path}`, {waitUntil: "load"});
          // navigation.js builds the sidebar after load; api-reference.js repairs it as it appears.
          await page.locator(".movielab-nav-parent").first().waitFor({state: "attached"});
          expect(await page.locator("summary a").count(), `a link inside a summary on ${path}`).toBe(0);
          problems.push(...(await axeCheck(page, `api/${path}, ${colorScheme}, ${width} px`)));
        }
        await context.close();
      }
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
