/**
 * A top-N evaluation as a run record of the same family as cross-validation's: each split seed is a
 * fold (its metrics at k, its sizes and timings), and the summary is mean ± sd over seeds, so that
 * `runs list|show|compare|reproduce` and the pages read rank runs and cv runs alike.
 */
import {meanSd, type CvSummary} from "../eval/cross-validate.js";
import type {ProtocolName} from "../eval/protocols/index.js";
import {cvToJson} from "../reports/cv-result.js";
import {cliRecordHead, type RunRecord} from "./record.js";

/** What the record says beyond the harness's summary. */
export interface RankRunMeta {
  dataset: string;
  fingerprint: string;
  n_ratings: number;
  model: string;
  description: string;
  protocol: ProtocolName;
  /** The first split seed (msr: seed, seed + 1, …) and the model's seed. */
  seed: number;
  params: Record<string, unknown>;
  wall_seconds: number;
  /** Per fold: test users ranked and seconds from prediction to scored lists. */
  users: readonly number[];
  rankSeconds: readonly number[];
  created_at?: string;
  id?: string;
}

/** The run record of a ranking run through the harness (one fold per split seed under msr). */
export function rankRunRecord(result: CvSummary, meta: RankRunMeta): RunRecord {
  if (result.folds.length === 0) throw new RangeError("rankRunRecord: no folds; expected at least one");
  const {users, rankSeconds, ...rest} = meta;
  const base = cvToJson(result, {...rest, source: "cli"});
  // A fold's "predict" time here is ranking and scoring every test user's list.
  const folds = base.folds.map((f, i) => ({...f, users: users[i], predict_seconds: rankSeconds[i]}));
  return {
    ...base,
    ...cliRecordHead("rank", base.created_at, base.id),
    folds,
    predict_seconds: meanSd(rankSeconds),
    metrics: {...base.metrics, users: meanSd(users)}
  };
}
