/**
 * The run record of a cross-validation through the harness (snake_case), as `movielab cv --json` prints
 * it and as the Lab keeps, exports and imports it; and its text table. One type for both, so that a
 * run from the CLI can be imported into the Lab and compared with the Lab's own runs.
 */
import type {CvSummary, MeanSd} from "../eval/cross-validate.js";
import type {ProtocolName} from "../eval/protocols/index.js";
import {tInterval} from "../eval/intervals.js";

/** Tags every run record (and names its version). */
export const RUN_RECORD = "movielab-cv-run/1";

/** Where a run was made. */
export type RunSource = "cli" | "lab";

/**
 * How the folds were made: ml-100k's u1..u5 files, seeded random k-fold, a seeded stratified hold-out,
 * seeded k-fold stratified by rating (`movielab cv classifier`), or a named protocol of lib/eval/protocols
 * (`movielab cv --protocol`, and `movielab rank`'s msr, temporal-global and temporal-user).
 */
export type CvProtocol = "official" | "k-fold" | "hold-out" | "stratified-k-fold" | ProtocolName;

/** One fold's metrics (rmse, mae; the classifier's accuracy, macro_f1, weighted_f1, log_loss; ndcg@10 …) and counts. */
export type CvFoldJson = {
  fold: string;
  fit_seconds: number;
  predict_seconds: number;
  n_train: number;
  n_test: number;
  fallbacks: number;
} & Record<string, number | string>;

export interface RecommenderCvJson {
  /** Always RUN_RECORD. */
  record: typeof RUN_RECORD;
  /** Unique id of the run (source, time, random part). */
  id: string;
  source: RunSource;
  /** When the run finished, ISO 8601. */
  created_at: string;
  dataset: string;
  /** SHA-256 of the cleaned set the run read (lib/lab/fingerprint.ts): runs on the same data share it. */
  fingerprint: string;
  n_ratings: number;
  model: string;
  description: string;
  protocol: CvProtocol;
  seed: number;
  /** Every parameter of the model as the run used it (its defaults with the run's values over them). */
  params: Record<string, unknown>;
  folds: CvFoldJson[];
  /** Absent for a ranking model's run (the Lab's; `movielab cv` runs rating models only). */
  rmse?: MeanSd;
  mae?: MeanSd;
  fit_seconds: MeanSd;
  predict_seconds: MeanSd;
  /** Wall-clock seconds of the whole run (folds may run in parallel in the Lab). */
  wall_seconds: number;
  /** Mean ± sd of every other metric (the classifier's, the ranking metrics). */
  metrics?: Record<string, MeanSd>;
}

/** What a run record says beyond the harness's summary (created_at default now, id default a new one). */
export type RunMeta = Pick<
  RecommenderCvJson,
  | "source"
  | "dataset"
  | "fingerprint"
  | "n_ratings"
  | "model"
  | "description"
  | "protocol"
  | "seed"
  | "params"
  | "wall_seconds"
> &
  Partial<Pick<RecommenderCvJson, "created_at" | "id">>;

/** A new run id: source, time and 32 random bits ("lab-20261206T231500Z-9f3a0c11"). */
export function newRunId(source: RunSource, at: string): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${source}-${at.replace(/[-:]/g, "").replace(/\.\d+/, "")}-${random}`;
}

/** The evaluation as a run record. */
export function cvToJson(e: CvSummary, meta: RunMeta): RecommenderCvJson {
  const {rmse, mae, ...others} = e.metrics;
  const created_at = meta.created_at ?? new Date().toISOString();
  return {
    record: RUN_RECORD,
    id: meta.id ?? newRunId(meta.source, created_at),
    source: meta.source,
    created_at,
    dataset: meta.dataset,
    fingerprint: meta.fingerprint,
    n_ratings: meta.n_ratings,
    model: meta.model,
    description: meta.description,
    protocol: meta.protocol,
    seed: meta.seed,
    params: meta.params,
    folds: e.folds.map((f) => ({
      fold: f.fold,
      ...f.metrics,
      fit_seconds: f.fitSeconds,
      predict_seconds: f.predictSeconds,
      n_train: f.nTrain,
      n_test: f.nTest,
      fallbacks: f.fallbacks
    })),
    ...(rmse ? {rmse} : {}),
    ...(mae ? {mae} : {}),
    fit_seconds: e.fitSeconds,
    predict_seconds: e.predictSeconds,
    wall_seconds: meta.wall_seconds,
    ...(Object.keys(others).length > 0 ? {metrics: others} : {})
  };
}

/** The text form: one row per fold, then mean ± sd (sample sd over folds). */
export function formatCvTable(r: RecommenderCvJson): string {
  const w = 16;
  const cell = (s: string) => s.padStart(w);
  const extra = Object.keys(r.metrics ?? {});
  const lines = [
    `${r.dataset}: ${r.protocol === "official" ? "official folds" : r.protocol === "hold-out" ? `hold-out (seed ${r.seed})` : r.protocol === "k-fold" || r.protocol === "kfold" ? `${r.folds.length}-fold random CV (seed ${r.seed})` : `protocol ${r.protocol} (seed ${r.seed})`}, model ${r.model} (${r.description})`,
    "",
    `${"fold".padEnd(9)}${cell("RMSE")}${cell("MAE")}${extra.map((m) => cell(m)).join("")}${cell("fit s")}${cell("test")}${cell("fallbacks")}`
  ];
  for (const f of r.folds) {
    const x = extra.map((m) => cell((f[m] as number).toFixed(4))).join("");
    lines.push(
      `${f.fold.padEnd(9)}${cell((f.rmse as number).toFixed(4))}${cell((f.mae as number).toFixed(4))}${x}${cell(f.fit_seconds.toFixed(3))}${cell(String(f.n_test))}${cell(String(f.fallbacks))}`
    );
  }
  const ms = (m: MeanSd, d: number) => `${m.mean.toFixed(d)}±${m.sd.toFixed(d)}`;
  const xs = extra.map((m) => cell(ms(r.metrics![m], 4))).join("");
  const none = {mean: NaN, sd: NaN};
  lines.push(
    `${"mean±sd".padEnd(9)}${cell(ms(r.rmse ?? none, 4))}${cell(ms(r.mae ?? none, 4))}${xs}${cell(ms(r.fit_seconds, 3))}`
  );
  // Student t over folds, the folds being the unit (lib/eval/intervals.ts); one fold has no interval.
  if (r.folds.length > 1) {
    const ci = (m: string) => {
      const values = r.folds.map((f) => f[m]);
      if (values.some((v) => typeof v !== "number")) return cell("");
      const iv = tInterval(values as number[]);
      return cell(`[${iv.lo.toFixed(4)},${iv.hi.toFixed(4)}]`);
    };
    lines.push(`${"95% CI".padEnd(9)}${ci("rmse")}${ci("mae")}${extra.map(ci).join("")}`);
  }
  lines.push("");
  return lines.join("\n");
}
