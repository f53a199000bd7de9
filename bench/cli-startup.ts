/**
 * CLI start-up: wall time from spawning `node bin/movielab.js …` to its exit, for `movielab --help`
 * and `movielab predict` on a small bundle, and the CPU time each process used, on the compiled CLI (dist-cli/, MOVIELAB_CLI=compiled)
 * against the TypeScript sources through tsx (MOVIELAB_CLI=tsx, what every call cost before), runs
 * interleaved so both see the same load; `node -e 0` in the same rounds is the floor no CLI can beat.
 * Also the bin's freshness check alone (in this process: stat every input, compare with
 * dist-cli/current.json) and a full rebuild (on a copy of the project, after a touched source), what a
 * first run after an edit adds. Target: < 500 ms for both commands. Prints one JSON object with the
 * load average (2-core shared machine: compare the two paths within a run, not runs).
 *
 * Usage: tsx bench/cli-startup.ts [--runs N] [--rebuilds N]
 */
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, utimesSync, writeFileSync} from "node:fs";
import {loadavg, tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {buildCli} from "../scripts/build-cli.mjs";
import {currentBuild, inputStamps} from "../scripts/cli-inputs.mjs";
import {trainFixtureBundle} from "../test/helpers/bundle-fixture.js";
import {copyProjectForCli} from "../test/helpers/cli-project-copy.js";

const {values} = parseArgs({options: {runs: {type: "string", default: "7"}, rebuilds: {type: "string", default: "3"}}});
const runs = Number(values.runs);
const rebuilds = Number(values.rebuilds);
const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "movielab.js");
const log = (msg: string) => process.stderr.write(`cli-startup: ${msg}\n`);
const loadNow = () => loadavg().map((x) => Math.round(x * 100) / 100);
const load = [loadNow()];

/** {min, median, max} of xs, rounded to d decimals. */
function spread(xs: number[], d = 0): {min: number; median: number; max: number} {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10 ** d) / 10 ** d;
  return {min: r(s[0]), median: r(s[(s.length - 1) >> 1]), max: r(s[s.length - 1])};
}

// Each timed process writes its own CPU time (user + system, all its threads) at exit: on a machine
// whose load exceeds its cores, wall time mostly measures the wait for a core, CPU time much less so.
// tsx compiles in an esbuild child process whose CPU is not counted: the tsx figures are a lower bound.
const scratch = mkdtempSync(join(tmpdir(), "movielab-cli-startup-"));
const cpuHook = join(scratch, "cpu-at-exit.mjs");
const cpuOut = join(scratch, "cpu.json");
writeFileSync(
  cpuHook,
  'import {writeFileSync} from "node:fs";\n' +
    'process.on("exit", () => writeFileSync(process.env.MOVIELAB_BENCH_CPU_OUT, JSON.stringify(process.cpuUsage())));\n'
);

/** {wall, cpu} milliseconds of node with args, spawn to exit; throws unless it exits 0 with nothing on stderr. */
function timeRun(args: string[], env: NodeJS.ProcessEnv = {}): {wall: number; cpu: number} {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    encoding: "utf8",
    env: {
      ...process.env,
      MOVIELAB_OFFLINE: "1",
      MOVIELAB_NO_PROGRESS: "1",
      NODE_OPTIONS: `--import ${cpuHook}`,
      MOVIELAB_BENCH_CPU_OUT: cpuOut,
      ...env
    },
    maxBuffer: 16 << 20
  });
  const wall = performance.now() - t0;
  if (r.status !== 0 || r.stderr !== "") throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const {user, system} = JSON.parse(readFileSync(cpuOut, "utf8")) as {user: number; system: number};
  return {wall, cpu: (user + system) / 1000};
}

const prepared = await buildCli(ROOT);
log(`compiled CLI ${prepared.built ? "built" : "current"}: dist-cli/${prepared.build}`);
const fixture = trainFixtureBundle();
const commands: Record<string, string[]> = {
  help: ["--help"],
  predict: [
    "predict",
    "--bundle",
    fixture.path,
    "--user",
    `${fixture.data.userIds[0]}`,
    "--movie",
    `${fixture.data.movies.id[1]}`
  ]
};

const times: Record<string, {compiled: {wall: number; cpu: number}[]; tsx: {wall: number; cpu: number}[]}> = {};
const floor: {wall: number; cpu: number}[] = [];
for (const name of Object.keys(commands)) times[name] = {compiled: [], tsx: []};
for (let i = 0; i < runs; i++) {
  floor.push(timeRun(["-e", "0"]));
  for (const [name, args] of Object.entries(commands)) {
    // Alternate which path goes first, so neither always follows the other's cache warm-up.
    const order = i % 2 === 0 ? (["compiled", "tsx"] as const) : (["tsx", "compiled"] as const);
    for (const path of order) times[name][path].push(timeRun([BIN, ...args], {MOVIELAB_CLI: path}));
  }
  log(`round ${i + 1}/${runs}`);
}
load.push(loadNow());

// The freshness check as the bin runs it on every start (after a few warm-up calls, as a cold process pays once).
const checkMs: number[] = [];
for (let i = 0; i < 25; i++) {
  const t0 = performance.now();
  if (currentBuild(ROOT).reason !== null) throw new Error("the compiled CLI went stale during the bench");
  checkMs.push(performance.now() - t0);
}
const inputs = Object.keys(inputStamps(ROOT)).length;

// Rebuilds after a touched source, on a copy: what the first run after an edit adds.
const copy = copyProjectForCli(ROOT);
const rebuildS: number[] = [];
for (let i = 0; i < rebuilds; i++) {
  const touched = new Date(Date.now() + i * 1000);
  utimesSync(join(copy, "lib", "version.ts"), touched, touched);
  const r = await buildCli(copy);
  if (!r.built) throw new Error("touching a source did not give a new build");
  rebuildS.push(r.seconds);
}
load.push(loadNow());

const summary = Object.fromEntries(
  Object.entries(times).map(([name, t]) => {
    const compiled = spread(t.compiled.map((x) => x.wall));
    const tsx = spread(t.tsx.map((x) => x.wall));
    return [
      name,
      {
        compiledMs: compiled,
        tsxMs: tsx,
        speedupMedian: Math.round((tsx.median / compiled.median) * 10) / 10,
        compiledCpuMs: spread(t.compiled.map((x) => x.cpu)),
        tsxCpuMs: spread(t.tsx.map((x) => x.cpu))
      }
    ];
  })
);
console.log(
  JSON.stringify({
    bench: "cli-startup",
    node: process.version,
    runs,
    nodeFloorMs: spread(floor.map((x) => x.wall)),
    nodeFloorCpuMs: spread(floor.map((x) => x.cpu)),
    ...summary,
    freshnessCheckMs: {...spread(checkMs, 2), inputFiles: inputs},
    rebuildSeconds: spread(rebuildS, 2),
    targets: Object.fromEntries(
      Object.keys(times).map((name) => [
        `${name} under 500 ms (compiled, median)`,
        summary[name].compiledMs.median < 500
      ])
    ),
    loadAverage: {start: load[0], afterStartups: load[1], end: load[2]}
  })
);
