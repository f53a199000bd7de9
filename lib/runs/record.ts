/**
 * The run record as `movielab cv` and `movielab rank` file it under `runs/`: the Lab's record
 * (`movielab-cv-run/1`, lib/reports/cv-result.ts) with optional fields that say how to make it again.
 * The fields are optional so that one format serves both: the Lab imports a CLI record (it keeps extra
 * fields), and a Lab export or an older `cv --json` reads here as a record that cannot be reproduced.
 */
import {DataError} from "../data/errors.js";
import {checkRun} from "../lab/run-io.js";
import type {MeanSd} from "../eval/cross-validate.js";
import {newRunId, RUN_RECORD, type RecommenderCvJson} from "../reports/cv-result.js";

/** What was run: `cv` (folds of the ratings; `cv` and `cv classifier`) or `rank` (top-N, one fold per split seed). */
export type RunKind = "cv" | "rank";

/** The command line as parsed, so that the run can be made again. */
export interface RunInvocation {
  /** The command path after `movielab` (["cv", "recommender"], ["rank"]). */
  command: string[];
  /** Every option as parsed (flags true), without output-only ones (--json, --runs-dir, --no-record). */
  options: Record<string, string | boolean>;
  /** The data set the run read: an absolute directory or "synthetic" (what --data or the selection chain chose). */
  data: string;
  /** The working directory the command ran in (relative options are relative to it). */
  cwd: string;
}

/** The code that made the run. */
export interface CodeVersion {
  /** package.json's version. */
  version: string;
  /** The git commit checked out (40 hex digits), or null outside a git checkout. */
  commit: string | null;
  /** Whether the work tree had changes; null when not known (finding out costs a full status). */
  dirty: boolean | null;
}

/** The machine the run was timed on. */
export interface MachineInfo {
  node: string;
  platform: string;
  arch: string;
  cpus: number;
  cpu_model: string;
  /** os.loadavg() when the run finished: 1, 5 and 15 minute averages. */
  load_average: number[];
  /**
   * Peak resident memory of the process that ran it, MiB (the CLI runs one model per process, so this
   * is the data set, its folds and the model together). Absent in records made before it was kept.
   */
  peak_rss_mib?: number;
}

/** A run record with the CLI's optional fields. */
export interface RunRecord extends RecommenderCvJson {
  kind?: RunKind;
  invocation?: RunInvocation;
  code?: CodeVersion;
  machine?: MachineInfo;
}

/** The head of a record the CLI makes: tag, id (new unless given), source, time (now unless given) and kind. */
export function cliRecordHead(kind: RunKind, createdAt?: string, id?: string) {
  const created_at = createdAt ?? new Date().toISOString();
  return {
    record: RUN_RECORD as typeof RUN_RECORD,
    id: id ?? newRunId("cli", created_at),
    source: "cli" as const,
    created_at,
    kind
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function fail(where: string, field: string, value: unknown, expected: string): never {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "nothing");
  throw new DataError({file: where, field, value: text, expected});
}

/** One record checked field by field (the Lab's checks, then the optional fields); errors name `where` and the field. */
export function checkRunRecord(v: unknown, where: string): RunRecord {
  const r = checkRun(v, where) as RunRecord;
  if (r.kind !== undefined && r.kind !== "cv" && r.kind !== "rank") fail(where, "kind", r.kind, `"cv" or "rank"`);
  if (r.invocation !== undefined) {
    const inv = r.invocation as unknown;
    if (!isObject(inv)) fail(where, "invocation", inv, "an object {command, options, data, cwd}");
    if (!Array.isArray(inv.command) || inv.command.length === 0 || !inv.command.every((c) => typeof c === "string"))
      fail(where, "invocation.command", inv.command, 'a list of command names, e.g. ["cv", "recommender"]');
    if (!isObject(inv.options)) fail(where, "invocation.options", inv.options, "an object of options");
    for (const [k, x] of Object.entries(inv.options))
      if (typeof x !== "string" && typeof x !== "boolean")
        fail(where, `invocation.options.${k}`, x, "a string or a boolean (as parsed)");
    for (const f of ["data", "cwd"])
      if (typeof inv[f] !== "string" || inv[f] === "") fail(where, `invocation.${f}`, inv[f], "a non-empty string");
  }
  if (r.code !== undefined) {
    const c = r.code as unknown;
    if (!isObject(c) || typeof c.version !== "string")
      fail(where, "code.version", isObject(c) ? c.version : c, "a string");
    if (c.commit !== null && !(typeof c.commit === "string" && /^[0-9a-f]{40,64}$/.test(c.commit)))
      fail(where, "code.commit", c.commit, "a git commit (hex digits) or null");
    if (c.dirty !== null && typeof c.dirty !== "boolean") fail(where, "code.dirty", c.dirty, "true, false or null");
  }
  if (r.machine !== undefined) {
    const m = r.machine as unknown;
    if (!isObject(m)) fail(where, "machine", m, "an object");
    if (typeof m.cpus !== "number") fail(where, "machine.cpus", m.cpus, "a number");
    if (!Array.isArray(m.load_average) || !m.load_average.every((x) => typeof x === "number"))
      fail(where, "machine.load_average", m.load_average, "a list of numbers");
    if (m.peak_rss_mib !== undefined && !(typeof m.peak_rss_mib === "number" && m.peak_rss_mib > 0))
      fail(where, "machine.peak_rss_mib", m.peak_rss_mib, "a positive number of MiB");
  }
  if (Number.isNaN(Date.parse(r.created_at))) fail(where, "created_at", r.created_at, "an ISO 8601 time");
  return r;
}

/** The metric a run is judged by: RMSE for rating models, else nDCG at the first cut-off, else accuracy, else the first metric. */
export function headlineMetric(r: RecommenderCvJson): {name: string; value: MeanSd} | null {
  if (r.rmse !== undefined) return {name: "rmse", value: r.rmse};
  const names = Object.keys(r.metrics ?? {});
  const pick = names.find((n) => n.startsWith("ndcg@")) ?? names.find((n) => n === "accuracy") ?? names[0];
  return pick === undefined ? null : {name: pick, value: r.metrics![pick]};
}

/** Whether a lower value of the metric is better (errors and losses). */
export function lowerIsBetter(metric: string): boolean {
  return /^(rmse|mae|log_loss)$/.test(metric);
}

/** A fold's value of a metric (rmse, mae or any metric column), undefined when the fold lacks it. */
export function foldMetric(f: RecommenderCvJson["folds"][number], metric: string): number | undefined {
  const x = f[metric];
  return typeof x === "number" ? x : undefined;
}

/** Whether a fold field is a timing (left out of the bit-identical check: the clock is not the result). */
export function isTiming(field: string): boolean {
  return field.endsWith("_seconds");
}
