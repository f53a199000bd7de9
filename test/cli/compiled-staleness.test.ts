// The compiled CLI is never stale: on a copy of the project (so that the tests running the real bin
// meanwhile are undisturbed), each change to a source makes bin/movielab.js rebuild before it runs,
// or run the sources through tsx when the build fails, and say which on stderr; with nothing changed
// it runs the compiled code silently.
import {spawn, spawnSync} from "node:child_process";
import {readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {copyProjectForCli} from "../helpers/cli-project-copy.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const DESCRIPTION = "Predict MovieLens ratings and recommend movies";

let copy: string;

/** Runs the copy's bin/movielab.js. */
function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [join(copy, "bin", "movielab.js"), ...args], {
    encoding: "utf8",
    env: {...process.env, MOVIELAB_OFFLINE: "1", MOVIELAB_NO_PROGRESS: "1", MOVIELAB_CLI: "", ...env}
  });
  return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

/** Folders of the copy's builds (dist-cli/<16 hex digits>). */
const builds = () => readdirSync(join(copy, "dist-cli")).filter((n) => /^[0-9a-f]{16}$/.test(n));

/** The current build's compiled src/cli.js in the copy. */
function compiledCli(): string {
  const {build} = JSON.parse(readFileSync(join(copy, "dist-cli", "current.json"), "utf8")) as {build: string};
  return join(copy, "dist-cli", build, "src", "cli.js");
}

beforeAll(() => {
  copy = copyProjectForCli(ROOT);
});

describe("bin/movielab.js and a changed source", () => {
  it("builds on first run, then runs the compiled code silently until a source changes", () => {
    const first = run(["--version"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe("movielab 0.2.0\n");
    expect(first.stderr).toMatch(/^movielab: no compiled CLI yet: rebuilt the compiled CLI in \d+\.\d s\n$/);

    // Marks the compiled code: the next run shows the mark, so it ran the build, not the sources.
    const cli = compiledCli();
    writeFileSync(cli, readFileSync(cli, "utf8").replace(DESCRIPTION, "COMPILED-MARK"));
    const unchanged = run(["--help"]);
    expect(unchanged).toEqual({code: 0, stdout: expect.stringContaining("COMPILED-MARK"), stderr: ""});

    // Touched (same bytes, new mtime): rebuilt from the sources, so the mark is gone.
    const version = join(copy, "lib", "version.ts");
    const later = new Date(statSync(version).mtimeMs + 10_000);
    utimesSync(version, later, later);
    const touched = run(["--help"]);
    expect(touched.code, touched.stderr).toBe(0);
    expect(touched.stderr).toMatch(/^movielab: lib\/version\.ts changed: rebuilt the compiled CLI in \d+\.\d s\n$/);
    expect(touched.stdout).toContain(DESCRIPTION);
    expect(touched.stdout).not.toContain("COMPILED-MARK");

    // Edited: the new text runs at once.
    const source = join(copy, "src", "cli.ts");
    writeFileSync(source, readFileSync(source, "utf8").replace(DESCRIPTION, "Predict EDITED ratings"));
    const edited = run(["--help"]);
    expect(edited.stderr).toMatch(/^movielab: src\/cli\.ts changed: rebuilt the compiled CLI in \d+\.\d s\n$/);
    expect(edited.stdout).toContain("Predict EDITED ratings");
    expect(run(["--help"])).toEqual({...edited, stderr: ""});

    // Earlier builds stay for processes still running them (a day, scripts/build-cli.mjs).
    expect(builds()).toHaveLength(3);
  }, 120_000);

  it("runs the sources through tsx and says why when the rebuild fails; MOVIELAB_CLI=compiled fails instead", () => {
    run(["--version"]);
    const current = readFileSync(join(copy, "dist-cli", "current.json"), "utf8");
    const broken = join(copy, "src", "commands", "broken.ts");
    writeFileSync(broken, 'import "movielab-no-such-package";\nexport const command = {name: "broken"};\n');
    const fallback = run(["--version"]);
    expect(fallback.code, fallback.stderr).toBe(0);
    expect(fallback.stdout).toBe("movielab 0.2.0\n");
    expect(fallback.stderr).toBe(
      "movielab: src/commands/broken.ts was added, and rebuilding the compiled CLI failed " +
        '(src/commands/broken.ts:1: Could not resolve "movielab-no-such-package"): running the sources through tsx\n'
    );
    // The failed build published nothing.
    expect(readFileSync(join(copy, "dist-cli", "current.json"), "utf8")).toBe(current);
    const strict = run(["--version"], {MOVIELAB_CLI: "compiled"});
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe("");
    expect(strict.stderr).toContain("Could not resolve");

    // Removed again: the sources match the current build, which runs silently.
    rmSync(broken);
    expect(run(["--version"])).toEqual({code: 0, stdout: "movielab 0.2.0\n", stderr: ""});
  }, 120_000);

  it("finds a WebAssembly file a module loads by new URL(…, import.meta.url) from the compiled code", () => {
    // A module answering 42 from `answer()`, beside a command that loads it as the library's modules would.
    const wasm = "0061736d010000000105016000017f03020100070a0106616e7377657200000a06010400412a0b";
    writeFileSync(join(copy, "src", "commands", "answer.wasm"), Buffer.from(wasm, "hex"));
    writeFileSync(
      join(copy, "src", "commands", "answer.ts"),
      `import {readFileSync} from "node:fs";
import type {Command} from "../cli-command.js";
const WASM = new URL("./answer.wasm", import.meta.url);
export const command: Command = {
  name: "answer",
  summary: "prints what the WebAssembly module answers",
  async run(ctx) {
    const {instance} = await WebAssembly.instantiate(readFileSync(WASM));
    ctx.out(\`\${(instance.exports.answer as () => number)()} from \${WASM.href}\\n\`);
  }
};
`
    );
    const r = run(["answer"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^movielab: (src\/commands\/answer\.(ts|wasm) was added|no compiled CLI yet): rebuilt the compiled CLI/
    );
    expect(r.stdout).toMatch(/^42 from file:\/\/.*\/dist-cli\/[0-9a-f]{16}\/assets\/src\/commands\/answer\.wasm\n$/);
  }, 60_000);

  it("lets several processes that find the build stale at once all run, leaving one current build and no partial one", async () => {
    const version = join(copy, "lib", "version.ts");
    const later = new Date(statSync(version).mtimeMs + 20_000);
    utimesSync(version, later, later);
    const runAsync = () =>
      new Promise<{code: number | null; stdout: string; stderr: string}>((done) => {
        const child = spawn(process.execPath, [join(copy, "bin", "movielab.js"), "--version"], {
          env: {...process.env, MOVIELAB_OFFLINE: "1", MOVIELAB_CLI: ""}
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
        child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
        child.on("close", (code) => done({code, stdout, stderr}));
      });
    const results = await Promise.all([runAsync(), runAsync(), runAsync()]);
    for (const r of results) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe("movielab 0.2.0\n");
      expect(r.stderr).toMatch(/^(movielab: lib\/version\.ts changed: rebuilt the compiled CLI in \d+\.\d s\n)?$/);
    }
    expect(readdirSync(join(copy, "dist-cli")).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
    expect(statSync(compiledCli()).isFile()).toBe(true);
    expect(run(["--version"])).toEqual({code: 0, stdout: "movielab 0.2.0\n", stderr: ""});
  }, 120_000);
});
