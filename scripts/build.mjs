#!/usr/bin/env node
// Builds the static workbench into dist/ from fresh loader output, then proves the result is
// self-contained: no file loads anything from another host, and no MovieLens raw file was shipped.
//
// Why each step:
// - Framework reuses loader output from notebooks/.observablehq/cache even after the loader, lib/ or
//   the data changed ("using stale"), so the cache is cleared before every build.
// - The local `observable` binary is spawned with node_modules/.bin on PATH, so that TypeScript data
//   loaders find `tsx`; telemetry is switched off for the child.
// - A Framework build exits 0 with broken pages and would happily bundle a CDN URL; the scan below
//   is the gate for "works offline" and "GroupLens data is not redistributed".
//
// What counts as an external reference (the policy, kept precise so prose can still cite sources):
// - HTML: any src/href/srcset/poster/data/action attribute with an absolute URL (scheme: or //host)
//   on any element EXCEPT <a href> (a link the reader may follow loads nothing by itself); also
//   <meta http-equiv=refresh> targets and CSS inside <style> / style="" (see CSS below).
// - JS: static or dynamic imports and `new URL(...)`/fetch/importScripts of an absolute http(s) URL,
//   and any mention of a known CDN / font / Observable API host, even in a string.
// - CSS: url(...) or @import of an absolute URL.
// - Every text file: the known CDN hosts (jsdelivr, unpkg, esm.sh, skypack, googleapis, gstatic,
//   api.observablehq.com, events.observablehq.com) anywhere outside an <a href> in HTML.
// Local paths: any absolute path under the project, its parent, the home or temporary directory,
// or the data set's directories (MOVIELAB_DATA, MOVIELAB_DATA_ROOT, MOVIELAB_CACHE_DIR): a deployed
// site must not carry this machine's layout.
// MovieLens files: a file named like a raw MovieLens file (u.data, u.item, ratings.csv, ratings.dat,
// ml-*.zip ...), any text file with 20+ lines shaped like u.data / u.item / ratings.csv rows, or
// 1,000+ (user, movie, rating, timestamp) tuples in any layout (a JSON copy of the ratings).
//
// - Framework runs data loaders one at a time: scripts/run-loaders.mjs runs them first, two at a
//   time on two cores, into Framework's cache, where the build finds them fresh; a loader whose code,
//   settings and data are unchanged since an earlier build is restored from the result store instead
//   (scripts/loader-results.mjs; MOVIELAB_LOADER_STORE=off runs them all).
// - Framework's client bundle names ~15 npm libraries it recommends; scripts/seed-npm-versions.mjs
//   records their versions in the cleared cache so that a build needs no network at all.
//
// Usage: node scripts/build.mjs [--no-clean] [--scan-only]   (env: MOVIELAB_DATA picks the data set)
import {spawn} from "node:child_process";
import {existsSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {homedir, tmpdir} from "node:os";
import {delimiter, dirname, extname, isAbsolute, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {buildApi} from "./build-api.mjs";
import {accessibleDist} from "./accessible-html.mjs";
import {writeCleanUrlStubs} from "./clean-url-stubs.mjs";
import {runLoaders} from "./run-loaders.mjs";
import {seedNpmVersions} from "./seed-npm-versions.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const CACHE = join(ROOT, "notebooks", ".observablehq", "cache");
const BIN = join(ROOT, "node_modules", ".bin");

/** Hosts that must never appear in the built site (outside <a href> links in HTML). */
export const FORBIDDEN_HOSTS = [
  "cdn.jsdelivr.net",
  "jsdelivr.com",
  "unpkg.com",
  "esm.sh",
  "cdn.skypack.dev",
  "skypack.dev",
  "fonts.googleapis.com",
  "googleapis.com",
  "fonts.gstatic.com",
  "gstatic.com",
  "api.observablehq.com",
  "events.observablehq.com",
  "static.observableusercontent.com",
  "cdnjs.cloudflare.com",
  "ga.jspm.io",
  "jspm.io"
];

/** Base names of raw MovieLens files (ml-100k, ml-1m, CSV family) that must never ship. */
const RAW_NAMES = new Set([
  "u.data",
  "u.item",
  "u.user",
  "u.genre",
  "u.occupation",
  "u.info",
  "ratings.csv",
  "movies.csv",
  "tags.csv",
  "links.csv",
  "genome-scores.csv",
  "genome-tags.csv",
  "ratings.dat",
  "movies.dat",
  "users.dat",
  "tags.dat"
]);
const RAW_NAME_PATTERNS = [/^u[1-5]\.(base|test)$/, /^u[ab]\.(base|test)$/, /^ml-[\w-]+\.zip$/i];

/** Row shapes of raw MovieLens files; 20+ matching lines in one file means raw data was shipped. */
const RAW_LINE_PATTERNS = [
  {what: "u.data rows (user<TAB>item<TAB>rating<TAB>timestamp)", re: /^\d+\t\d+\t[1-5]\t\d{9,10}\r?$/gm},
  {
    what: "u.item rows (id|title|release date|...)",
    re: /^\d+\|[^|\n]*\|(\d\d-[A-Z][a-z]{2}-\d{4})?\|[^|\n]*\|[^|\n]*(\|[01]){19}\r?$/gm
  },
  {what: "ratings.csv rows (userId,movieId,rating,timestamp)", re: /^\d+,\d+,[0-5](\.[05])?,\d{9,10}\r?$/gm},
  {what: "ratings.dat rows (user::movie::rating::timestamp)", re: /^\d+::\d+::[1-5]::\d{9,10}\r?$/gm}
];
const RAW_LINE_LIMIT = 20;
/** (user, movie, rating, unix time) tuples anywhere, e.g. a JSON dump `[[196,242,3,881250949],…]`. */
const RAW_TUPLE =
  /(?<![\d.])\d{1,6}(?:\t|,|::|\],\[)\d{1,6}(?:\t|,|::)(?:[0-5](?:\.[05])?)(?:\t|,|::)\d{9,10}(?![\d.])/g;
/** A few tuples are examples; a thousand are a copy of the ratings. */
const RAW_TUPLE_LIMIT = 1000;

const TEXT_EXT = new Set([
  ".html",
  ".js",
  ".mjs",
  ".css",
  ".json",
  ".txt",
  ".csv",
  ".tsv",
  ".svg",
  ".map",
  ".xml",
  ".md",
  ".dat",
  ""
]);

const ABSOLUTE_URL = /^\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
// Schemes that load nothing from a host.
const LOCAL_SCHEME = /^\s*(?:data|blob|about|javascript|mailto|tel):/i;

/** Lists every file under dir, recursively, as absolute paths. */
function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** 1-based line number of a character offset in text. */
function lineOf(text, index) {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Absolute http(s)/protocol-relative references in CSS text: url(...) and @import. */
function scanCss(text, report) {
  for (const m of text.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3/gi)) {
    const url = m[2] ?? m[4] ?? "";
    if (ABSOLUTE_URL.test(url) && !LOCAL_SCHEME.test(url)) report(m.index, `CSS loads ${url}`);
  }
}

/** Imports, fetches and worker/script loads of absolute URLs in JavaScript. */
function scanJs(text, report) {
  const patterns = [
    /\bimport\s*(?:[\w$*{}\s,]+\s*from\s*)?(['"`])((?:https?:)?\/\/[^'"`]+)\1/g,
    /\bimport\s*\(\s*(['"`])((?:https?:)?\/\/[^'"`]+)\1/g,
    /\b(?:fetch|importScripts|new\s+URL|new\s+Worker|new\s+SharedWorker|new\s+EventSource|new\s+WebSocket)\s*\(\s*(['"`])((?:https?:|wss?:)?\/\/[^'"`]+)\1/g,
    /\bsendBeacon\s*\(\s*(['"`])((?:https?:)?\/\/[^'"`]+)\1/g
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) report(m.index, `JS loads ${m[2]}`);
}

/** Attributes that make the browser load a URL, on any element except <a>. */
function scanHtml(text, report) {
  for (const tag of text.matchAll(/<([a-zA-Z][\w-]*)(\s[^>]*)?>/g)) {
    const name = tag[1].toLowerCase();
    const attrs = tag[2] ?? "";
    for (const a of attrs.matchAll(/\s([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
      const attr = a[1].toLowerCase();
      const value = a[3] ?? a[4] ?? a[5] ?? "";
      if (attr === "style") scanCss(value, (_i, msg) => report(tag.index, `<${name} style> ${msg}`));
      if (name === "meta" && attr === "content" && /url\s*=\s*(?:https?:)?\/\//i.test(value))
        report(tag.index, `<meta> redirects to ${value}`);
      if (
        ![
          "src",
          "href",
          "srcset",
          "poster",
          "data",
          "action",
          "formaction",
          "background",
          "xlink:href",
          "manifest"
        ].includes(attr)
      )
        continue;
      if (name === "a" && (attr === "href" || attr === "xlink:href")) continue;
      const urls = attr === "srcset" ? value.split(",").map((s) => s.trim().split(/\s+/)[0]) : [value];
      for (const url of urls)
        if (ABSOLUTE_URL.test(url) && !LOCAL_SCHEME.test(url))
          report(tag.index, `<${name} ${attr}="${url}"> loads from another host`);
    }
  }
  for (const m of text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi))
    scanCss(m[1], (i, msg) => report(m.index + i, msg));
  for (const m of text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi))
    scanJs(m[1], (i, msg) => report(m.index + i, msg));
}

/** Known CDN hosts anywhere in the text; in HTML, the href of <a> elements is exempt. */
function scanHosts(text, isHtml, report) {
  // Blank out <a href="..."> values so that prose links (e.g. to grouplens.org) are allowed.
  const scanned = isHtml
    ? text.replace(/(<a\s[^>]*?\bhref\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)/gi, (_m, pre, v) => pre + " ".repeat(v.length))
    : text;
  const lower = scanned.toLowerCase();
  for (const host of FORBIDDEN_HOSTS) {
    let i = lower.indexOf(host);
    while (i !== -1) {
      // Only a host boundary counts (so "notunpkg.company" does not), the left side may be a subdomain dot.
      const before = lower[i - 1] ?? " ";
      const after = lower[i + host.length] ?? " ";
      if (!/[a-z0-9-]/.test(before) && !/[a-z0-9-]/.test(after)) report(i, `mentions ${host}`);
      i = lower.indexOf(host, i + host.length);
    }
  }
}

/** Directories whose absolute paths must not appear in dist/ (longest first; "/" never). */
export function localPathRoots(env = process.env, root = ROOT) {
  const dirs = [root, dirname(root), homedir(), tmpdir()];
  for (const name of ["MOVIELAB_DATA", "MOVIELAB_DATA_ROOT", "MOVIELAB_CACHE_DIR"]) {
    const v = env[name];
    if (v && (isAbsolute(v) || v.includes("/"))) dirs.push(resolve(root, v));
  }
  return [...new Set(dirs.map((d) => resolve(d)))].filter((d) => d !== dirname(d)).sort((a, b) => b.length - a.length);
}

/** Reports each absolute path under one of `roots` in a text file of dist/. */
function scanLocalPaths(text, roots, report) {
  for (const root of roots) {
    const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const re = new RegExp(`(?<![\\w.~/-])${escaped}(?=$|[/\\\\"'\`\\s:;,)\\]}<>])`, "g");
    for (const m of text.matchAll(re)) report(m.index, `a local path (${root}…) must not be published`);
  }
}

/**
 * Scans a built site for external references, local paths and shipped MovieLens files.
 * Returns a list of problems as "path:line: message" strings (empty when the site is clean).
 */
export function scanDist(dist = DIST, {localRoots = localPathRoots()} = {}) {
  const problems = [];
  for (const file of walk(dist)) {
    const rel = relative(dist, file);
    const base = rel.split(/[\\/]/).pop();
    if (RAW_NAMES.has(base.toLowerCase()) || RAW_NAME_PATTERNS.some((re) => re.test(base))) {
      problems.push(`${rel}: a raw MovieLens file name; GroupLens data must not be shipped in dist/`);
    }
    const ext = extname(file).toLowerCase();
    if (!TEXT_EXT.has(ext) || statSync(file).size > 64 * 1024 * 1024) continue;
    const text = readFileSync(file, "utf8");
    const seen = new Set();
    const report = (index, msg) => {
      const line = lineOf(text, index);
      const key = `${line}:${msg}`;
      if (seen.has(key)) return;
      seen.add(key);
      problems.push(`${rel}:${line}: ${msg}`);
    };
    if (ext === ".html") scanHtml(text, report);
    else if (ext === ".css") scanCss(text, report);
    else if (ext === ".js" || ext === ".mjs") scanJs(text, report);
    scanHosts(text, ext === ".html", report);
    scanLocalPaths(text, localRoots, report);
    for (const {what, re} of RAW_LINE_PATTERNS) {
      const n = text.match(re)?.length ?? 0;
      if (n >= RAW_LINE_LIMIT)
        problems.push(`${rel}: ${n} lines of ${what}; raw MovieLens data must not be shipped in dist/`);
    }
    const tuples = text.match(RAW_TUPLE)?.length ?? 0;
    if (tuples >= RAW_TUPLE_LIMIT)
      problems.push(
        `${rel}: ${tuples} (user, movie, rating, timestamp) tuples; raw MovieLens data must not be shipped in dist/`
      );
  }
  return problems;
}

/** Runs `observable build` from node_modules with tsx on PATH; resolves with its exit code and output (ANSI stripped). */
function runObservableBuild() {
  const observable = join(BIN, process.platform === "win32" ? "observable.cmd" : "observable");
  if (!existsSync(observable)) throw new Error(`${observable} is missing: run npm install first`);
  const env = {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1", PATH: `${BIN}${delimiter}${process.env.PATH ?? ""}`};
  return new Promise((resolvePromise, reject) => {
    const child = spawn(observable, ["build"], {cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"]});
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({code: code ?? 1, output: output.replace(/\x1b\[[0-9;]*m/g, "")}));
  });
}

/** Lines of Framework's build log that mean a page will be broken although the build exited 0. */
export function buildLogProblems(output) {
  return output.split("\n").filter(
    (l) =>
      /^\s*error\b/i.test(l) || // a data loader failed ("error in 0.4s: loader exited with code 1")
      /loader (exited|skipped)/i.test(l) ||
      /Warning: \d+ broken link/i.test(l) ||
      /\bnon-local import\b|\bfailed to resolve\b|ENOTFOUND/i.test(l)
  );
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const started = performance.now();
  if (!args.has("--scan-only")) {
    if (!args.has("--no-clean")) {
      rmSync(CACHE, {recursive: true, force: true});
      // The preview's record of which code made each output (scripts/loader-deps.mjs) no longer holds.
      rmSync(join(ROOT, "notebooks", ".observablehq", "loader-deps.json"), {force: true});
      console.log(`build: cleared ${relative(ROOT, CACHE)} (stale loader output otherwise)`);
      // Framework runs loaders one at a time; run them side by side first (see run-loaders.mjs).
      await runLoaders({root: ROOT, cache: CACHE});
    }
    // Framework's own bundles would otherwise ask registry.npmjs.org for ~15 library versions.
    const {seeded, missing} = seedNpmVersions(join(ROOT, "notebooks"));
    console.log(`build: recorded ${seeded.length} npm versions for Framework (no registry look-ups)`);
    if (missing.length > 0) console.warn(`build: no version for ${missing.join(", ")}: Framework will look them up`);
    console.log(`build: observable build (MOVIELAB_DATA=${process.env.MOVIELAB_DATA ?? "<unset>"}, telemetry off)`);
    const {code, output} = await runObservableBuild();
    if (code !== 0) {
      console.error(`build: observable build failed with exit code ${code}`);
      process.exit(code);
    }
    // Framework logs a failed loader or a broken link and still exits 0; the page would fail later.
    const logProblems = buildLogProblems(output);
    if (logProblems.length > 0) {
      console.error(`build: the build log reports problems:\n  ${logProblems.join("\n  ")}`);
      process.exit(1);
    }
    // Framework's page template fails axe (no lang, no zoom, an invalid list): see accessible-html.mjs.
    const {files: pages, changed} = accessibleDist(DIST);
    console.log(`build: accessible HTML (lang, zoom, sidebar list) in ${changed} of ${pages} pages`);
    // Links say "ratings.html"; a typed or shared "/ratings" must work on a plain file server too.
    const stubs = writeCleanUrlStubs(DIST);
    console.log(`build: ${stubs.written.length} clean-URL redirects (ratings/ → ratings.html) for plain file servers`);
    // After Framework (which empties dist/) and before the scan, which must pass on TypeDoc's pages too.
    const api = await buildApi({root: ROOT, out: join(DIST, "api")});
    console.log(`build: API reference, ${api.files} files in dist/api/ (${api.seconds.toFixed(1)} s)`);
  }
  if (!existsSync(DIST)) {
    console.error(`build: ${relative(ROOT, DIST)}/ does not exist`);
    process.exit(1);
  }
  const problems = scanDist(DIST);
  const files = walk(DIST).length;
  if (problems.length > 0) {
    console.error(
      `build: dist/ is not self-contained (${problems.length} problem${problems.length === 1 ? "" : "s"}):`
    );
    for (const p of problems.slice(0, 50)) console.error(`  ${p}`);
    if (problems.length > 50) console.error(`  … and ${problems.length - 50} more`);
    process.exit(1);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `build: ok — ${files} files in dist/, no external hosts, no local paths, no MovieLens raw files (${seconds} s)`
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
