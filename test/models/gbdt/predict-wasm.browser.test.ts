/**
 * GBDT prediction in a real browser (Debian's Chromium via playwright-core): the WebAssembly
 * kernel compiles on a plain page, a page whose CSP refuses WebAssembly falls back to the
 * JavaScript kernel, and both give the margins Node computes, bit for bit. Skips without Chromium.
 */
import {existsSync} from "node:fs";
import {resolve} from "node:path";
import {build} from "esbuild";
import type {Browser} from "playwright-core";
import {CHROMIUM, launchChromium} from "../../browser/chromium.js";
import {serveFiles} from "../../browser/serve-files.js";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {modelToJSON} from "../../../lib/models/gbdt/model.js";
import {predictMargin} from "../../../lib/models/gbdt/predict.js";
import {syntheticClassification} from "../../../lib/models/gbdt/synthetic.js";
import {trainGbdt} from "../../../lib/models/gbdt/train.js";

const ROOT = resolve(import.meta.dirname, "..", "..", "..");
const ENTRY = `
import {parseModel} from "./lib/models/gbdt/model.js";
import {predictMargin} from "./lib/models/gbdt/predict.js";
import {wasmKernel} from "./lib/wasm/rank-forest.js";
globalThis.predictInPage = (modelText, xs, n) => ({wasm: wasmKernel() !== null, margins: Array.from(predictMargin(parseModel(modelText), Float32Array.from(xs), n))});
`;

describe.skipIf(!existsSync(CHROMIUM))("gbdt prediction in Chromium", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveFiles>>;
  let base = "";
  const s = syntheticClassification(1603, 3, 29);
  const nTrain = 1200;
  const n = s.n - nTrain;
  const model = trainGbdt(
    {features: s.features.slice(0, nTrain * s.d), labels: s.labels.slice(0, nTrain), n: nTrain},
    {num_class: 3, n_estimators: 9, max_depth: 5}
  );
  const x = s.features.slice(nTrain * s.d);
  const expected = Array.from(predictMargin(model, x, n));

  beforeAll(async () => {
    const bundle = (
      await build({
        stdin: {contents: ENTRY, resolveDir: ROOT, loader: "ts"},
        bundle: true,
        format: "iife",
        write: false,
        logLevel: "silent"
      })
    ).outputFiles[0].text;
    const pages: Record<string, string> = {
      "/plain": `<!doctype html><script src="/bundle.js"></script>`,
      "/no-wasm": `<!doctype html><meta http-equiv="Content-Security-Policy" content="script-src 'self'"><script src="/bundle.js"></script>`
    };
    server = await serveFiles({...pages, "/bundle.js": bundle});
    base = server.origin;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [path, wasm] of [
    ["/plain", true],
    ["/no-wasm", false]
  ] as const) {
    it(`${path}: ${wasm ? "the WebAssembly kernel" : "the JavaScript fallback (CSP without wasm-unsafe-eval)"} gives Node's margins bit for bit`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(base + path);
      const r = (await page.evaluate(
        ([m, xs, rows]) =>
          (globalThis as unknown as {predictInPage: (m: string, xs: number[], n: number) => unknown}).predictInPage(
            m,
            xs,
            rows
          ),
        [modelToJSON(model), Array.from(x), n] as const
      )) as {wasm: boolean; margins: number[]};
      await page.close();
      expect(errors).toEqual([]);
      expect(r.wasm).toBe(wasm);
      expect(r.margins).toEqual(expected);
    }, 60_000);
  }
});
