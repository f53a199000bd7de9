/**
 * Sizes of the npm package as a consumer gets it: the tarball from `npm pack` (packed bytes, file
 * count, unpacked bytes, by top-level folder), the node_modules of a scratch project under os.tmpdir()
 * that installs only that tarball (`npm install --prefer-offline`), and two browser bundles built from
 * that install with esbuild (minified, ESM, tree-shaken, gzip level 9):
 *   - predict-only: parse an MF model bundle and predict one rating (parseBundle, mfModel, predict);
 *     the metafile's inputs are listed, and the bench fails (exit 1) when they include the GBDT trainer
 *     or a data reader, which such a page must not carry;
 *   - widget: `import "movielab/widget/element"`, what a page embedding <movielab-predict> loads.
 * Prints one JSON object with the load average (os.loadavg) before and after.
 *
 * Usage: tsx bench/package-size.ts
 */
import {spawnSync} from "node:child_process";
import {mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {gzipSync} from "node:zlib";
import * as esbuild from "esbuild";

const ROOT = resolve(import.meta.dirname, "..");
const load = () => loadavg().map((x) => Number(x.toFixed(2)));
const log = (msg: string) => process.stderr.write(`package-size: ${msg}\n`);
/** Inputs a predict-only page must not hold: the GBDT trainer (its tree growers, histograms, binning) and the data-set readers. */
const FORBIDDEN =
  /\/models\/gbdt\/(train[^/]*|[^/]*tree-builder|histogram[^/]*|split|grow-common|binning)\.js$|\/data\/(read-[^/]*|detect-format|clean)\.js$/;

function run(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, {cwd, encoding: "utf8", maxBuffer: 64 << 20});
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${r.status}: ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

/** Bytes and files under dir (apparent sizes, as du --apparent-size). */
function treeSize(dir: string): {bytes: number; files: number} {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, {recursive: true, withFileTypes: true})) {
    if (!e.isFile()) continue;
    bytes += statSync(join(e.parentPath, e.name)).size;
    files++;
  }
  return {bytes, files};
}

/** A minified browser bundle of `code` resolved from dir: its bytes, gzipped bytes and inputs (path → bytes in output). */
async function browserBundle(code: string, dir: string) {
  const r = await esbuild.build({
    stdin: {contents: code, resolveDir: dir, loader: "js"},
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent"
  });
  const out = r.outputFiles[0].contents;
  const inputs = Object.values(r.metafile.outputs)[0].inputs;
  const held = Object.fromEntries(
    Object.entries(inputs)
      .filter(([, v]) => v.bytesInOutput > 0)
      .map(([k, v]) => [k.replace(/^.*node_modules\//, ""), v.bytesInOutput])
  );
  return {bytes: out.length, gzipBytes: gzipSync(out, {level: 9}).length, inputs: held};
}

const loadBefore = load();
const work = mkdtempSync(join(tmpdir(), "movielab-package-size-"));
try {
  log("npm pack (prepack compiles dist-lib/ and the CLI) …");
  const packed = run("npm", ["pack", "--pack-destination", work, "--json"], ROOT);
  const info = JSON.parse(packed.slice(packed.lastIndexOf("\n[\n")))[0] as {
    filename: string;
    size: number;
    unpackedSize: number;
    entryCount: number;
    files: Array<{path: string; size: number}>;
  };
  const byFolder: Record<string, number> = {};
  for (const f of info.files) {
    const top = f.path.includes("/") ? `${f.path.split("/")[0]}/` : f.path;
    byFolder[top] = (byFolder[top] ?? 0) + f.size;
  }

  log("installing the tarball into a scratch project …");
  const app = join(work, "consumer");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({name: "consumer", private: true, type: "module"}));
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", join(work, info.filename)], app);
  const nodeModules = treeSize(join(app, "node_modules"));
  const installed = readdirSync(join(app, "node_modules"), {withFileTypes: true})
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .flatMap((e) =>
      e.name.startsWith("@") ? readdirSync(join(app, "node_modules", e.name)).map((n) => `${e.name}/${n}`) : [e.name]
    );

  log("bundling …");
  const predictOnly = await browserBundle(
    `import {parseBundle, mfModel, predict} from "movielab";
export function predictFromBundle(text, user, movie) {
  const bundle = parseBundle(text, "model.json", {kind: "recommender"});
  return predict(mfModel, bundle.state, user, movie).rating;
}`,
    app
  );
  const widget = await browserBundle(`import "movielab/widget/element";`, app);
  const forbidden = Object.keys(predictOnly.inputs).filter((p) => FORBIDDEN.test(p));

  const result = {
    bench: "package-size",
    package: {
      tarball: info.filename,
      packedBytes: info.size,
      unpackedBytes: info.unpackedSize,
      files: info.entryCount,
      unpackedBytesByFolder: byFolder
    },
    consumerNodeModules: {...nodeModules, packages: installed.sort()},
    predictOnlyBundle: {...predictOnly, forbiddenInputs: forbidden},
    widgetElementBundle: {
      bytes: widget.bytes,
      gzipBytes: widget.gzipBytes,
      inputCount: Object.keys(widget.inputs).length
    },
    loadavg: {before: loadBefore, after: load()}
  };
  console.log(JSON.stringify(result));
  if (forbidden.length > 0) {
    log(`the predict-only bundle holds ${forbidden.join(", ")}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(work, {recursive: true, force: true});
}
