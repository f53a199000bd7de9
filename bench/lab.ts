// The Lab's targets in headless Debian Chromium (playwright-core) against dist/ served on 127.0.0.1,
// driven through the page's documented contract (test/lab/lab-driver.ts). Prints one JSON object: each
// figure with its target and the load average when it was taken (these machines are shared).
//   - ml-100k as a zip, read and validated in the page: < 2 s;
//   - biased MF (defaults), 5-fold CV in the Lab on ml-100k, one worker per core: < 10 s;
//   - the GBDT classifier's 5-fold CV in the Lab on ml-100k, and its ratio to `movielab cv` in Node;
//   - an ml-latest-small look-alike end to end (read, MF 5-fold);
//   - a 1M-rating look-alike (ml-1m) read and MF trained (hold-out), with the peak RSS of Chromium's
//     processes (measureUserAgentSpecificMemory needs cross-origin isolation, which a static host lacks).
// Build first (MOVIELAB_DATA=synthetic npm run build). Usage: tsx bench/lab.ts [--skip-classifier]
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {zipSync} from "fflate";
import {LAB_FILES} from "../lib/lab/read-upload.js";
import {launchChromium} from "../test/browser/chromium.js";
import {serveStatic} from "../test/browser/static-server.js";
import {LONG_TASKS, loadFiles, runModel, type RunOutcome} from "../test/lab/lab-driver.js";
import {locateMl100k} from "../test/helpers/ml100k.js";

const ROOT = resolve(import.meta.dirname, "..");
const DIST = join(ROOT, "dist");
const log = (msg: string) => process.stderr.write(`lab bench: ${msg}\n`);
const load = () => loadavg().map((x) => Number(x.toFixed(2)));
const skipClassifier = process.argv.includes("--skip-classifier");

if (!existsSync(join(DIST, "lab.html"))) throw new Error("dist/lab.html is missing: run npm run build first");
const ml100k = locateMl100k();
if (ml100k === null) throw new Error("MovieLens 100K not found (MOVIELAB_TEST_DATA)");
const work = mkdtempSync(join(tmpdir(), "movielab-lab-bench-"));

/** Peak resident memory of this process's descendants (Chromium's processes), sampled every 200 ms. */
function rssSampler(): {stop(): number} {
  const descendants = (): number[] => {
    const parent = new Map<number, number>();
    for (const d of readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, "utf8");
        parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
      } catch {
        // gone
      }
    }
    const out: number[] = [];
    const walk = (p: number) => {
      for (const [c, pp] of parent) {
        if (pp !== p) continue;
        out.push(c);
        walk(c);
      }
    };
    walk(process.pid);
    return out;
  };
  const rss = (): number =>
    descendants().reduce((sum, pid) => {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        return sum + (m ? Number(m[1]) * 1024 : 0);
      } catch {
        return sum;
      }
    }, 0);
  let peak = rss();
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 200);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rss());
    }
  };
}

function figures(r: RunOutcome) {
  return {
    seconds: Number(r.seconds.toFixed(2)),
    status: r.status,
    metrics: r.metrics,
    long_tasks_over_50ms: r.longTasks
  };
}

function synth(like: string): string {
  const out = join(work, like);
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", join(ROOT, "src/cli.ts"), "data", "synth", "--like", like, "--out", out],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: {...process.env, MOVIELAB_NO_PROGRESS: "1"}
    }
  );
  if (r.status !== 0) throw new Error(`data synth --like ${like}: ${r.stderr}`);
  return out;
}

