// Runs every benchmark in its own process, one after another (they measure time: never in parallel),
// and prints one JSON object {bench name: its JSON output}. `npm run bench -- gbdt classifier` runs a subset.
import {spawnSync} from "node:child_process";
import {mkdirSync, readdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";

const here = import.meta.dirname;
const all = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(", ")}; known: ${all.join(", ")}`);
  process.exit(2);
}
/** A bench's stdout as JSON: one object (pretty-printed or not), or one object per line. */
function parseOutput(stdout: string): unknown {
  try {
    return JSON.parse(stdout.trim());
  } catch {
    // Not one document: JSON lines, among other output.
  }
  const lines = stdout
    .trim()
    .split("\n")
    .filter((l) => l.trim().startsWith("{"));
  try {
    return lines.length === 1 ? JSON.parse(lines[0]) : lines.map((l) => JSON.parse(l));
  } catch {
    return {error: "output is not JSON", stdout: stdout.slice(-2000)};
  }
}

const results: Record<string, unknown> = {};
let failed = 0;
for (const name of wanted.length > 0 ? wanted : all) {
  console.error(`bench ${name} …`);
  const r = spawnSync(process.execPath, ["--import", "tsx", join(here, `${name}.ts`)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 << 20
  });
  results[name] = parseOutput(r.stdout);
  if (r.status !== 0) {
    failed++;
    results[name] = {error: `exit ${r.status}`, output: results[name]};
  }
}
const out = JSON.stringify(
  {
    machine: {node: process.version, cpus: (await import("node:os")).cpus().length, at: new Date().toISOString()},
    results
  },
  null,
  2
);
mkdirSync(join(here, "results"), {recursive: true});
writeFileSync(join(here, "results", "latest.json"), out);
console.log(out);
process.exit(failed > 0 ? 1 : 0);
