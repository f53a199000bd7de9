/**
 * The Lab page in Debian's Chromium, driven only through its documented contract (README, "The Lab"):
 * `/lab`, `input[type=file][name=dataset]`, `select[name=model]`, `[data-action=run]`, rows
 * `[data-run]` with `data-status`, metric cells `[data-metric=…]`. A zip built from the synthetic set is
 * loaded; MF and the classifier run (with a PerformanceObserver counting long tasks meanwhile); a run
 * is cancelled; the runs are still there after a reload; they are exported; a malformed file shows the
 * readers' message; and the same seed and data give the same figures as `movielab cv --json`.
 * Needs the built site (`npm run build`); skips without dist/lab.html or Chromium, except in CI.
 */
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {RecommenderCvJson} from "../../lib/reports/cv-result.js";
import {CHROMIUM, launchChromium} from "../browser/chromium.js";
import {serveStatic, type StaticServer} from "../browser/static-server.js";
import {movielab} from "../helpers/run-cli.js";
import {LONG_TASKS, loadFiles, runModel, watchProblems} from "./lab-driver.js";
import {syntheticZip} from "./synthetic-zip.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const DIST = join(ROOT, "dist");
const READY = existsSync(join(DIST, "lab.html")) && existsSync(CHROMIUM);

describe.skipIf(!READY && process.env.CI !== "true")("the Lab page in Chromium", () => {
  let browser: Browser;
  let site: StaticServer;
  let dir: string;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "movielab-lab-"));
    writeFileSync(join(dir, "synthetic-100k.zip"), syntheticZip());
    writeFileSync(join(dir, "u.data"), "196\t242\t3\t881250949\n186\t302\t7\t891717742\n");
    writeFileSync(join(dir, "u.item"), `242|Kolya (1996)|24-Jan-1997||http://x|${Array(19).fill("0").join("|")}\n`);
    site = await serveStatic(DIST);
    browser = await launchChromium();
    const context = await browser.newContext({acceptDownloads: true});
    await context.addInitScript(LONG_TASKS);
    page = await context.newPage();
    problems = watchProblems(page);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("serves /lab.html from a plain file server, says nothing is uploaded, and offers every model", async () => {
    // A plain file server has no clean URLs: the site links pages as page.html (movielab serve --site
    // and the preview also answer /lab; test/server/lifecycle.test.ts covers that form).
    await page.goto(`${site.origin}/lab.html`);
    await page.waitForSelector("select[name=model]");
    expect(await page.locator("main").textContent()).toMatch(/Nothing is uploaded anywhere/);
    const options = await page
      .locator("select[name=model] option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(expect.arrayContaining(["mf", "classifier", "baseline", "ease"]));
    expect(await page.locator("[data-action=run]").isDisabled()).toBe(true);
  });

  it("loads a zip built from the synthetic set, with its official folds, read in a worker", async () => {
    const {status, seconds} = await loadFiles(page, join(dir, "synthetic-100k.zip"));
    console.log(`lab: zip read in ${seconds.toFixed(2)} s: ${status}`);
    expect(status).toMatch(/^synthetic-100k: 100,000 ratings, 943 users, 1,682 movies.*official folds u1–u5/);
    // Unzipping and parsing ran in lib/workers/read-upload.ts, not on the page's thread.
    expect(await page.locator(".lab-data-status").getAttribute("data-reader")).toBe("worker");
    expect(await page.locator("select[name=protocol]").inputValue()).toBe("official");
  });

  it("runs MF and the classifier in workers; the leaderboard shows their metrics; no long task meanwhile", async () => {
    const mf = await runModel(page, "mf", {factors: "20", epochs: "10"});
    console.log(`lab: mf official 5 folds in ${mf.seconds.toFixed(1)} s, long tasks ${JSON.stringify(mf.longTasks)}`);
    expect(mf.status).toBe("done");
    expect(Number(mf.metrics.rmse)).toBeGreaterThan(0.5);
    expect(Number(mf.metrics.rmse)).toBeLessThan(1.2);
    expect(Number(mf.metrics.mae)).toBeLessThan(Number(mf.metrics.rmse));
    expect(mf.metrics.accuracy).toBe("");
    const gbdt = JSON.stringify({n_estimators: 10, max_depth: 4, early_stopping_rounds: null});
    const clf = await runModel(page, "classifier", {gbdt, validationFraction: "0"}, {protocol: "hold-out"});
    console.log(`lab: classifier hold-out in ${clf.seconds.toFixed(1)} s, long tasks ${JSON.stringify(clf.longTasks)}`);
    expect(clf.status).toBe("done");
    expect(Number(clf.metrics.accuracy)).toBeGreaterThan(0.2);
    expect(Number(clf.metrics.accuracy)).toBeLessThan(1);
    expect(await page.locator("[data-chart=lab-folds] svg").count()).toBe(1);
    expect([...mf.longTasks, ...clf.longTasks].filter((d) => d > 50)).toEqual([]);
  }, 600_000);

  it("cancels a run", async () => {
    await page.selectOption("select[name=model]", "mf");
    await page.fill("[name=param-epochs]", "500");
    const before = await page.locator("tr[data-run]").count();
    await page.click("[data-action=run]");
    const row = page.locator("tr[data-run]").nth(before);
    await row.and(page.locator("[data-status=running]")).waitFor();
    await row.locator("[data-action=cancel]").click();
    await row.and(page.locator("[data-status=cancelled]")).waitFor({timeout: 10_000});
  });

  it("keeps the finished runs across a reload, and exports them as JSON and CSV", async () => {
    await page.reload();
    await page.waitForSelector("tr[data-run][data-status=done] >> nth=1");
    const rows = await page.locator("tr[data-run]").evaluateAll((trs) =>
      trs.map((tr) => ({
        id: (tr as HTMLElement).dataset.run,
        status: (tr as HTMLElement).dataset.status,
        rmse: tr.querySelector("[data-metric=rmse]")?.textContent
      }))
    );
    expect(rows.map((r) => r.status)).toEqual(["done", "done"]);
    const [json] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=export-json]")]);
    const runs = JSON.parse(readFileSync((await json.path())!, "utf8")) as RecommenderCvJson[];
    expect(runs.map((r) => [r.id, r.rmse!.mean.toFixed(4)])).toEqual(rows.map((r) => [r.id, r.rmse]));
    expect(runs.map((r) => [r.model, r.protocol, r.folds.length, r.source])).toEqual([
      ["mf", "official", 5, "lab"],
      ["classifier", "hold-out", 1, "lab"]
    ]);
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=export-csv]")]);
    const text = readFileSync((await csv.path())!, "utf8");
    expect(text.trim().split("\r\n")).toHaveLength(1 + 5 + 1);
  });

  it("shows the readers' message for a malformed file, in the page", async () => {
    await page.setInputFiles("input[type=file][name=dataset]", [join(dir, "u.data"), join(dir, "u.item")]);
    await page.waitForSelector(".lab-data-status[data-state=error]");
    expect(await page.locator(".lab-data .lab-error[role=alert]").textContent()).toBe(
      'ml-100k/u.data line 2, field "rating": got "7", expected a rating from 1 to 5 in steps of 1'
    );
    expect(problems).toEqual([]);
  });

  it("reads files dropped on the drop zone, in the worker", async () => {
    // A drop as the browser delivers it: a DataTransfer holding File objects, dispatched on the zone.
    await page.evaluate(() => {
      const item = (id: number, title: string) => `${id}|${title}|01-Jan-1990||u|${Array(19).fill("0").join("|")}\n`;
      const dt = new DataTransfer();
      dt.items.add(new File(["1\t1\t5\t881250949\n1\t2\t3\t881250950\n2\t1\t4\t881250951\n"], "u.data"));
      dt.items.add(new File([item(1, "A (1990)") + item(2, "B (1990)")], "u.item"));
      document
        .querySelector(".lab-drop")!
        .dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
    });
    await page.waitForSelector(".lab-data-status[data-state=ready]");
    expect(await page.locator(".lab-data-status").textContent()).toMatch(/^ml-100k: 3 ratings, 2 users, 2 movies/);
    expect(await page.locator(".lab-data-status").getAttribute("data-reader")).toBe("worker");
    expect(problems).toEqual([]);
  });

  it("works where the page is not a secure context (plain http from another host: no crypto.subtle)", async () => {
    // A host name other than localhost that resolves to the test server: Chromium then gives the page
    // no Web Crypto, as on a LAN address; the fingerprint falls back to JavaScript SHA-256.
    const insecure = await launchChromium(["--host-resolver-rules=MAP movielab.test 127.0.0.1"]);
    try {
      const other = await insecure.newPage();
      const errors = watchProblems(other);
      await other.goto(`${site.origin.replace("127.0.0.1", "movielab.test")}/lab.html`, {waitUntil: "networkidle"});
      expect(await other.evaluate(() => [window.isSecureContext, typeof crypto.subtle])).toEqual([false, "undefined"]);
      await other.click("[data-action=synthetic]");
      await other.waitForSelector(".lab-data-status[data-state=ready], .lab-data-status[data-state=error]");
      expect(await other.locator(".lab-data .lab-error").textContent()).toBe("");
      expect(await other.locator(".lab-data-status").textContent()).toMatch(/^synthetic: 100,000 ratings/);
      expect(errors).toEqual([]);
    } finally {
      await insecure.close();
    }
  });

  it("runs the shared temporal protocol: the same folds and figures as `movielab cv --protocol temporal-user`", async () => {
    await page.click("[data-action=synthetic]");
    await page.waitForSelector(".lab-data-status[data-state=ready]");
    const lab = await runModel(page, "baseline", {}, {protocol: "temporal-user", seed: "42"});
    expect(lab.status).toBe("done");
    const cli = await movielab([
      "cv",
      "recommender",
      "--model",
      "baseline",
      "--data",
      "synthetic",
      "--protocol",
      "temporal-user",
      "--seed",
      "42",
      "--json",
      "--no-record"
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    const theirs = JSON.parse(cli.stdout) as RecommenderCvJson;
    const [json] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=export-json]")]);
    const mine = (JSON.parse(readFileSync((await json.path())!, "utf8")) as RecommenderCvJson[]).find(
      (r) => r.id === lab.id
    )!;
    const figures = (r: RecommenderCvJson) => ({
      protocol: r.protocol,
      rmse: r.rmse,
      folds: r.folds.map(({fold, rmse, n_train, n_test}) => ({fold, rmse, n_train, n_test}))
    });
    expect(mine.protocol).toBe("temporal-user");
    expect(figures(mine)).toEqual(figures(theirs));
  });

  it("gives the same figures as `movielab cv --json` for the same seed and data, and imports the CLI's run", async () => {
    await page.click("[data-action=synthetic]");
    await page.waitForSelector(".lab-data-status[data-state=ready]");
    const lab = await runModel(page, "mf", {}, {protocol: "k-fold", folds: "5", seed: "42"});
    expect(lab.status).toBe("done");
    const cli = await movielab([
      "cv",
      "--model",
      "mf",
      "--data",
      "synthetic",
      "--folds",
      "5",
      "--seed",
      "42",
      "--json"
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    const [json] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=export-json]")]);
    const runs = JSON.parse(readFileSync((await json.path())!, "utf8")) as RecommenderCvJson[];
    const mine = runs.find((r) => r.id === lab.id)!;
    const theirs = JSON.parse(cli.stdout) as RecommenderCvJson;
    const figures = (r: RecommenderCvJson) => ({
      fingerprint: r.fingerprint,
      params: r.params,
      protocol: r.protocol,
      rmse: r.rmse,
      mae: r.mae,
      folds: r.folds.map(({fold, rmse, mae, n_train, n_test, fallbacks}) => ({
        fold,
        rmse,
        mae,
        n_train,
        n_test,
        fallbacks
      }))
    });
    console.log(
      `lab vs cli mf: rmse ${mine.rmse!.mean} / ${theirs.rmse!.mean}, wall ${mine.wall_seconds} s / ${theirs.wall_seconds} s`
    );
    expect(figures(mine)).toEqual(figures(theirs));
    // The CLI's run imports into the Lab beside its own.
    const file = join(dir, "cli-run.json");
    writeFileSync(file, cli.stdout);
    await page.setInputFiles("input[type=file][name=runs]", file);
    await page.waitForSelector(`tr[data-run="${theirs.id}"][data-status=done]`);
    expect(await page.locator(`tr[data-run="${theirs.id}"] [data-metric=rmse]`).textContent()).toBe(
      await page.locator(`tr[data-run="${lab.id}"] [data-metric=rmse]`).textContent()
    );
  }, 900_000);

  it("runs ranking models (top-N metrics only; the ranking blend over EASE and iALS) and a rating model with nDCG@10 asked for", async () => {
    const popular = await runModel(page, "popular", {}, {protocol: "hold-out"});
    expect(popular.status).toBe("done");
    expect(popular.metrics.rmse).toBe("");
    expect(Number(popular.metrics.ndcg)).toBeGreaterThan(0);
    // The ranking blend: EASE and iALS fitted in the worker, iALS's weight chosen on the inner split.
    const blend = await runModel(page, "rank-blend", {}, {protocol: "hold-out"});
    expect(blend.status).toBe("done");
    expect(blend.metrics.rmse).toBe("");
    expect(Number(blend.metrics.ndcg)).toBeGreaterThan(0);
    await page.check("input[name=ranking]");
    const baseline = await runModel(page, "baseline", {}, {protocol: "hold-out"});
    expect(Number(baseline.metrics.rmse)).toBeGreaterThan(0.5);
    expect(Number(baseline.metrics.ndcg)).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 300_000);
});
