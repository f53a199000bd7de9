// The cold-start widget on the ml-100k bundle in headless Debian Chromium (playwright-core). Makes the
// bundle with the site's own loader (notebooks/data/model.json.ts, MOVIELAB_DATA = ml-100k) and the
// exported module with its loader (notebooks/embed/predict.js.ts), serves both with a bare host page on
// 127.0.0.1, and puts <movielab-predict mode="visitor"> on it. Prints one JSON object:
//   - bundle bytes (target < 5 MB) and the time from the element's creation to its first list;
//   - p50/p95 of one update after 5, 10 and 20 rated movies (target p95 < 50 ms): the widget's rate()
//     until it has put the new prediction and top-10 in the DOM (it validates the rating, folds the
//     visitor in, scores, explains, renders; layout and paint come after), and the same two service
//     calls without the DOM;
//   - the peer in the same run: a user of the data set's prediction + top-10 from the same bundle
//     (the classifier's GBDT and the popularity list), the widget's older path;
//   - the load average (os.loadavg) before and after; these machines are shared.
// Usage: tsx bench/cold-start.ts [--bundle FILE] [--repeats N]   (MOVIELAB_TEST_DATA: ml-100k)
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {launchChromium} from "../test/browser/chromium.js";
import {serveStatic} from "../test/browser/static-server.js";
import {locateMl100k} from "../test/helpers/ml100k.js";

const ROOT = resolve(import.meta.dirname, "..");
const log = (msg: string) => process.stderr.write(`cold-start bench: ${msg}\n`);
const load = () => loadavg().map((x) => Number(x.toFixed(2)));
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const REPEATS = Number(arg("--repeats") ?? 60);
const SIZES = [5, 10, 20];

const ml100k = locateMl100k();
if (ml100k === null) throw new Error("MovieLens 100K not found (MOVIELAB_TEST_DATA)");
const loadStart = load();

/** Runs a loader with tsx and returns its stdout (stderr passes through). */
function loader(file: string, env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, file)], {
    cwd: ROOT,
    env: {...process.env, ...env},
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 256 << 20
  });
  if (r.status !== 0) throw new Error(`${file} exited with ${r.status}`);
  return r.stdout;
}

const given = arg("--bundle");
log(given ? `bundle ${given}` : `training the page's bundle on ${ml100k.dir} with the site's loader…`);
const bundleText = given
  ? readFileSync(given, "utf8")
  : loader("notebooks/data/model.json.ts", {MOVIELAB_DATA: ml100k.dir});
const moduleText = loader("notebooks/embed/predict.js.ts");
const dir = mkdtempSync(join(tmpdir(), "movielab-cold-start-"));
mkdirSync(join(dir, "embed"));
writeFileSync(join(dir, "embed", "predict.js"), moduleText);
writeFileSync(join(dir, "model.json"), bundleText);
writeFileSync(
  join(dir, "index.html"),
  `<!doctype html><meta charset="utf-8"><title>cold start</title><link rel="icon" href="data:,"><main></main>\n`
);

