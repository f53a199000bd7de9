/**
 * Compiles the CLI to JavaScript in dist-cli/ so that bin/movielab.js starts without tsx compiling
 * TypeScript on every run. `npm install` and `npm ci` run it as the prepare script; the bin runs it
 * again when the sources changed since (scripts/cli-inputs.mjs decides).
 *
 *   node scripts/build-cli.mjs    build unless the current build is up to date (rm -rf dist-cli to start over)
 *
 * Layout: dist-cli/<build>/src/cli.js, one entry per command at src/commands/<name>.js (src/cli.ts lists
 * that folder to find the commands), and the code they share, third-party packages included, in
 * dist-cli/<build>/chunks/. Bundling the packages is what makes start-up fast: Node resolving and
 * loading a few hundred small files (hyparquet's dozens, fastify's require tree) costs more than
 * compiling the TypeScript did not. Worker threads need nothing special: a module that starts itself
 * in a worker passes its import.meta.url, which in the bundle is the chunk or entry holding its code,
 * and importing that file runs the module's top level, worker check included, as the source did.
 *
 * A file a module finds by `new URL("./file", import.meta.url)` (a WebAssembly binary, say) is copied to
 * dist-cli/<build>/assets/<its path in the project> and the URL rewritten to point there, since the
 * module's code may land in any chunk.
 *
 * Each build goes to its own folder named by a hash of its inputs and is published by rewriting
 * dist-cli/current.json in one rename, so a process still running an older build (a long `cv` whose
 * worker threads import their chunk later) keeps its files; builds retired over a day ago are removed.
 *
 * The npm package ships a build made the same way into dist-cli-package/ (scripts/prepack.mjs, the
 * `outDir` option), a folder of its own so that packing never retires a build a running process uses.
 */
import {createHash, randomBytes} from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync
} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join, relative, resolve, sep} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {OUT_DIR, currentBuild, inputStamps} from "./cli-inputs.mjs";

const DAY_MS = 24 * 3600 * 1000;

/** esbuild: the project's devDependency, else the copy tsx depends on (a production install has only that one). */
async function loadEsbuild(root) {
  try {
    return await import("esbuild");
  } catch {
    const fromTsx = createRequire(join(root, "node_modules", "tsx", "package.json")).resolve("esbuild");
    return await import(pathToFileURL(fromTsx).href);
  }
}

