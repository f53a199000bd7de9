/**
 * `npm start` keeps the open page fresh: in a copy of the project, the Ratings page is opened in
 * Chromium under scripts/preview.mjs, lib/analysis/rating-moments.ts (which the ratings loader
 * imports, never the page) is edited, and the page must show the new mean without a reload. Also: a
 * first visit lists the running loader at /_movielab/loaders, which the page's progress panel shows.
 * And the API reference, generated on the first visit to /api/, is served there.
 * Skips without Chromium, except in CI where it fails.
 */
import {spawn, type ChildProcess} from "node:child_process";
import {existsSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {CHROMIUM, launchChromium} from "../browser/chromium.js";
import {freePort} from "../helpers/free-port.js";
import {copyProject} from "../helpers/project-copy.js";

const READY = existsSync(CHROMIUM);
if (!READY && process.env.CI === "true") throw new Error(`Chromium is required in CI (${CHROMIUM})`);

let dir: string;
let child: ChildProcess | undefined;
let browser: Browser | undefined;
let base: string;
let log = "";

beforeAll(async () => {
  if (!READY) return;
  dir = copyProject("movielab-preview-");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ["scripts/preview.mjs", "--port", String(port), "--no-open", "--no-warm"], {
    cwd: dir,
    env: {...process.env, MOVIELAB_DATA: "synthetic", MOVIELAB_DATA_ROOT: join(dir, "data"), MOVIELAB_CACHE: "off"},
    stdio: ["ignore", "pipe", "pipe"],
    detached: true
  });
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  for (let i = 0; i < 120; i++) {
    try {
      await fetch(`${base}/_movielab/loaders`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (child?.pid) process.kill(-child.pid, "SIGTERM");
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe.skipIf(!READY)("npm start (scripts/preview.mjs)", () => {
  it("shows a first visit's running loader, then a change to lib/ in the open page", async () => {
    const seen = new Set<string>();
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const running = (await (await fetch(`${base}/_movielab/loaders`)).json()) as {loader: string}[];
        for (const r of running) seen.add(r.loader);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const page = await browser!.newPage();
    await page.goto(`${base}/ratings`);
    const meanText = page.getByText(/The mean is\s*\d/).first();
    await meanText.waitFor({timeout: 90_000});
    polling = false;
    await poll;
    expect([...seen], log).toContain("ratings.json");
    expect(await page.locator("#movielab-loaders").count()).toBe(1);
    const before = Number(/The mean is\s*([\d.]+)/.exec((await meanText.textContent()) ?? "")![1]);

    const file = join(dir, "lib", "analysis", "rating-moments.ts");
    const source = readFileSync(file, "utf8");
    expect(source).toContain("const mean = sum / n;");
    const started = performance.now();
    writeFileSync(file, source.replace("const mean = sum / n;", "const mean = sum / n + 1;"));
    const after = (before + 1).toFixed(2);
    await page.getByText(new RegExp(`The mean is\\s*${after.replace(".", "\\.")}`)).waitFor({timeout: 60_000});
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `preview: a lib/ change reached the open page in ${seconds.toFixed(1)} s (loader re-run included)\n`
    );
    expect(log).toMatch(/data\/ratings\.json\.ts will re-run \(lib\/analysis\/rating-moments\.ts\)/);
    await page.close();
  }, 180_000);

  it("serves the API reference under /api/ once TypeDoc has generated it", async () => {
    let res = await fetch(`${base}/api/`);
    // The first request starts TypeDoc: 503 with a page saying so while it runs, then the reference.
    for (let i = 0; i < 240 && res.status === 503; i++) {
      expect(await res.text()).toContain("being generated");
      await new Promise((r) => setTimeout(r, 500));
      res = await fetch(`${base}/api/`);
    }
    expect(res.status, log).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("movielab/widget");
    const symbol = await fetch(`${base}/api/functions/movielab.crossValidate.html`);
    expect(symbol.status).toBe(200);
    expect((await fetch(`${base}/api/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/api/no-such-page.html`)).status).toBe(404);
  }, 150_000);
});
