#!/usr/bin/env node
// Generates the API reference of the package's entry points (movielab, movielab/widget,
// movielab/widget/element, movielab/node) with TypeDoc into dist/api/, so the site publishes it
// under /api/. scripts/build.mjs calls this after Framework's build and before its scan: Framework
// empties dist/ when it builds, and the scan must see TypeDoc's pages too.
//
// Why it is safe to publish as it is (typedoc.json):
// - the default theme loads only its own files under api/assets/ (no fonts, no CDN);
// - "Defined in" source links are off (disableSources): they would carry this machine's paths or a
//   repository URL the site does not have;
// - readme is "none": the root README links files (CONTRIBUTING.md, .ci/run) that TypeDoc would copy
//   into api/media/, and the modules' own @packageDocumentation comments say what each entry is for;
// - the site's favicon, else the browser asks the host's root for /favicon.ico (a 404 under a sub-path);
// - scripts/api-reference.css underlines links in signatures and comments (axe's link-in-text-block
//   in the dark theme), and the generator's link to typedoc.org is hidden;
// - section headers lose the permalink TypeDoc puts inside their <summary> (a link inside a control:
//   axe's nested-interactive, serious); the heading keeps its id, so #classes still links there.
//   The sidebar's summaries are built in the browser and repaired by scripts/api-reference.js;
// - validation with warnings as errors, so an undocumented export fails this step as it fails
//   `npm run docs:check` (the same config, without output).
//
// Usage: node scripts/build-api.mjs [out]   (default dist/api)
import {spawn} from "node:child_process";
import {existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Counts the files under dir, recursively. */
function countFiles(dir) {
  let n = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true}))
    n += entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1;
  return n;
}

const SUMMARY = /<summary\b[^>]*>[\s\S]*?<\/summary>/g;
const PERMALINK = /<a href="#[^"]*" aria-label="Permalink" class="tsd-anchor-icon">[\s\S]*?<\/a>/g;

/** The page without permalinks inside <summary> elements (see the header); other links are kept. */
export function withoutSummaryPermalinks(html) {
  return html.replace(SUMMARY, (summary) => summary.replace(PERMALINK, ""));
}

/** Applies withoutSummaryPermalinks to every HTML file under dir; returns how many changed. */
function repairPages(dir) {
  let changed = 0;
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) changed += repairPages(path);
    else if (entry.name.endsWith(".html")) {
      const html = readFileSync(path, "utf8");
      const repaired = withoutSummaryPermalinks(html);
      if (repaired !== html) {
        writeFileSync(path, repaired);
        changed++;
      }
    }
  }
  return changed;
}

/**
 * Runs TypeDoc (typedoc.json) into `out`, replacing what was there; resolves with the number of
 * files written and the seconds it took, rejects with TypeDoc's output when it fails.
 */
export async function buildApi({root = ROOT, out = join(root, "dist", "api")} = {}) {
  const bin = join(root, "node_modules", ".bin", process.platform === "win32" ? "typedoc.cmd" : "typedoc");
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm install first`);
  rmSync(out, {recursive: true, force: true});
  const started = performance.now();
  const output = await new Promise((resolvePromise, reject) => {
    const child = spawn(bin, ["--out", out], {cwd: root, stdio: ["ignore", "pipe", "pipe"]});
    let text = "";
    child.stdout.on("data", (chunk) => (text += chunk));
    child.stderr.on("data", (chunk) => (text += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const plain = text.replace(/\x1b\[[0-9;]*m/g, "");
      if (code === 0) resolvePromise(plain);
      else reject(new Error(`typedoc exited with code ${code}:\n${plain.trim()}`));
    });
  });
  if (!existsSync(join(out, "index.html"))) throw new Error(`typedoc wrote no index.html in ${out}:\n${output.trim()}`);
  repairPages(out);
  return {files: countFiles(out), seconds: (performance.now() - started) / 1000, out: relative(root, out)};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? resolve(process.argv[2]) : undefined;
  buildApi({out})
    .then(({files, seconds, out: where}) =>
      console.log(`build-api: ${files} files in ${where}/ (${seconds.toFixed(1)} s)`)
    )
    .catch((error) => {
      console.error(`build-api: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
