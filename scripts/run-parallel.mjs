#!/usr/bin/env node
// Runs several npm scripts at once and fails when any fails: `npm test`'s independent checks
// (typecheck, lint, format) each spend much of their time on one core, so on two cores they finish
// together in about the time of the slowest instead of the sum. Each script's output is held and
// printed whole when it ends (no interleaved lines), with its name, exit code and wall seconds.
//
// Usage: node scripts/run-parallel.mjs <npm script> [<npm script> …]
import {spawn} from "node:child_process";

/** Runs `npm run <name>` for each name at once; resolves with each one's {name, code, seconds, output}. */
export function runParallel(
  names,
  {cwd = process.cwd(), env = process.env, print = (s) => process.stdout.write(s)} = {}
) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  return Promise.all(
    names.map(
      (name) =>
        new Promise((done) => {
          const t0 = performance.now();
          const child = spawn(npm, ["run", "--silent", name], {cwd, env, stdio: ["ignore", "pipe", "pipe"]});
          let output = "";
          child.stdout.on("data", (d) => (output += d));
          child.stderr.on("data", (d) => (output += d));
          const finish = (code, error) => {
            const seconds = (performance.now() - t0) / 1000;
            const text = error ? `${output}${error.message}\n` : output;
            print(`\n== ${name}: ${code === 0 ? "ok" : `FAILED (exit ${code})`} in ${seconds.toFixed(1)} s\n${text}`);
            done({name, code, seconds, output: text});
          };
          child.on("error", (e) => finish(1, e));
          child.on("close", (code) => finish(code ?? 1));
        })
    )
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const names = process.argv.slice(2);
  if (names.length === 0) {
    console.error("usage: node scripts/run-parallel.mjs <npm script> [<npm script> …]");
    process.exit(2);
  }
  const results = await runParallel(names);
  const failed = results.filter((r) => r.code !== 0).map((r) => r.name);
  if (failed.length > 0) {
    console.error(`run-parallel: ${failed.join(", ")} failed`);
    process.exit(1);
  }
}
