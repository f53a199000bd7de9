/**
 * Latency and throughput of POST /predict under a bounded, open-loop load: a second process on
 * 127.0.0.1 sends requests at a fixed rate (default 1,000/s for 10 s) over keep-alive connections,
 * whatever the answers' speed, and times each request from the moment it was due (so a stalled
 * server shows up in the tail instead of slowing the sender: no coordinated omission; `latencyMs`)
 * and from the moment it was written (`serviceMs`: server and loopback only; the difference is the
 * sender's own lateness, large when the machine is oversubscribed). Pairs are
 * seeded random (user, movie) ids of the bundle. The open-loop run is repeated (--runs, min/median/max
 * of each quantile). Then a closed loop finds the maximum sustained throughput: --connections
 * keep-alive connections (default 32), each sending its next request as soon as the last one is
 * answered. Target (issue 16): p99 < 3 ms at 1,000 req/s. Prints one JSON object.
 *
 * Usage: tsx bench/api.ts [--model FILE] [--rate N] [--seconds S] [--warmup S] [--runs N] [--connections N]
 *   Without --model it trains the Predict page's model (40 rounds) on the seeded synthetic set first.
 */
import {fork} from "node:child_process";
import {Agent, request} from "node:http";
import {parseArgs} from "node:util";
import {serializeBundle, type Bundle} from "../lib/bundle/bundle.js";
import {buildWorkbenchBundle, type WorkbenchState} from "../lib/bundle/workbench.js";
import {loadBundle} from "../lib/node/bundle-file.js";
import {openDataset} from "../lib/node/open-dataset.js";
import {fitClassifier} from "../lib/models/classifier/pipeline.js";
import {createRng} from "../lib/random.js";
import {createBundleService} from "../lib/serving/bundle-service.js";
import {buildServer} from "../src/server.js";

interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  seconds: number;
  /** From the moment each request was due (open-loop: includes the sender's own lateness). */
  latenciesMs: number[];
  /** From the moment each request was actually written (server and loopback only). */
  serviceMs: number[];
}

/** The child: sends `rate` requests/s for `seconds` to url, each a body from `bodies` in turn. */
async function runLoad(url: string, rate: number, seconds: number, bodies: string[]): Promise<LoadResult> {
  const agent = new Agent({keepAlive: true, maxSockets: 64});
  const target = new URL("/predict", url);
  const total = Math.round(rate * seconds);
  const latencies = new Float64Array(total);
  const service = new Float64Array(total);
  let sent = 0;
  let ok = 0;
  let errors = 0;
  let done = 0;
  const t0 = performance.now();
  await new Promise<void>((finish) => {
    const send = (i: number, due: number): void => {
      const body = bodies[i % bodies.length];
      const start = performance.now();
      const req = request(
        target,
        {
          method: "POST",
          agent,
          headers: {"content-type": "application/json", "content-length": Buffer.byteLength(body)}
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            const end = performance.now();
            latencies[i] = end - due;
            service[i] = end - start;
            if (res.statusCode === 200) ok++;
            else errors++;
            if (++done === total) finish();
          });
        }
      );
      req.on("error", () => {
        latencies[i] = performance.now() - due;
        service[i] = performance.now() - start;
        errors++;
        if (++done === total) finish();
      });
      req.end(body);
    };
    const tick = (): void => {
      const now = performance.now();
      // Request i is due at t0 + i/rate: at time now, requests 0..floor((now − t0)·rate) are due.
      const due = Math.min(total, Math.floor(((now - t0) / 1000) * rate) + 1);
      while (sent < due) {
        send(sent, t0 + (sent / rate) * 1000);
        sent++;
      }
      // setTimeout's 1 ms floor (often 1.2+ ms) would make every request late by up to a tick, which
      // the due-time latency then charges to the server: poll with setImmediate when the next
      // request is due within 2 ms (the generator then keeps one core busy, its own process's).
      if (sent < total) {
        const next = t0 + (sent / rate) * 1000 - performance.now();
        if (next < 2) setImmediate(tick);
        else setTimeout(tick, next - 1);
      }
    };
    tick();
  });
  const seconds_ = (performance.now() - t0) / 1000;
  agent.destroy();
  return {sent, ok, errors, seconds: seconds_, latenciesMs: Array.from(latencies), serviceMs: Array.from(service)};
}

/** The child, closed loop: `connections` keep-alive connections, each sending again as soon as it is answered. */
async function runSaturation(url: string, connections: number, seconds: number, bodies: string[]): Promise<LoadResult> {
  const agent = new Agent({keepAlive: true, maxSockets: connections});
  const target = new URL("/predict", url);
  const latencies: number[] = [];
  let sent = 0;
  let ok = 0;
  let errors = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  const one = (): Promise<void> =>
    new Promise((done) => {
      const body = bodies[sent++ % bodies.length];
      const start = performance.now();
      const req = request(
        target,
        {
          method: "POST",
          agent,
          headers: {"content-type": "application/json", "content-length": Buffer.byteLength(body)}
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - start);
            if (res.statusCode === 200) ok++;
            else errors++;
            done();
          });
        }
      );
      req.on("error", () => {
        latencies.push(performance.now() - start);
        errors++;
        done();
      });
      req.end(body);
    });
  const loop = async (): Promise<void> => {
    while (performance.now() < until) await one();
  };
  await Promise.all(Array.from({length: connections}, loop));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  return {sent, ok, errors, seconds: elapsed, latenciesMs: latencies, serviceMs: latencies};
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}
const r2 = (x: number): number => Math.round(x * 100) / 100;

