// The data loaders' import graph, for keeping Framework's preview fresh.
//
// Why: Framework re-runs a data loader when the loader file itself is newer than its cached output,
// and watches only that file. Our loaders are thin: the work is in lib/, so an edit to
// lib/analysis/rating-moments.ts left the Ratings page on the old figures until the cache was
// cleared by hand. Here we follow each loader's relative imports (static, dynamic, `export … from`
// and `new URL("…", import.meta.url)` for workers and bundled entries) through lib/, so that
// scripts/preview.mjs can "touch" exactly the loaders a change reaches; Framework then re-runs
// them and updates the open page. A content hash of each loader's closure (plus the MOVIELAB_*
// settings) is recorded next to Framework's cache, so a change made while the preview was stopped
// (an edit, a branch switch, another MOVIELAB_DATA) is caught at the next start as well.
import {createHash} from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync
} from "node:fs";
import {basename, dirname, join, relative, resolve} from "node:path";

const SOURCE_EXT = /\.(ts|mts|js|mjs)$/;
/** A Framework data loader: a file with two extensions whose last is an interpreter we use ("x.json.ts"). */
const LOADER = /\.[A-Za-z0-9]+\.(ts|js|mjs)$/;
const SPECIFIERS = [
  /\b(?:import|export)\s[^;"'`]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\bnew\s+URL\s*\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g
];

/** The relative specifiers a module imports ("../lib/x.js"), in source order, without duplicates. */
export function relativeImports(source) {
  const found = [];
  for (const re of SPECIFIERS) {
    for (const m of source.matchAll(re))
      if (m[1].startsWith("./") || m[1].startsWith("../")) found.push([m.index, m[1]]);
  }
  return [...new Set(found.sort((a, b) => a[0] - b[0]).map((f) => f[1]))];
}

/** The file a relative specifier names from `from` (TypeScript's ".js" → ".ts" included), or null. */
export function resolveImport(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const candidates = [base];
  if (/\.(js|mjs)$/.test(base)) candidates.push(base.replace(/\.js$/, ".ts").replace(/\.mjs$/, ".mts"));
  if (!SOURCE_EXT.test(base))
    candidates.push(`${base}.ts`, `${base}.js`, join(base, "index.ts"), join(base, "index.js"));
  for (const c of candidates) if (existsSync(c) && statSync(c).isFile()) return realpathSync(c);
  return null;
}

/** Every module `entry` reaches through relative imports, itself included (real paths, sorted). */
export function closureOf(entry, read = (f) => readFileSync(f, "utf8")) {
  const seen = new Set();
  const stack = [realpathSync(entry)];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    if (!SOURCE_EXT.test(file)) continue; // a JSON or CSS file: part of the closure, imports nothing
    for (const spec of relativeImports(read(file))) {
      const dep = resolveImport(file, spec);
      if (dep !== null && !seen.has(dep)) stack.push(dep);
    }
  }
  return [...seen].sort();
}

/** The data loaders under a Framework root (not under its lib link or dot-directories), as real paths. */
export function loaderFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, {withFileTypes: true})) {
      if (e.name.startsWith(".") || e.name === "node_modules" || e.isSymbolicLink()) continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (LOADER.test(e.name) && !e.name.endsWith(".d.ts")) out.push(realpathSync(path));
    }
  };
  walk(root);
  return out.sort();
}

/** Settings scripts/preview.mjs sets for itself, which change no loader's output. */
const PREVIEW_ONLY = new Set(["MOVIELAB_LOADER_STATUS_DIR", "MOVIELAB_PREVIEW"]);

/** The MOVIELAB_* settings a loader's output depends on, as one stable string. */
export function settingsKey(env = process.env) {
  return Object.keys(env)
    .filter((k) => k.startsWith("MOVIELAB_") && !PREVIEW_ONLY.has(k))
    .sort()
    .map((k) => `${k}=${env[k]}`)
    .join("\n");
}

/** A hash of a loader's closure: each module's path (relative to `project`) and content, and the settings. */
export function closureHash(files, project, settings = settingsKey()) {
  const h = createHash("sha256").update(settings).update("\0");
  for (const f of files) {
    h.update(relative(project, f)).update("\0");
    h.update(readFileSync(f)).update("\0");
  }
  return h.digest("hex");
}

/**
 * What identifies the data set the loaders read, cheaply: the names, sizes and modification times of
 * the files in its directory (MOVIELAB_DATA as a path or a set name under the data root, else
 * data/ml-100k); "synthetic" for the generator. Content hashes are the data cache's job (lib/node).
 */
