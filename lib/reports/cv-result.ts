/** The JSON shape of a cross-validation through the harness (snake_case, as the CLI prints it) and its text table. */
import type {CvSummary, MeanSd} from "../eval/cross-validate.js";

export interface RecommenderCvJson {
  dataset: string;
  model: string;
  description: string;
  /** "official" (u1..u5 files) or "k-fold" (seeded random). */
  protocol: "official" | "k-fold";
  seed: number;
  /** Each fold's metrics (rmse, mae, and for classifiers accuracy, macro_f1, weighted_f1, log_loss) and counts. */
  folds: Array<
    {fold: string; fit_seconds: number; n_test: number; fallbacks: number} & Record<string, number | string>
  >;
  rmse: MeanSd;
  mae: MeanSd;
  fit_seconds: MeanSd;
  /** Mean ± sd of every other metric (the classifier's). */
  metrics?: Record<string, MeanSd>;
}

/** The evaluation in the CLI's JSON shape. */
export function cvToJson(
  e: CvSummary,
  meta: {dataset: string; model: string; description: string; protocol: "official" | "k-fold"; seed: number}
): RecommenderCvJson {
  const {rmse, mae, ...others} = e.metrics;
  return {
    ...meta,
    folds: e.folds.map((f) => ({
      fold: f.fold,
      ...f.metrics,
      fit_seconds: f.fitSeconds,
      n_test: f.nTest,
      fallbacks: f.fallbacks
    })),
    rmse,
    mae,
    fit_seconds: e.fitSeconds,
    ...(Object.keys(others).length > 0 ? {metrics: others} : {})
  };
}

/** The text form: one row per fold, then mean ± sd (sample sd over folds). */
export function formatCvTable(r: RecommenderCvJson): string {
  const w = 16;
  const cell = (s: string) => s.padStart(w);
  const extra = Object.keys(r.metrics ?? {});
  const lines = [
    `${r.dataset}: ${r.protocol === "official" ? "official folds" : `${r.folds.length}-fold random CV (seed ${r.seed})`}, model ${r.model} (${r.description})`,
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
  lines.push(`${"mean±sd".padEnd(9)}${cell(ms(r.rmse, 4))}${cell(ms(r.mae, 4))}${xs}${cell(ms(r.fit_seconds, 3))}`, "");
  return lines.join("\n");
}