/** What the child is asked: an open-loop run at `rate`, or a closed loop over `connections`. */
interface LoadJob {
  url: string;
  seconds: number;
  bodies: string[];
  rate?: number;
  connections?: number;
}

/** Spawns this file as the load-generator process and collects its result. */
function loadFromChild(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(import.meta.filename, ["--child"], {stdio: ["ignore", "inherit", "inherit", "ipc"]});
    child.once("message", (m) => resolve(m as LoadResult));
    child.once("error", reject);
    child.once("exit", (code) => code !== 0 && reject(new Error(`load generator exited ${code}`)));
    child.send(job);
  });
}

if (process.argv.includes("--child")) {
  process.once("message", async (m: LoadJob) => {
    const result =
      m.connections !== undefined
        ? await runSaturation(m.url, m.connections, m.seconds, m.bodies)
        : await runLoad(m.url, m.rate!, m.seconds, m.bodies);
    process.send!(result, () => process.exit(0));
  });
} else {
  const {values} = parseArgs({
    options: {
      model: {type: "string"},
      rate: {type: "string"},
      seconds: {type: "string"},
      warmup: {type: "string"},
      runs: {type: "string"},
      connections: {type: "string"}
    }
  });
  const rate = Number(values.rate ?? 1000);
  const seconds = Number(values.seconds ?? 10);
  const warmup = Number(values.warmup ?? 2);
  const runs = Number(values.runs ?? 3);
  const connections = Number(values.connections ?? 32);

  let bundle: Bundle<WorkbenchState>;
  let source: string;
  if (values.model) {
    bundle = await loadBundle<WorkbenchState>(values.model, {kind: "classifier"});
    source = values.model;
  } else {
    const {dataset: data} = await openDataset({spec: "synthetic"});
    const rows = Int32Array.from({length: data.ratings.rating.length}, (_, i) => i);
    const classifier = fitClassifier(data, rows, {
      gbdt: {n_estimators: 40, max_depth: 6, learning_rate: 0.3, early_stopping_rounds: null},
      validationFraction: 0
    });
    bundle = buildWorkbenchBundle(data, classifier, {ranker: "ease", neighbours: 32});
    source = "synthetic (seed 42), 40 rounds";
  }
  const service = createBundleService(bundle);
  const app = buildServer({service, logger: false});
  const url = await app.listen({port: 0, host: "127.0.0.1"});

  const rng = createRng(7);
  const users = bundle.idMaps.users;
  const movies = bundle.idMaps.movies;
  const bodies = Array.from({length: 4096}, () =>
    JSON.stringify({user_id: users[rng.int(users.length)], movie_id: movies[rng.int(movies.length)]})
  );

  const {loadavg, cpus} = await import("node:os");
  const loads = [loadavg()[0]];
  if (warmup > 0) await loadFromChild({url, rate, seconds: warmup, bodies});
  const open: ReturnType<typeof summarise>[] = [];
  for (let r = 0; r < runs; r++) {
    open.push(summarise(await loadFromChild({url, rate, seconds, bodies})));
    loads.push(loadavg()[0]);
  }
  const closed = summarise(await loadFromChild({url, connections, seconds, bodies}));
  loads.push(loadavg()[0]);
  await app.close();
  const spread = (pick: (x: ReturnType<typeof summarise>) => number) => {
    const xs = open.map(pick).sort((a, b) => a - b);
    return {min: xs[0], median: xs[Math.floor(xs.length / 2)], max: xs[xs.length - 1]};
  };
  const p99 = spread((x) => x.latencyMs.p99);
  console.log(
    JSON.stringify(
      {
        bench: "api /predict",
        model: source,
        bundleBytes: serializeBundle(bundle).length,
        openLoop: {
          rate,
          seconds,
          warmupSeconds: warmup,
          runs: open,
          latencyP50Ms: spread((x) => x.latencyMs.p50),
          latencyP99Ms: p99,
          serviceP99Ms: spread((x) => x.serviceMs.p99)
        },
        maxSustained: {connections, seconds, ...closed},
        loadAverage1m: {min: r2(Math.min(...loads)), max: r2(Math.max(...loads))},
        cpus: cpus().length,
        targetP99Ms: 3,
        meetsTarget: p99.median < 3 && open.every((x) => x.errors === 0),
        node: process.version
      },
      null,
      2
    )
  );
}

/** Counts, throughput and latency quantiles of one load run. */
function summarise(result: LoadResult) {
  const sorted = result.latenciesMs.slice().sort((a, b) => a - b);
  const sortedService = result.serviceMs.slice().sort((a, b) => a - b);
  const q = (xs: number[]) => ({
    p50: r2(quantile(xs, 0.5)),
    p90: r2(quantile(xs, 0.9)),
    p99: r2(quantile(xs, 0.99)),
    max: r2(xs[xs.length - 1])
  });
  return {
    sent: result.sent,
    ok: result.ok,
    errors: result.errors,
    throughputPerSecond: r2(result.ok / result.seconds),
    latencyMs: q(sorted),
    serviceMs: q(sortedService)
  };
}
