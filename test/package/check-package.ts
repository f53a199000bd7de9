// The npm package as a stranger gets it (run by `npm run test:package`; a tsx script, not a vitest file).
//
// Packs the repository once (`npm pack`, whose prepack compiles dist-lib/ and dist-cli-package/), then:
// checks the tarball's contents (only compiled output and docs, no MovieLens rows), runs publint and
// Are the Types Wrong (ESM-only profile: the package has no CommonJS build) on that tarball, installs it
// into a scratch project under os.tmpdir() with `npm install --prefer-offline` (and @observablehq/plot,
// at the repository's version, for the Framework page), and runs there the README's four examples,
// extracted from README.md's `<!-- package-example: FILE -->` blocks so the documented code is the tested code:
//   1. example.mjs in Node: MF on the synthetic set, a prediction in the scale and an RMSE, the same on a second run;
//   2. consumer.ts with `tsc --strict` against the shipped .d.ts, plus type-level IsAny assertions on the
//      main functions, and no `any` anywhere in the shipped declarations;
//   3. page.js bundled with esbuild (movielab/widget/element) in Chromium, on a bundle that the installed
//      `movielab` command trains on the synthetic set;
//   4. src/index.md in an Observable Framework project, built offline (unshare -n where permitted), in Chromium.
// It also bundles each browser entry with esbuild --platform=browser (a `node:` import fails that).
// TypeScript, esbuild and Framework are the repository's own copies, run by path: the same versions the
// repository is tested with, and nothing more to fetch or install into the scratch project.
// A failure names its step; the last line is "package: N passed, N failed".
//
// Usage: tsx test/package/check-package.ts [--keep] (--keep leaves the scratch folder for inspection)
// Env: MOVIELAB_CHROMIUM (default /usr/bin/chromium), CI=true (unshare -n must work)
import {spawnSync, type SpawnSyncOptions} from "node:child_process";
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, relative, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";
import type {Page} from "playwright-core";
import {launchChromium} from "../browser/chromium.js";
import {serveStatic} from "../browser/static-server.js";
import {watchPage} from "../browser/watch-page.js";
import {seedNpmVersions} from "../../scripts/seed-npm-versions.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {name: string; version: string};
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const FRAMEWORK = join(ROOT, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
const PLOT_VERSION = (
  JSON.parse(readFileSync(join(ROOT, "node_modules", "@observablehq", "plot", "package.json"), "utf8")) as {
    version: string;
  }
).version;
/** Paths (inside the tarball's package/) that may ship; everything else is a leak of the repository. */
const SHIPPED = [
  /^dist-lib\//,
  /^dist-cli-package\//,
  /^bin\/movielab\.js$/,
  /^(LICENSE|CHANGELOG\.md|README\.md|package\.json)$/
];
/** A rating row of MovieLens u.data (tab-separated) or ratings.dat (::-separated). */
const RATING_ROW = /^\d+(\t\d+\t[1-5]\t|::\d+::[1-5](\.\d)?::)\d{8,10}$/m;

/** Runs a command; throws with its exit status and output tail when it fails. Returns stdout. */
function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const r = spawnSync(command, args, {encoding: "utf8", maxBuffer: 64 << 20, ...options});
  if (r.status !== 0) {
    const tail = `${String(r.stdout ?? "")}\n${String(r.stderr ?? "")}`.trim().split("\n").slice(-30).join("\n");
    throw new Error(`${[command, ...args].join(" ")} exited with ${r.status ?? r.error?.message}:\n${tail}`);
  }
  return String(r.stdout);
}

