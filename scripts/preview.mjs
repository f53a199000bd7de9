#!/usr/bin/env node
// `npm start`: Framework's preview, kept fresh and showing its progress.
//
// - Fresh: Framework re-runs a data loader only when the loader file changes, but our loaders' work
//   lives in lib/. scripts/loader-deps.mjs follows each loader's imports; on a change under lib/ or
//   notebooks/ (and at start, for changes made while stopped) the loaders it reaches are touched,
//   and Framework re-runs them and updates the open page.
// - Progress: every loader gets scripts/loader-status.mjs preloaded, which records what it is doing;
//   this server answers /_movielab/loaders with that, and the pages' panel (scripts/preview-panel.mjs)
//   shows it while a first visit waits.
// - Warm: in the background, every data loader whose output is missing or stale runs, slowest first,
//   two at a time (as the build runs them), through Framework's own loaders, so a page visited
//   meanwhile shares the run instead of starting another; pages read later open at once.
// - Offline: Framework's npm look-ups are answered first (scripts/seed-npm-versions.mjs).
// - The API reference: generated on the first visit to /api/ and served there (scripts/preview-api.mjs).
//
// Usage: node scripts/preview.mjs [--port N] [--host H] [--no-open] [--no-warm]
import {mkdtempSync, readdirSync, readFileSync, rmSync, watch} from "node:fs";
import {tmpdir} from "node:os";
import {delimiter, dirname, join, relative, resolve} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {parseArgs} from "node:util";
import {accessibleHtml} from "./accessible-html.mjs";
import {refreshLoaders} from "./loader-deps.mjs";
import {apiPreview} from "./preview-api.mjs";
import {dataLoaders, loaderJobs} from "./run-loaders.mjs";
import {seedNpmVersions} from "./seed-npm-versions.mjs";

const PROJECT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = join(PROJECT, "notebooks");
const WATCHED = [join(PROJECT, "lib"), ROOT];

const {values} = parseArgs({
  options: {
    port: {type: "string"},
    host: {type: "string", default: "127.0.0.1"},
    open: {type: "boolean", default: true},
    "no-open": {type: "boolean", default: false},
    "no-warm": {type: "boolean", default: false}
  }
});
// Framework reads observablehq.config.ts and runs loaders relative to the working directory.
process.chdir(PROJECT);

const log = (msg) => console.log(`movielab preview: ${msg}`);
const report = (touched) => {
  for (const t of touched) {
    const what = t.restored ? "restored from the store of earlier outputs" : "will re-run";
    log(`${t.loader} ${what} (${t.because.join(", ")})`);
  }
};

seedNpmVersions(ROOT);
const statusDir = mkdtempSync(join(tmpdir(), "movielab-loaders-"));
process.env.MOVIELAB_LOADER_STATUS_DIR = statusDir;
process.env.MOVIELAB_PREVIEW = "1";
process.env.OBSERVABLE_TELEMETRY_DISABLE = "1";
// TypeScript loaders run under tsx, found on PATH as under `npm run`.
process.env.PATH = [join(PROJECT, "node_modules", ".bin"), process.env.PATH].filter(Boolean).join(delimiter);
const preload = `--import=${pathToFileURL(join(PROJECT, "scripts", "loader-status.mjs")).href}`;
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, preload].filter(Boolean).join(" ");

report(refreshLoaders({root: ROOT, project: PROJECT}));

/** The loaders running now, from their status files (a file whose process is gone is skipped). */
function runningLoaders() {
  const out = [];
  for (const name of readdirSync(statusDir)) {
    if (!name.endsWith(".json")) continue;
    try {
      const s = JSON.parse(readFileSync(join(statusDir, name), "utf8"));
      process.kill(s.pid, 0);
      out.push(s);
    } catch {
      // Half-written or its process exited: not running.
    }
  }
  return out.sort((a, b) => a.started - b.started);
}

const FRAMEWORK = join(PROJECT, "node_modules", "@observablehq", "framework", "dist");
const {preview} = await import(pathToFileURL(join(FRAMEWORK, "preview.js")).href);
const {readConfig} = await import(pathToFileURL(join(FRAMEWORK, "config.js")).href);

/** Runs every data loader that is not fresh, `jobs` at a time, slowest first, through Framework. */
async function warmUp() {
  const {loaders} = await readConfig(undefined, undefined);
  const queue = dataLoaders(PROJECT).map((name) => `/data/${name}`);
  const started = performance.now();
  const failed = [];
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      try {
        await loaders.find(path)?.load();
      } catch (error) {
        failed.push(`${path} (${error.message})`);
      }
    }
  };
  await Promise.all(Array.from({length: loaderJobs()}, worker));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`every page's data is ready (${seconds} s)${failed.length > 0 ? `; failed: ${failed.join(", ")}` : ""}`);
  report(refreshLoaders({root: ROOT, project: PROJECT})); // files the new outputs in the store
}
const server = await preview({
  hostname: values.host,
  port: values.port === undefined ? undefined : Number(values.port),
  open: values.open && !values["no-open"],
  origins: []
});
// Framework 1.13.4 (pinned) keeps its http.Server as _server; our routes go in front of it.
const http = server._server;
const handlers = http.listeners("request");
const api = apiPreview({project: PROJECT, log});
http.removeAllListeners("request");
http.on("request", (req, res) => {
  if (req.url === "/_movielab/loaders") {
    res.writeHead(200, {"Content-Type": "application/json", "Cache-Control": "no-store"});
    res.end(JSON.stringify(runningLoaders()));
    return;
  }
  if (api(req, res)) return;
  // Pages get the build's repairs of Framework's template (accessible-html.mjs): the preview then
  // shows what the site will be. Framework answers a page with a single res.end(html).
  const end = res.end;
  res.end = function (body, ...rest) {
    const html = typeof body === "string" && /^text\/html/.test(String(res.getHeader("Content-Type") ?? ""));
    return end.call(this, html ? accessibleHtml(body) : body, ...rest);
  };
  for (const h of handlers) h.call(http, req, res);
});

// One refresh per burst of saves (editors write several times); changes are collected meanwhile.
let pending = new Set();
let timer;
for (const dir of WATCHED) {
  watch(dir, {recursive: true}, (_event, name) => {
    if (!name || /(^|[\\/])\./.test(name) || !/\.(ts|mts|js|mjs|json|css)$/.test(name)) return;
    pending.add(resolve(dir, name));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending];
      pending = new Set();
      try {
        report(refreshLoaders({root: ROOT, project: PROJECT, changed}));
      } catch (error) {
        log(`could not follow ${changed.map((c) => relative(PROJECT, c)).join(", ")}: ${error.message}`);
      }
    }, 150);
  });
}

if (!values["no-warm"]) {
  log("computing every page's data in the background (--no-warm to skip)");
  warmUp().catch((error) => log(`warm-up stopped: ${error.message}`));
}

const cleanup = () => rmSync(statusDir, {recursive: true, force: true});
process.on("exit", cleanup);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
