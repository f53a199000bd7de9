/**
 * The evaluation harness in a browser Web Worker (Debian's Chromium via playwright-core): a page
 * starts lib/workers/cross-validate.ts as a module worker, posts the synthetic set and a model, and
 * gets progress and the summary; every figure equals Node's crossValidate on the same folds, bit
 * for bit, for a baseline, neighbours, MF's WebAssembly SGD, the GBDT classifier and EASE. A cancel
 * posted after the first fold stops the run. Skips without Chromium, except in CI where it fails.
 */
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {build} from "esbuild";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {randomRatingFolds} from "../../lib/data/folds.js";
import {crossValidate, type CvSummary} from "../../lib/eval/cross-validate.js";
import {getModel} from "../../lib/models/registry.js";
import {CHROMIUM, launchChromium} from "../browser/chromium.js";
import {serveFiles} from "../browser/serve-files.js";
import {CV_RUNS, cvDataset, figures} from "./cv-fixture.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const PAGE = `
import {cvDataset} from "./test/workers/cv-fixture.ts";
const dataset = cvDataset();
globalThis.runCv = (model, params, cancelAfterFirstFold) =>
  new Promise((resolve) => {
    const worker = new Worker("/worker.js", {type: "module"});
    const progress = [];
    worker.onerror = (e) => resolve({response: {type: "error", message: String(e.message)}, progress});
    worker.onmessage = (e) => {
      const r = e.data;
      if (r.type !== "progress") {
        worker.terminate();
        resolve({response: r, progress});
        return;
      }
      progress.push(r.progress);
      if (cancelAfterFirstFold && r.progress.phase === "done" && r.progress.fold === 0) worker.postMessage({type: "cancel", id: 1});
    };
    worker.postMessage({type: "run", id: 1, dataset, model, params, folds: 3, seed: 7});
  });
`;

interface PageRun {
  response: {type: string; summary?: CvSummary; message?: string; cancelled?: boolean};
  progress: {fold: number; folds: number; phase: string}[];
}

const required = process.env.CI === "true";
describe.skipIf(!existsSync(CHROMIUM) && !required)("cross-validation in a browser Web Worker", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveFiles>>;
  let base = "";
  const dataset = cvDataset();

  beforeAll(async () => {
    const bundle = async (options: {
      stdin?: {contents: string; resolveDir: string; loader: "ts"};
      entryPoints?: string[];
    }) =>
      (await build({...options, bundle: true, format: "esm", write: false, logLevel: "silent"})).outputFiles[0].text;
    const files: Record<string, string> = {
      "/page.js": await bundle({stdin: {contents: PAGE, resolveDir: ROOT, loader: "ts"}}),
      "/worker.js": await bundle({entryPoints: [resolve(ROOT, "lib/workers/cross-validate.ts")]}),
      "/": `<!doctype html><script type="module" src="/page.js"></script>`
    };
    server = await serveFiles(files);
    base = server.origin;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function runInPage(model: string, params: unknown, cancel = false): Promise<PageRun> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(base + "/");
    await page.waitForFunction(() => "runCv" in globalThis);
    const run = (await page.evaluate(
      ([m, p, c]) =>
        (globalThis as unknown as {runCv: (m: string, p: unknown, c: boolean) => Promise<unknown>}).runCv(m, p, c),
      [model, params ?? null, cancel] as const
    )) as PageRun;
    await page.close();
    expect(errors).toEqual([]);
    return run;
  }

  for (const {model, params} of CV_RUNS) {
    it(`${model}: the worker's figures equal Node's crossValidate bit for bit`, async () => {
      const run = await runInPage(model, params);
      expect(run.response.type, run.response.message).toBe("result");
      const direct = await crossValidate(getModel(model), randomRatingFolds(dataset, 3, 7), {params: params as never});
      expect(figures(run.response.summary!)).toEqual(figures(direct));
      expect(run.progress.filter((p) => p.phase === "done").map((p) => p.fold)).toEqual([0, 1, 2]);
    }, 60_000);
  }

  it("a cancel posted after the first fold stops the run without a result", async () => {
    const run = await runInPage("mf", {factors: 50, epochs: 300}, true);
    expect(run.response).toMatchObject({type: "error", cancelled: true});
    expect(run.progress.filter((p) => p.phase === "done").length).toBeLessThan(3);
  }, 60_000);
});