/** The code of each `<!-- package-example: FILE -->` block in README.md, by FILE. */
function readmeExamples(): Map<string, string> {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const out = new Map<string, string>();
  for (const m of readme.matchAll(/<!-- package-example: (\S+) -->\n(`{3,4})\w*\n([\s\S]*?)\n\2\n/g))
    out.set(m[1], `${m[3]}\n`);
  for (const file of ["example.mjs", "consumer.ts", "page.js", "src/index.md"])
    if (!out.has(file))
      throw new Error(`README.md has no <!-- package-example: ${file} --> block followed by a fenced code block`);
  return out;
}

/** Every file under dir, as paths relative to it with "/" separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"));
}

/** `unshare -n` when this machine permits it (then the command has no network at all); in CI it must. */
function offlinePrefix(): string[] {
  const probe = spawnSync("unshare", ["-n", "true"], {stdio: "ignore"});
  if (probe.status === 0) return ["unshare", "-n"];
  if (process.env.CI === "true")
    throw new Error("unshare -n is not permitted here, so the offline build is not proven");
  console.warn("test:package: unshare -n is not permitted here; the Framework build runs with network");
  return [];
}

/**
 * Opens url in Chromium; resolves when `selector` is visible and `interact` (if any) has run, failing
 * on any console error or failed request.
 */
async function checkInChromium(
  url: string,
  selector: string,
  what: string,
  interact?: (page: Page) => Promise<void>
): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(url);
    try {
      await page.locator(selector).first().waitFor({state: "visible", timeout: 60_000});
      await page.waitForLoadState("networkidle");
    } catch (e) {
      throw new Error(`${what}: ${selector} did not show (${problems.join("; ") || (e as Error).message})`);
    }
    await interact?.(page);
    if (problems.length > 0) throw new Error(`${what}: ${problems.join("; ")}`);
  } finally {
    await browser.close();
  }
}

/**
 * In the widget, by keyboard: types the first word of a recommended title into the movie search, takes
 * the first match with ArrowDown and Enter, and expects a prediction on the 1..5 scale, shown and in `.value`.
 */
async function pickMovie(page: Page): Promise<void> {
  const title = (await page.locator("movielab-predict .mlp-top-list li").first().textContent()) ?? "";
  const word = title.trim().split(/\s+/)[0];
  const search = page.locator('movielab-predict input[role="combobox"]');
  await search.click();
  await search.pressSequentially(word, {delay: 20});
  await page.locator('movielab-predict [role="option"][data-movie-id]').first().waitFor({timeout: 30_000});
  await search.press("ArrowDown");
  await search.press("Enter");
  const shown = (await page.locator("movielab-predict .mlp-rating").first().textContent({timeout: 30_000})) ?? "";
  if (!/^[1-5]★$/.test(shown.trim())) throw new Error(`widget page: the prediction reads ${JSON.stringify(shown)}`);
  const value = await page.evaluate(() => {
    const v = (document.querySelector("movielab-predict") as unknown as {value: unknown}).value;
    return JSON.stringify(v);
  });
  const rating = (JSON.parse(value) as {prediction?: {expected?: number}} | null)?.prediction?.expected;
  if (!(typeof rating === "number" && rating >= 1 && rating <= 5))
    throw new Error(`widget page: the element's value after choosing "${word}…" is ${value}`);
}

const steps: Array<[string, () => Promise<void> | void]> = [];
const keep = process.argv.includes("--keep");
const work = mkdtempSync(join(tmpdir(), "movielab-package-"));
const app = join(work, "consumer");
let tarball = "";
const examples = readmeExamples();

steps.push([
  "npm pack",
  () => {
    const out = run("npm", ["pack", "--pack-destination", work, "--json"], {cwd: ROOT});
    // Lifecycle scripts (prepack, prepare) print to stdout before npm's JSON.
    const info = JSON.parse(out.slice(out.lastIndexOf("\n[\n"))) as Array<{filename: string}>;
    tarball = join(work, info[0].filename);
    statSync(tarball);
  }
]);

steps.push([
  "tarball contents",
  () => {
    const dir = join(work, "unpacked");
    mkdirSync(dir);
    run("tar", ["-xzf", tarball, "-C", dir]);
    const files = filesUnder(join(dir, "package"));
    const stray = files.filter((f) => !SHIPPED.some((re) => re.test(f)) || (f.endsWith(".ts") && !f.endsWith(".d.ts")));
    if (stray.length > 0)
      throw new Error(`files outside the whitelist or TypeScript sources: ${stray.slice(0, 10).join(", ")}`);
    for (const f of [
      "dist-lib/index.js",
      "dist-lib/index.d.ts",
      "dist-lib/index.js.map",
      "dist-cli-package/current.json"
    ])
      if (!files.includes(f)) throw new Error(`${f} is missing`);
    for (const f of files) {
      if (/(^|\/)(u\.data|ratings\.(dat|csv))$/.test(f)) throw new Error(`${f}: a MovieLens ratings file`);
      if (f.endsWith(".map")) continue; // sources of the compiled code, already scanned as code
      const text = readFileSync(join(dir, "package", f), "utf8");
      const row = RATING_ROW.exec(text);
      if (row) throw new Error(`${f} holds a MovieLens rating row: ${JSON.stringify(row[0])}`);
    }
  }
]);

steps.push(["publint", () => void run(join(ROOT, "node_modules", ".bin", "publint"), ["run", tarball, "--strict"])]);

steps.push([
  "attw (are the types wrong, esm-only profile)",
  () => void run(join(ROOT, "node_modules", ".bin", "attw"), [tarball, "--profile", "esm-only", "--format", "ascii"])
]);

steps.push([
  "npm install the tarball into a scratch project",
  () => {
    mkdirSync(app);
    writeFileSync(
      join(app, "package.json"),
      `${JSON.stringify({name: "consumer", private: true, type: "module"}, null, 2)}\n`
    );
    run(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball, `@observablehq/plot@${PLOT_VERSION}`],
      {
        cwd: app
      }
    );
  }
]);

steps.push([
  "the installed movielab command",
  () => {
    const bin = join(app, "node_modules", ".bin", "movielab");
    const version = run(bin, ["--version"], {cwd: app}).trim();
    if (version !== `movielab ${PKG.version}`) throw new Error(`movielab --version printed ${JSON.stringify(version)}`);
    mkdirSync(join(app, "web"));
    // The widget step's model: a classifier bundle trained by the package itself on the synthetic set.
    run(
      bin,
      [
        "train",
        "classifier",
        "--data",
        "synthetic",
        "--out",
        "web/model.json",
        "--rounds",
        "20",
        "--validation",
        "0",
        "--early-stopping",
        "0"
      ],
      {
        cwd: app,
        env: {...process.env, MOVIELAB_DATA_ROOT: join(app, "data")}
      }
    );
  }
]);

steps.push([
  "Node example (README example.mjs)",
  () => {
    writeFileSync(join(app, "example.mjs"), examples.get("example.mjs")!);
    const first = run(process.execPath, ["example.mjs"], {cwd: app});
    const second = run(process.execPath, ["example.mjs"], {cwd: app});
    const m = /^user \d+, movie \d+: (\d+\.\d{3}) stars\ntest RMSE (\d+\.\d{4}) on (\d+) ratings\n$/.exec(first);
    if (!m) throw new Error(`unexpected output: ${JSON.stringify(first)}`);
    const [rating, error, n] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!(rating >= 1 && rating <= 5)) throw new Error(`prediction ${rating} is outside the 1..5 scale`);
    if (!(error > 0.3 && error < 1.5)) throw new Error(`test RMSE ${error} is outside 0.3..1.5`);
    if (n < 1000) throw new Error(`only ${n} test ratings`);
    if (second !== first) throw new Error(`a second run with the same seeds printed ${JSON.stringify(second)}`);
  }
]);

steps.push([
  "TypeScript consumer (tsc --strict, no any)",
  () => {
    writeFileSync(join(app, "consumer.ts"), examples.get("consumer.ts")!);
    writeFileSync(join(app, "no-any.ts"), readFileSync(join(ROOT, "test", "package", "no-any.ts.txt"), "utf8"));
    const tsconfig = {
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2023", "DOM"],
        types: [],
        noEmit: true,
        skipLibCheck: false
      },
      files: ["consumer.ts", "no-any.ts"]
    };
    writeFileSync(join(app, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
    run(process.execPath, [TSC, "-p", "tsconfig.json"], {cwd: app});
    const shipped = join(app, "node_modules", "movielab", "dist-lib");
    const leaks: string[] = [];
    for (const f of filesUnder(shipped).filter((f) => f.endsWith(".d.ts"))) {
      const code = readFileSync(join(shipped, f), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "")
        .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
      code.split("\n").forEach((line, i) => /\bany\b/.test(line) && leaks.push(`${f}:${i + 1}: ${line.trim()}`));
    }
    if (leaks.length > 0) throw new Error(`\`any\` in the shipped declarations:\n${leaks.join("\n")}`);
  }
]);

steps.push([
  "browser entries import no node: (esbuild --platform=browser)",
  async () => {
    for (const entry of ["movielab", "movielab/widget", "movielab/widget/element"]) {
      const r = await esbuild.build({
        stdin: {contents: `export * from ${JSON.stringify(entry)};`, resolveDir: app},
        bundle: true,
        format: "esm",
        platform: "browser",
        write: false,
        metafile: true,
        logLevel: "silent"
      });
      const nodeImports = Object.values(r.metafile.inputs).flatMap((i) =>
        i.imports.filter((x) => x.path.startsWith("node:"))
      );
      if (nodeImports.length > 0) throw new Error(`${entry} reaches ${nodeImports.map((x) => x.path).join(", ")}`);
    }
  }
]);

steps.push([
  "widget page (README page.js, esbuild, Chromium)",
  async () => {
    const web = join(app, "web");
    writeFileSync(join(web, "page.js"), examples.get("page.js")!);
    writeFileSync(
      join(web, "index.html"),
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>widget</title><link rel="icon" href="data:,"></head>\n<body><script type="module" src="./bundle.js"></script></body></html>\n`
    );
    await esbuild.build({
      entryPoints: [join(web, "page.js")],
      outfile: join(web, "bundle.js"),
      bundle: true,
      format: "esm",
      platform: "browser",
      minify: true,
      logLevel: "silent"
    });
    const server = await serveStatic(web);
    try {
      await checkInChromium(
        `${server.origin}/index.html`,
        "movielab-predict .mlp-top-list li",
        "widget page",
        pickMovie
      );
      if (server.errors.length > 0) throw new Error(`widget page: ${server.errors.join("; ")}`);
    } finally {
      await server.close();
    }
  }
]);

steps.push([
  "Observable Framework page (README src/index.md, offline build, Chromium)",
  async () => {
    mkdirSync(join(app, "src"));
    writeFileSync(join(app, "src", "index.md"), examples.get("src/index.md")!);
    // No global stylesheets: Framework's default loads a web font from another host, which an offline page
    // cannot reach; an inline icon spares the favicon.ico request (a 404 on a plain file server).
    const config = {root: "src", title: "consumer", globalStylesheets: [], head: '<link rel="icon" href="data:,">'};
    writeFileSync(join(app, "observablehq.config.js"), `export default ${JSON.stringify(config)};\n`);
    seedNpmVersions(join(app, "src"));
    const [command, ...prefix] = [...offlinePrefix(), process.execPath];
    run(command, [...prefix, FRAMEWORK, "build"], {cwd: app, env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "1"}});
    const server = await serveStatic(join(app, "dist"));
    try {
      await checkInChromium(`${server.origin}/index.html`, '[data-chart="rating-counts"] svg', "Framework page");
      if (server.errors.filter((e) => !e.endsWith("/favicon.ico")).length > 0)
        throw new Error(`Framework page: ${server.errors.join("; ")}`);
    } finally {
      await server.close();
    }
  }
]);

let passed = 0;
let failed = 0;
for (const [name, fn] of steps) {
  const started = performance.now();
  try {
    await fn();
    passed++;
    console.log(`test:package: ok   ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.error(`test:package: FAIL ${name}: ${(e as Error).message}`);
    break; // later steps need this one's output
  }
}
if (keep) console.log(`test:package: scratch folder kept at ${work}`);
else rmSync(work, {recursive: true, force: true});
const skipped = steps.length - passed - failed;
console.log(`package: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
process.exitCode = failed > 0 ? 1 : 0;