const site = await serveStatic(dir);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  // tsx compiles the evaluated function with esbuild's keepNames, whose __name helper the page lacks.
  await page.addInitScript("window.__name = (f) => f;");
  await page.goto(`${site.origin}/index.html`);
  log(`Chromium ${browser.version()}; measuring ${REPEATS} updates at each of ${SIZES.join(", ")} ratings…`);
  const loadBefore = load();
  const figures = await page.evaluate(
    async ({sizes, repeats}) => {
      const t0 = performance.now();
      const m = await import(`${location.origin}/embed/predict.js`);
      const el = document.createElement("movielab-predict") as HTMLElement & {ready(): Promise<void>};
      el.setAttribute("bundle", "model.json");
      el.setAttribute("mode", "visitor");
      el.setAttribute("k", "10");
      document.querySelector("main")!.append(el);
      await el.ready();
      const loadMs = performance.now() - t0;
      type W = HTMLElement & {
        rate(m: unknown, r: number): Promise<void>;
        unrate(id: number): Promise<void>;
        settled(): Promise<void>;
      };
      const widget = el.querySelector(".mlp-visitor") as W;
      const service = await m.loadBundleService(`${location.origin}/model.json`);
      // The visitor's movies: the 60 most-rated, in a seeded shuffle so that they are not all of one kind.
      const pool = (await service.recommendForRatings([], 60)).items as {movieId: number; title: string}[];
      let seed = 7;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      for (let i = pool.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [pool[i], pool[j]] = [pool[j], pool[i]];
      }
      const stars = (i: number) => 1 + (i % 5);
      const quantile = (xs: number[], q: number) => {
        const s = [...xs].sort((a, b) => a - b);
        return s[Math.min(s.length - 1, Math.floor(q * s.length))];
      };
      const summary = (xs: number[]) => ({
        p50_ms: Number(quantile(xs, 0.5).toFixed(2)),
        p95_ms: Number(quantile(xs, 0.95).toFixed(2)),
        max_ms: Number(Math.max(...xs).toFixed(2)),
        n: xs.length
      });
      const out = [];
      for (const n of sizes) {
        // Start from n − 1 ratings; each timed update rates the n-th movie (alternating stars).
        for (const r of [...(widget as unknown as {value: {ratings: {movieId: number}[]}}).value.ratings])
          await widget.unrate(r.movieId);
        for (let i = 0; i < n - 1; i++) await widget.rate(pool[i], stars(i));
        await widget.settled();
        const last = pool[n - 1];
        const ui: number[] = [];
        for (let t = 0; t < repeats; t++) {
          const s = performance.now();
          // rate() resolves once the new prediction and list are in the DOM and `input` has fired.
          await widget.rate(last, t % 2 === 0 ? 4 : 2);
          ui.push(performance.now() - s);
          await widget.settled();
        }
        const ratings = (widget as unknown as {value: {ratings: unknown[]}}).value.ratings;
        const shown = widget.querySelectorAll(".mlp-recs li[data-movie-id]").length;
        const compute: number[] = [];
        for (let t = 0; t < repeats; t++) {
          const s = performance.now();
          await service.predictForRatings(ratings, [pool[59].movieId]);
          await service.recommendForRatings(ratings, 10);
          compute.push(performance.now() - s);
        }
        out.push({ratings: ratings.length, shown, widget_update: summary(ui), service_only: summary(compute)});
      }
      // The peer: the older path of the same bundle, a user of the data set (predict + top-10).
      const users = Array.from({length: repeats}, (_, t) => 1 + ((t * 37) % 900));
      const peer: number[] = [];
      for (const u of users) {
        const s = performance.now();
        await service.predict(u, pool[59].movieId);
        await service.recommend(u, 10);
        peer.push(performance.now() - s);
      }
      return {loadMs, sizes: out, peer: summary(peer)};
    },
    {sizes: SIZES, repeats: REPEATS}
  );
  const loadAfter = load();
  const worstP95 = Math.max(...figures.sizes.map((s) => s.widget_update.p95_ms));
  const result = {
    bench: "cold-start",
    dataset: "ml-100k",
    browser: `Chromium ${browser.version()} (headless)`,
    bundle: {
      bytes: bundleText.length,
      target_bytes: 5_000_000,
      meets_target: bundleText.length < 5_000_000,
      made_by: given ? given : "notebooks/data/model.json.ts"
    },
    element_ready_ms: Number(figures.loadMs.toFixed(1)),
    updates: figures.sizes,
    target_p95_ms: 50,
    meets_target: worstP95 < 50,
    peer_known_user_predict_and_top10: figures.peer,
    problems,
    load: {at_start: loadStart, before_browser_runs: loadBefore, after: loadAfter}
  };
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await site.close();
}
