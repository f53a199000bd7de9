// The build's store of data-loader results, kept across builds and branches (issue 13: "cache the
// expensive results when their inputs — data fingerprint, code, parameters — are unchanged").
//
// Why: the site build clears Framework's loader cache (Framework would otherwise serve output made by
// older code as fresh), so every build re-ran every loader: four to six minutes on ml-100k, although
// a typical change reaches a few loaders at most. Each output is filed here under a hash of what it is
// a function of, and a later build with the same hash copies the bytes back instead of running the
// loader. A restored file is the very file the loader wrote, so every figure is unchanged by
// construction (its timing fields are those of the run that made it).
//
// The key (loaderResultKey) covers: the loader and every module it reaches through relative imports
// (scripts/loader-deps.mjs, the same closure the preview watches), every MOVIELAB_* setting but the
// OUTPUT_NEUTRAL ones, the data
// set's files (names, sizes, modification times), the size and time of any file a MOVIELAB_* setting
// names (MOVIELAB_BUNDLE), package-lock.json (library versions) and the Node version (V8's Math).
// A loader whose output depends on anything else is listed in NOT_STORED and always runs.
//
// Layout: <cache>/loader-results/<output name>/<key>.out, the STORE_KEEP newest per loader; <cache> is
// the data cache's root (MOVIELAB_CACHE_DIR, else <data root>/.cache); MOVIELAB_CACHE=off or
// MOVIELAB_LOADER_STORE=off switch the store off. Files are written to a temporary name and renamed.
import {createHash} from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync
} from "node:fs";
import {join, resolve} from "node:path";
import {closureHash, closureOf, dataFingerprint, settingsKey} from "./loader-deps.mjs";

/**
 * Loaders that always run: their output depends on more than their code, settings and data.
 * runs.json lists the run records under runs/; lab-workbench.json reads the preview's own setting.
 */
export const NOT_STORED = new Set(["runs.json", "lab-workbench.json"]);

/**
 * MOVIELAB_* settings that change no loader's output, left out of the key so that a build run by the
 * tests, the bench or CI finds what another build stored: progress display, how many loaders run at
 * once, the store's own switch and the data cache's place (the cache is transparent), and where the
 * tests look for ml-100k (read by test helpers only).
 */
export const OUTPUT_NEUTRAL = new Set([
  "MOVIELAB_NO_PROGRESS",
  "MOVIELAB_BUILD_JOBS",
  "MOVIELAB_LOADER_STORE",
  "MOVIELAB_LOADER_STATUS_DIR",
  "MOVIELAB_CACHE_DIR",
  "MOVIELAB_TEST_DATA",
  "MOVIELAB_REQUIRE_DATA"
]);

/** Results kept per loader (the oldest go first): enough for a few branches and both data sets. */
export const STORE_KEEP = 6;

/** The store's directory, or null when switched off (MOVIELAB_CACHE=off, MOVIELAB_LOADER_STORE=off). */
export function loaderStoreDir(root, env = process.env) {
  if (env.MOVIELAB_CACHE === "off" || env.MOVIELAB_LOADER_STORE === "off") return null;
  const cache = env.MOVIELAB_CACHE_DIR
    ? resolve(root, env.MOVIELAB_CACHE_DIR)
    : join(resolve(root, env.MOVIELAB_DATA_ROOT || "data"), ".cache");
  return join(cache, "loader-results");
}

/** Size and modification time of every file a MOVIELAB_* setting names (e.g. MOVIELAB_BUNDLE). */
function namedFiles(root, env) {
  const out = [];
  for (const k of Object.keys(env)
    .filter((k) => k.startsWith("MOVIELAB_"))
    .sort()) {
    const v = env[k];
    if (!v || !(v.includes("/") || v.includes("."))) continue;
    try {
      const st = statSync(resolve(root, v));
      if (st.isFile()) out.push(`${k}:${st.size}:${st.mtimeMs}`);
    } catch {
      // Not a file: the setting's value is in settingsKey already.
    }
  }
  return out.join("\n");
}

/**
 * The key of a loader's result ("recommender-comparison.json" → 64 hex digits) under the settings in
 * `env`, or null when it must run: listed in NOT_STORED, or no data set to fingerprint (a download
 * or the synthetic fallback would decide what it reads).
 */
export function loaderResultKey(root, name, env = process.env) {
  if (NOT_STORED.has(name)) return null;
  const data = dataFingerprint(root, env);
  if (data.endsWith(": none")) return null;
  const lock = join(root, "package-lock.json");
  const libraries = existsSync(lock) ? createHash("sha256").update(readFileSync(lock)).digest("hex") : "no lock";
  const relevant = Object.fromEntries(Object.entries(env).filter(([k]) => !OUTPUT_NEUTRAL.has(k)));
  const settings = [settingsKey(relevant), data, namedFiles(root, relevant), libraries, process.version].join("\n--\n");
  return closureHash(closureOf(join(root, "notebooks", "data", `${name}.ts`)), root, settings);
}

const storedPath = (store, name, key) => join(store, name, `${key}.out`);

/** Copies the stored result of (name, key) to `target`; false when there is none. */
export function restoreLoaderResult(store, name, key, target) {
  const from = storedPath(store, name, key);
  if (!existsSync(from)) return false;
  const temp = `${target}.${process.pid}.restore`;
  copyFileSync(from, temp);
  renameSync(temp, target);
  // Recently used results are the last to be pruned.
  const now = new Date();
  utimesSync(from, now, now);
  return true;
}

/** Files a loader's finished output under (name, key) and prunes the loader's older results. */
export function keepLoaderResult(store, name, key, file) {
  const to = storedPath(store, name, key);
  mkdirSync(join(store, name), {recursive: true});
  const temp = `${to}.${process.pid}.tmp`;
  copyFileSync(file, temp);
  renameSync(temp, to);
  const mine = readdirSync(join(store, name))
    .filter((f) => f.endsWith(".out"))
    .map((f) => ({f, t: statSync(join(store, name, f)).mtimeMs}))
    .sort((a, b) => b.t - a.t);
  for (const {f} of mine.slice(STORE_KEEP)) rmSync(join(store, name, f), {force: true});
}