export function dataFingerprint(project, env = process.env) {
  const spec = env.MOVIELAB_DATA ?? "";
  if (spec === "synthetic") return "synthetic";
  const dataRoot = resolve(project, env.MOVIELAB_DATA_ROOT || "data");
  const dir =
    spec === ""
      ? join(dataRoot, "ml-100k")
      : spec.includes("/") || spec.startsWith(".")
        ? resolve(project, spec)
        : join(dataRoot, spec);
  try {
    return readdirSync(dir, {withFileTypes: true})
      .filter((e) => e.isFile())
      .map((e) => {
        const st = statSync(join(dir, e.name));
        return `${e.name}:${st.size}:${st.mtimeMs}`;
      })
      .sort()
      .join("\n");
  } catch {
    return `${dir}: none`;
  }
}

/** Where Framework caches a loader's output ("data/x.json.ts" → <root>/.observablehq/cache/data/x.json). */
export function cachedOutputOf(root, loaderKey) {
  return join(root, ".observablehq", "cache", loaderKey.replace(/\.(ts|js|mjs)$/, ""));
}

/** Outputs kept per loader in the store (the oldest go first): enough to switch between a few branches. */
const STORE_KEEP = 4;

/**
 * Keeps each loader's output fresh and re-usable. Compares every loader's closure hash (code, MOVIELAB_*
 * settings, data fingerprint) with the record in <root>/.observablehq/loader-deps.json, and for each that
 * changed: restores the output stored for the new hash (<root>/.observablehq/loader-store/, filled from
 * outputs Framework finished under the old hash), or touches the loader so that Framework takes its
 * output as stale and re-runs it. Either way the loader file's time changes, which makes the open page
 * reload it. Returns what happened to each loader, with the changed files that reached it.
 */
export function refreshLoaders({root, project, env = process.env, changed = [], now = new Date()}) {
  const recordPath = join(root, ".observablehq", "loader-deps.json");
  const storeDir = join(root, ".observablehq", "loader-store");
  let record = {};
  try {
    record = JSON.parse(readFileSync(recordPath, "utf8"));
  } catch {
    record = {};
  }
  const settings = `${settingsKey(env)}\n--\n${dataFingerprint(project, env)}`;
  const texts = new Map();
  const read = (f) => texts.get(f) ?? texts.set(f, readFileSync(f, "utf8")).get(f);
  const next = {};
  const touched = [];
  for (const loader of loaderFiles(root)) {
    const key = relative(root, loader);
    const output = cachedOutputOf(root, key);
    const stored = (hash) => join(storeDir, `${hash.slice(0, 32)}-${basename(output)}`);
    const outputStat = existsSync(output) ? statSync(output) : null;
    const fresh = outputStat !== null && outputStat.mtimeMs >= statSync(loader).mtimeMs;
    // A finished output belongs to the hash recorded when it was made: keep it for a later switch back.
    if (fresh && record[key] !== undefined && !existsSync(stored(record[key]))) {
      mkdirSync(storeDir, {recursive: true});
      copyFileSync(output, `${stored(record[key])}.tmp`);
      renameSync(`${stored(record[key])}.tmp`, stored(record[key]));
      pruneStore(storeDir, basename(output));
    }
    const files = closureOf(loader, read);
    const hash = closureHash(files, project, settings);
    next[key] = hash;
    // Unknown provenance (an output older than this record) counts as changed.
    if (record[key] === hash || (record[key] === undefined && outputStat === null)) continue;
    const why = changed.filter((c) => files.includes(c)).map((c) => relative(project, c));
    const because = why.length > 0 ? why : ["its imports, the MOVIELAB_* settings or the data changed"];
    utimesSync(loader, now, now);
    if (existsSync(stored(hash))) {
      mkdirSync(dirname(output), {recursive: true});
      copyFileSync(stored(hash), `${output}.tmp`);
      renameSync(`${output}.tmp`, output);
      const later = new Date(now.getTime() + 1);
      utimesSync(output, later, later);
      touched.push({loader: key, because, restored: true});
    } else {
      touched.push({loader: key, because, restored: false});
    }
  }
  mkdirSync(dirname(recordPath), {recursive: true});
  writeFileSync(`${recordPath}.tmp`, JSON.stringify(next, null, 1));
  renameSync(`${recordPath}.tmp`, recordPath);
  return touched;
}

/** Drops all but the STORE_KEEP newest stored outputs of one loader. */
function pruneStore(storeDir, name) {
  const mine = readdirSync(storeDir)
    .filter((f) => f.endsWith(`-${name}`))
    .map((f) => ({f, t: statSync(join(storeDir, f)).mtimeMs}))
    .sort((a, b) => b.t - a.t);
  for (const {f} of mine.slice(STORE_KEEP)) rmSync(join(storeDir, f), {force: true});
}
