/**
 * The rating classifier's cross-validation (`movielab cv classifier`) as a run record of the same
 * family: one fold per fold with the classifier's metrics (accuracy, macro and weighted F1, log loss,
 * RMSE and MAE of the expected rating), mean ± sd over folds as the harness computes them. Its folds are
 * stratified by rating, so its protocol is named apart from random k-fold and never paired with it.
 */
import {meanSd} from "../eval/cross-validate.js";
import {CV_METRICS, type CvResult} from "../eval/cross-validate-classifier.js";
import type {CvFoldJson} from "../reports/cv-result.js";
import {cliRecordHead, type RunRecord} from "./record.js";

/** What the record says beyond the result. */
export interface ClassifierRunMeta {
  fingerprint: string;
  n_ratings: number;
  description: string;
  wall_seconds: number;
  created_at?: string;
  id?: string;
}

/** The run record of a classifier cross-validation (model "classifier"; seed = the fold seed). */
export function classifierRunRecord(r: CvResult, meta: ClassifierRunMeta): RunRecord {
  const scores = CV_METRICS.filter((m) => !m.endsWith("_seconds"));
  const folds: CvFoldJson[] = r.folds.map((f) => ({
    fold: f.name,
    ...Object.fromEntries(scores.map((m) => [m, f.metrics[m]])),
    fit_seconds: f.metrics.fit_seconds,
    predict_seconds: f.metrics.predict_seconds,
    n_train: f.nTrain,
    n_test: f.nTest,
    fallbacks: 0
  }));
  const of = (m: string) => meanSd(folds.map((f) => f[m] as number));
  return {
    ...cliRecordHead("cv", meta.created_at, meta.id),
    dataset: r.dataset,
    fingerprint: meta.fingerprint,
    n_ratings: meta.n_ratings,
    model: "classifier",
    description: meta.description,
    protocol: r.protocol,
    seed: r.seed,
    params: r.params as unknown as Record<string, unknown>,
    folds,
    rmse: of("rmse"),
    mae: of("mae"),
    fit_seconds: of("fit_seconds"),
    predict_seconds: of("predict_seconds"),
    wall_seconds: meta.wall_seconds,
    metrics: Object.fromEntries(scores.filter((m) => m !== "rmse" && m !== "mae").map((m) => [m, of(m)]))
  };
}