/** Entry points: the CLI and each top-level command file (src/commands/<name>.ts). */
function entryPoints(root) {
  const commands = readdirSync(join(root, "src", "commands"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => `src/commands/${f}`);
  return ["src/cli.ts", ...commands];
}

/** `new URL("<relative path>", import.meta.url)` with a string literal: a file the module reads beside itself. */
const ASSET_URL = /new URL\(\s*(["'])(\.\.?\/[^"'`$]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * An esbuild plugin that rewrites each asset URL of the project's own modules to the asset's copy in
 * the build (the build's folder is the path up to dist-cli/<16-digit build>/ in the running file's
 * URL) and records the copies to make in `assets` (path in the build → source path).
 */
function assetUrls(root, assets, outDir) {
  const buildRoot = `import.meta.url.slice(0, import.meta.url.lastIndexOf("/${outDir}/") + ${outDir.length + 19})`;
  return {
    name: "movielab-asset-urls",
    setup(build) {
      build.onLoad({filter: /\.ts$/}, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const text = readFileSync(args.path, "utf8");
        if (text.match(ASSET_URL) === null) return undefined;
        const contents = text.replace(ASSET_URL, (_, _quote, rel) => {
          const source = resolve(dirname(args.path), rel);
          const inProject = relative(root, source).split(sep).join("/");
          if (!existsSync(source) || inProject.startsWith("../"))
            throw new Error(
              `${relative(root, args.path)}: new URL("${rel}", import.meta.url) names no file in the project`
            );
          assets.set(`assets/${inProject}`, source);
          return `new URL(${JSON.stringify(`assets/${inProject}`)}, ${buildRoot})`;
        });
        return {contents, loader: "ts"};
      });
    }
  };
}

/** Removes builds other than `keep` retired over a day ago (a build folder's mtime), and abandoned temporary folders. */
function prune(outRoot, keep) {
  for (const name of readdirSync(outRoot)) {
    if (name === keep || name === "current.json") continue;
    const path = join(outRoot, name);
    const age = Date.now() - statSync(path).mtimeMs;
    if (age > DAY_MS || (name.startsWith(".tmp-") && age > 3600 * 1000)) rmSync(path, {recursive: true, force: true});
  }
}

/**
 * Builds the compiled CLI for the sources under root (an absolute folder path) unless a build of
 * exactly these inputs exists, and makes it current. Resolves to {entry: absolute path of its
 * src/cli.js, build: its folder name, built: false when it already existed, seconds}. `outDir` is the
 * output folder relative to root (default dist-cli; one folder name, no "/").
 */
export async function buildCli(root, {outDir = OUT_DIR} = {}) {
  const started = performance.now();
  // Stamps taken before reading any source: a file edited during the build leaves this build stale.
  const inputs = inputStamps(root);
  const esbuild = await loadEsbuild(root);
  const sorted = Object.keys(inputs)
    .sort()
    .map((k) => [k, inputs[k]]);
  const build = createHash("sha256")
    .update(JSON.stringify([esbuild.version, process.version, sorted]))
    .digest("hex")
    .slice(0, 16);
  const outRoot = join(root, outDir);
  const dir = join(outRoot, build);
  const entry = join(dir, "src", "cli.js");
  let built = false;
  mkdirSync(outRoot, {recursive: true});
  if (!existsSync(entry)) {
    const tmp = join(outRoot, `.tmp-${build}-${process.pid}-${randomBytes(4).toString("hex")}`);
    const assets = new Map();
    try {
      await esbuild.build({
        absWorkingDir: root,
        entryPoints: entryPoints(root),
        outdir: tmp,
        outbase: root,
        entryNames: "[dir]/[name]",
        chunkNames: "chunks/[name]-[hash]",
        bundle: true,
        splitting: true,
        format: "esm",
        platform: "node",
        target: `node${process.versions.node.split(".")[0]}`,
        sourcemap: "linked",
        // Bundled CommonJS packages call require() for Node's built-ins; ESM output has no require.
        banner: {
          js: 'import {createRequire as __movielabRequire} from "node:module"; const require = __movielabRequire(import.meta.url);'
        },
        plugins: [assetUrls(root, assets, outDir)],
        logLevel: "silent"
      });
      for (const [to, from] of assets) cpSync(from, join(tmp, to));
      try {
        renameSync(tmp, dir);
        built = true;
      } catch (e) {
        // Another process finished the same build first: its folder is identical, keep it.
        if (!existsSync(entry)) throw e;
      }
    } finally {
      rmSync(tmp, {recursive: true, force: true});
      await esbuild.stop?.();
    }
  }
  const current = join(outRoot, "current.json");
  let previous = null;
  try {
    previous = String(JSON.parse(readFileSync(current, "utf8")).build);
  } catch {
    // none yet, or unreadable: nothing to retire
  }
  const tmpCurrent = `${current}.${process.pid}.tmp`;
  writeFileSync(tmpCurrent, `${JSON.stringify({build, inputs})}\n`);
  renameSync(tmpCurrent, current);
  // The day's grace for processes still running the previous build counts from now, not from its build.
  const retired = previous !== null && previous !== build ? join(outRoot, previous) : null;
  if (retired !== null && existsSync(retired)) utimesSync(retired, new Date(), new Date());
  prune(outRoot, build);
  return {entry, build, built, seconds: (performance.now() - started) / 1000};
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  if (!existsSync(join(root, "src", "cli.ts"))) {
    // npm ci in the Dockerfile's first layer runs prepare before the sources are copied.
    console.log(`build-cli: no src/cli.ts in ${root} yet; bin/movielab.js builds ${OUT_DIR}/ on its first run`);
  } else {
    const state = currentBuild(root);
    if (state.reason === null) {
      console.log(`build-cli: ${OUT_DIR}/ is up to date`);
    } else {
      const r = await buildCli(root);
      console.log(`build-cli: ${r.built ? "built" : "reused"} ${OUT_DIR}/${r.build} in ${r.seconds.toFixed(2)} s`);
    }
  }
}
