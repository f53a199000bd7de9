/**
 * The rating leaderboard on several threads. Each model's cross-validation is independent of the
 * others, and the slow ones (the blend's inner stacking, BPMF's sampling) take most of a loader's
 * time on one core while the other idles. Here worker threads take models a unit at a time, slowest
 * first (a unit is one model, or a blend with the slow models whose fits it repeats, see
 * scheduleUnits), and run runLeaderboard on each; the folds are not sent but derived in every thread by the
 * same inputs function (a module URL and export name) from the same data and seed, so only names
 * and result rows cross threads and every figure equals the one-thread run's (fit seconds aside).
 */
import {isMainThread, parentPort, workerData, type Worker} from "node:worker_threads";
import type {RatingFold} from "../../data/folds.js";
import {getModel} from "../../models/registry.js";
import {sharingFits} from "../../models/fit-cache.js";
import {runLeaderboard, type LeaderboardRow} from "../../reports/leaderboard.js";
import {parallelTrainer} from "./gbdt-parallel.js";
import {startModuleWorker} from "./module-worker.js";

const WORKER_KIND = "movielab-leaderboard-worker";

/** Where worker threads get their folds: `export` of the module at `module` (an import.meta.url or file URL), a function returning the folds. */
export interface FoldSource {
  module: string;
  export: string;
}

interface WorkerInit {
  kind: typeof WORKER_KIND;
  source: FoldSource;
  /** Units of model names (see scheduleUnits) in hand-out order. */
  queue: string[][];
  /** Index of the next model to take, shared by every thread (Atomics), so no thread waits on this one. */
  next: Int32Array;
}

type WorkerMessage = {ok: true; row: LeaderboardRow} | {ok: true; done: true} | {ok: false; error: string};

/** Models in the order they are handed out: those that declare themselves slow first, then the rest, each in registry order. */
export function scheduleOrder(names: readonly string[]): string[] {
  return scheduleUnits(names).flat();
}

/** The slow models among a stacking model's default members (a model whose defaults list `members`). */
function slowMembers(name: string, names: readonly string[]): string[] {
  const members = (getModel(name).defaults as {members?: unknown}).members;
  if (!Array.isArray(members)) return [];
  const used = new Set(members.map((m) => (m as {model: string}).model));
  return names.filter((n) => n !== name && used.has(n) && getModel(n).slow === true);
}

/**
 * What one thread takes at a time, in hand-out order (slow units first): a stacking model goes with
 * the slow models among its members, after them, so that the fits it shares with them (BPMF's
 * selection, which the blend repeats) are made once in that thread (sharingFits).
 */
export function scheduleUnits(names: readonly string[]): string[][] {
  // Each stacking model with its slow members, looked up once; a member goes with the first stack that uses it.
  const stacks = names.map((n) => ({stack: n, members: slowMembers(n, names)})).filter((s) => s.members.length > 0);
  const units: string[][] = [];
  const placed = new Set<string>();
  for (const n of names) {
    if (placed.has(n)) continue;
    const s = stacks.find((t) => t.stack === n || t.members.includes(n));
    const unit = (s === undefined ? [n] : [...s.members, s.stack]).filter((m) => !placed.has(m));
    unit.forEach((m) => placed.add(m));
    units.push(unit);
  }
  const slow = (u: string[]) => u.some((n) => getModel(n).slow === true);
  return [...units.filter(slow), ...units.filter((u) => !slow(u))];
}

/**
 * Cross-validates the named models on `threads` worker threads (1 to 8); resolves with the rows in the
 * order of `names`. The threads take models from a shared counter, so they keep working while this
 * thread is busy with something else; onModel reports each model when its row arrives.
 */
export async function runLeaderboardThreaded(
  names: readonly string[],
  source: FoldSource,
  options: {threads?: number; onModel?: (i: number, name: string) => void} = {}
): Promise<LeaderboardRow[]> {
  const threads = options.threads ?? 2;
  if (!Number.isInteger(threads) || threads < 1 || threads > 8)
    throw new RangeError(`threads is ${threads}: expected an integer from 1 to 8`);
  const init: WorkerInit = {
    kind: WORKER_KIND,
    source,
    queue: scheduleUnits(names),
    next: new Int32Array(new SharedArrayBuffer(4))
  };
  const rows = new Map<string, LeaderboardRow>();
  const workers = Array.from({length: Math.min(threads, names.length)}, () => startModuleWorker(import.meta.url, init));
  const collect = (w: Worker) =>
    new Promise<void>((resolve, reject) => {
      w.on("message", (msg: WorkerMessage) => {
        if (!msg.ok) reject(new Error(`leaderboard thread: ${msg.error}`));
        else if ("done" in msg) resolve();
        else {
          rows.set(msg.row.model, msg.row);
          options.onModel?.(names.indexOf(msg.row.model), msg.row.model);
        }
      });
      w.on("error", reject);
      w.on("exit", (code) => reject(new Error(`leaderboard thread exited with code ${code} before finishing`)));
    });
  try {
    await Promise.all(workers.map(collect));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return names.map((n) => rows.get(n)!);
}

async function runWorker(init: WorkerInit): Promise<void> {
  const post = (msg: WorkerMessage) => parentPort!.postMessage(msg);
  let name = "(reading the folds)";
  try {
    const mod = (await import(init.source.module)) as Record<string, () => Promise<RatingFold[]>>;
    const folds = await mod[init.source.export]();
    // The classifier's GBDT trains on two threads of its own, as in the one-thread leaderboard.
    const fitOptions = {gbdtTrainer: parallelTrainer()};
    // One scope for the thread's whole queue, so a unit's later models reuse its earlier models' fits.
    await sharingFits(async () => {
      for (let i = Atomics.add(init.next, 0, 1); i < init.queue.length; i = Atomics.add(init.next, 0, 1)) {
        for (const unitName of init.queue[i]) {
          name = unitName;
          const [row] = await runLeaderboard([getModel(name)], folds, undefined, {fitOptions});
          post({ok: true, row});
        }
      }
    });
    post({ok: true, done: true});
  } catch (e) {
    post({ok: false, error: `${name}: ${(e as Error).stack ?? String(e)}`});
  }
}

if (!isMainThread && (workerData as WorkerInit | undefined)?.kind === WORKER_KIND)
  void runWorker(workerData as WorkerInit);
