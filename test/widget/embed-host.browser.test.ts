/**
 * The exported module in a real browser (Debian's Chromium via playwright-core): the example host page
 * is served on one port of 127.0.0.1, the built site and the API on another (`buildServer` with the
 * site, as `movielab serve --site dist --cors <host>` runs it). The host imports /embed/predict.js
 * across origins, shows one widget from the site's model bundle and one from the API, and a keyboard
 * search picks a movie. Also: without CORS the import is refused, and the built site works under a
 * sub-path (/movielab/), as on GitHub Pages. Needs `npm run build` first; skips without dist/ or
 * Chromium, except in CI where it fails.
 */
import {existsSync, readdirSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {join, resolve} from "node:path";
import type {FastifyInstance} from "fastify";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildServer} from "../../src/server.js";
import {resolveSitePath} from "../../src/server/static-site.js";
import {CHROMIUM, launchChromium} from "../browser/chromium.js";
import {serveStatic, type StaticServer} from "../browser/static-server.js";
import {watchPage as watch} from "../browser/watch-page.js";
import {HOSTILE_TITLE, trainFixtureBundle} from "../helpers/bundle-fixture.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const DIST = join(ROOT, "dist");
const READY = existsSync(join(DIST, "embed", "predict.js")) && existsSync(CHROMIUM);

describe.skipIf(!READY && process.env.CI !== "true")("embed module on another origin, in Chromium", () => {
  const fixture = trainFixtureBundle();
  let browser: Browser;
  let host: StaticServer;
  let site: FastifyInstance;
  let siteUrl: string;
  let bundleFile: string;
  beforeAll(async () => {
    host = await serveStatic(join(ROOT, "examples", "embed-host"));
    site = buildServer({service: fixture.service, siteDir: DIST, corsOrigins: [host.origin], logger: false});
    siteUrl = await site.listen({port: 0, host: "127.0.0.1"});
    bundleFile = readdirSync(join(DIST, "_file", "data")).find((f) => /^model\.[0-9a-f]+\.json$/.test(f))!;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await host?.close();
  });

  it("loads /embed/predict.js cross-origin; bundle and API widgets work; keyboard search picks a movie", async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    const bundleUrl = `${siteUrl}/_file/data/${bundleFile}`;
    await page.goto(
      `${host.origin}/index.html?site=${encodeURIComponent(siteUrl + "/")}&bundle=${encodeURIComponent(bundleUrl)}&user=1`
    );
    await page.waitForSelector("#api-widget .mlp-top-list li", {timeout: 30_000});
    await page.waitForSelector("#bundle-widget .mlp-top-list li", {timeout: 60_000});
    expect(await page.locator("#bundle-widget .mlp-user-info").textContent()).toMatch(/ratings/);

    // Keyboard only: type, arrow down, Enter.
    const search = page.locator('#api-widget input[role="combobox"]');
    await search.click();
    await search.pressSequentially("<img", {delay: 20});
    await page.waitForSelector('#api-widget [role="option"][data-movie-id]');
    // Each typed character sends a search; the list is redrawn (and its highlight reset) when the last
    // answer arrives, so wait for the answers before moving through it.
    await page.waitForLoadState("networkidle");
    await search.press("ArrowDown");
    await expect.poll(() => search.getAttribute("aria-activedescendant")).toMatch(/-0$/);
    await search.press("Enter");
    await page.waitForSelector("#api-widget .mlp-rating");
    expect(await page.locator("#api-widget .mlp-headline").textContent()).toContain(HOSTILE_TITLE);
    expect(await page.locator("#api-widget img").count()).toBe(0);
    expect(await page.locator("#load-status").textContent()).toBe(
      `value: user 1, movie ${fixture.hostileMovieId}, rating ${(await fixture.service.predict(1, fixture.hostileMovieId)).rating}`
    );
    expect(problems).toEqual([]);
    expect(host.errors).toEqual([]);
    await page.close();
  });

  it("without CORS the other origin cannot import the module", async () => {
    const closed = buildServer({service: fixture.service, siteDir: DIST, logger: false});
    const url = await closed.listen({port: 0, host: "127.0.0.1"});
    const page = await browser.newPage();
    await page.goto(`${host.origin}/index.html?site=${encodeURIComponent(url + "/")}`);
    await page.waitForFunction(
      () => /could not load/.test(document.getElementById("load-status")?.textContent ?? ""),
      null,
      {timeout: 15_000}
    );
    await page.close();
    await closed.close();
  });

  it("the built site works under a sub-path (/movielab/), as on GitHub Pages", async () => {
    const prefix = "/movielab";
    const server: Server = createServer((req, res) => {
      const url = req.url ?? "/";
      if (url === prefix) return void res.writeHead(301, {location: `${prefix}/`}).end();
      // Browsers ask the host root for a favicon; the site has none and that is not the site's fault.
      if (url === "/favicon.ico") return void res.writeHead(204).end();
      const file = url.startsWith(`${prefix}/`) ? resolveSitePath(DIST, url.slice(prefix.length)) : undefined;
      if (!file) return void res.writeHead(404).end();
      const type = file.endsWith(".html")
        ? "text/html"
        : file.endsWith(".js")
          ? "text/javascript"
          : file.endsWith(".css")
            ? "text/css"
            : file.endsWith(".json")
              ? "application/json"
              : "application/octet-stream";
      res.writeHead(200, {"content-type": type});
      res.end(require_(file));
    });
    const {readFileSync} = await import("node:fs");
    const require_ = (f: string): Buffer => readFileSync(f);
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of ["/", "/predict", "/embed"]) {
        const page = await browser.newPage();
        const problems = watch(page);
        await page.goto(`${origin}${prefix}${path}`, {waitUntil: "networkidle"});
        if (path === "/predict") {
          // The widget's top-N list, or an error cell: either way the problems list below tells.
          await page.waitForSelector(".mlp-root .mlp-top-list li, .observablehq--error", {timeout: 60_000});
          expect(await page.locator(".observablehq--error").allTextContents()).toEqual([]);
          // The visitor widget (your own ratings) and the user widget.
          expect(await page.locator(".mlp-root").count()).toBe(2);
          expect(await page.locator(".mlp-root.mlp-visitor").count()).toBe(1);
        }
        expect(problems, `${prefix}${path}`).toEqual([]);
        await page.close();
      }
    } finally {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });
});
