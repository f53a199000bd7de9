/** The JSON shape of a recommender cross-validation (snake_case, as the CLI prints it) and its text table. */
import type {MeanSd, RatingEvaluation} from "../eval/evaluate-rating.js";

export interface RecommenderCvJson {
  dataset: string;
  model: string;
  description: string;
  /** "official" (u1..u5 files) or "k-fold" (seeded random). */
  protocol: "official" | "k-fold";
  seed: number;
  folds: Array<{fold: string; rmse: number; mae: number; fit_seconds: number; n_test: number; fallbacks: number}>;
  rmse: MeanSd;
  mae: MeanSd;
  fit_seconds: MeanSd;
}

/** The evaluation in the CLI's JSON shape. */
export function cvToJson(e: RatingEvaluation, meta: {dataset: string; model: string; description: string; protocol: "official" | "k-fold"; seed: number}): RecommenderCvJson {
  return {
    ...meta,
    folds: e.folds.map((f) => ({fold: f.fold, rmse: f.rmse, mae: f.mae, fit_seconds: f.fitSeconds, n_test: f.nTest, fallbacks: f.fallbacks})),
    rmse: e.rmse,
    mae: e.mae,
    fit_seconds: e.fitSeconds
  };
}

/** The text form: one row per fold, then mean ± sd (sample sd over folds). */
export function formatCvTable(r: RecommenderCvJson): string {
  const w = 16;
  const cell = (s: string) => s.padStart(w);
  const lines = [
    `${r.dataset}: ${r.protocol === "official" ? "official folds" : `${r.folds.length}-fold random CV (seed ${r.seed})`}, model ${r.model} (${r.description})`,
    "",
    `${"fold".padEnd(9)}${cell("RMSE")}${cell("MAE")}${cell("fit s")}${cell("test")}${cell("fallbacks")}`
  ];
  for (const f of r.folds) {
    lines.push(`${f.fold.padEnd(9)}${cell(f.rmse.toFixed(4))}${cell(f.mae.toFixed(4))}${cell(f.fit_seconds.toFixed(3))}${cell(String(f.n_test))}${cell(String(f.fallbacks))}`);
  }
  const ms = (m: MeanSd, d: number) => `${m.mean.toFixed(d)}±${m.sd.toFixed(d)}`;
  lines.push(`${"mean±sd".padEnd(9)}${cell(ms(r.rmse, 4))}${cell(ms(r.mae, 4))}${cell(ms(r.fit_seconds, 3))}`, "");
  return lines.join("\n");
}