const result: Record<string, unknown> = {
  machine: {cores: (await import("node:os")).cpus().length, load_at_start: load()}
};
const site = await serveStatic(DIST);
const browser = await launchChromium();
try {
  const context = await browser.newContext();
  await context.addInitScript(LONG_TASKS);
  const page = await context.newPage();
  await page.goto(`${site.origin}/lab.html`);
  await page.waitForSelector("select[name=model]");
  result.pool_size = await page.evaluate("navigator.hardwareConcurrency");

  // 1. ml-100k zip, read and validated in the page.
  const zipPath = join(work, "ml-100k.zip");
  const names = readdirSync(ml100k.dir).filter((n) => LAB_FILES.has(n));
  writeFileSync(
    zipPath,
    zipSync(Object.fromEntries(names.map((n) => [`ml-100k/${n}`, new Uint8Array(readFileSync(join(ml100k.dir, n)))])))
  );
  const read = await loadFiles(page, zipPath);
  result.ml100k_zip_read = {
    seconds: Number(read.seconds.toFixed(2)),
    target_s: 2,
    status: read.status,
    reader: read.reader,
    long_tasks_ms: read.longTasks,
    load: load()
  };
  log(JSON.stringify(result.ml100k_zip_read));

  // 2. Biased MF, defaults, 5 random folds (seed 42), one worker per core.
  const mf = await runModel(page, "mf", {}, {protocol: "k-fold", folds: "5", seed: "42", timeout: 600_000});
  result.mf_5fold_ml100k = {...figures(mf), target_s: 10, load: load()};
  log(JSON.stringify(result.mf_5fold_ml100k));

  // 3. The classifier, 5 random folds, in the Lab and in Node (`movielab cv`, worker threads for the trees).
  if (!skipClassifier) {
    const clf = await runModel(
      page,
      "classifier",
      {},
      {protocol: "k-fold", folds: "5", seed: "42", timeout: 3_600_000}
    );
    const loadLab = load();
    const t0 = performance.now();
    const cli = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(ROOT, "src/cli.ts"),
        "cv",
        "--model",
        "classifier",
        "--data",
        ml100k.dir,
        "--folds",
        "5",
        "--seed",
        "42",
        "--json"
      ],
      {cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20, env: {...process.env, MOVIELAB_NO_PROGRESS: "1"}}
    );
    const nodeSeconds = (performance.now() - t0) / 1000;
    const record = cli.status === 0 ? JSON.parse(cli.stdout) : null;
    result.classifier_5fold_ml100k = {
      lab: {...figures(clf), load: loadLab},
      node: {
        process_seconds: Number(nodeSeconds.toFixed(2)),
        cv_wall_seconds: record?.wall_seconds,
        rmse: record?.rmse.mean,
        accuracy: record?.metrics?.accuracy?.mean,
        load: load(),
        error: cli.status === 0 ? undefined : cli.stderr.slice(-500)
      },
      ratio_lab_to_node_cv: record ? Number((clf.seconds / record.wall_seconds).toFixed(2)) : null
    };
    log(JSON.stringify(result.classifier_5fold_ml100k));
  }

  // 4. ml-latest-small look-alike, end to end.
  const small = synth("ml-latest-small");
  const smallRead = await loadFiles(
    page,
    readdirSync(small).map((f) => join(small, f))
  );
  const smallMf = await runModel(page, "mf", {}, {protocol: "k-fold", folds: "5", seed: "42", timeout: 600_000});
  result.ml_latest_small_like = {
    read_seconds: Number(smallRead.seconds.toFixed(2)),
    status: smallRead.status,
    mf_5fold: figures(smallMf),
    load: load()
  };
  log(JSON.stringify(result.ml_latest_small_like));

  // 5. A 1M-rating look-alike: read, MF on a hold-out, peak memory of Chromium's processes.
  await page.reload();
  await page.waitForSelector("select[name=model]");
  const big = synth("ml-1m");
  const sampler = rssSampler();
  const bigRead = await loadFiles(
    page,
    readdirSync(big).map((f) => join(big, f)),
    600_000
  );
  const bigMf = await runModel(page, "mf", {}, {protocol: "hold-out", seed: "42", timeout: 1_800_000});
  const peak = sampler.stop();
  const uaMemory = await page.evaluate(
    "typeof performance.measureUserAgentSpecificMemory === 'function' && crossOriginIsolated ? performance.measureUserAgentSpecificMemory().then((m) => m.bytes) : null"
  );
  result.ml_1m_like = {
    read_seconds: Number(bigRead.seconds.toFixed(2)),
    status: bigRead.status,
    reader: bigRead.reader,
    read_long_tasks_ms: bigRead.longTasks,
    mf_holdout: figures(bigMf),
    peak_rss_mib_chromium: Math.round(peak / 2 ** 20),
    measure_user_agent_specific_memory_bytes: uaMemory,
    load: load()
  };
  log(JSON.stringify(result.ml_1m_like));
} finally {
  await browser.close();
  await site.close();
}
console.log(JSON.stringify(result));
