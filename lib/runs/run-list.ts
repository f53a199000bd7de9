/**
 * The runs list: one row per record (id, date, data set, model, protocol, headline metric ± sd, fit
 * time, peak memory), newest first, filtered by model and data set. The CLI prints it and the Runs page shows it.
 */
import type {RecommenderCvJson} from "../reports/cv-result.js";
import {headlineMetric, type RunRecord} from "./record.js";

/** One row of the list. */
export interface RunListRow {
  id: string;
  created_at: string;
  dataset: string;
  model: string;
  /** "k-fold ×5 seed 42", "official ×5", "msr ×1 seed 42". */
  protocol: string;
  /** The headline metric's name ("rmse", "ndcg@10"), or null when the run has none. */
  metric: string | null;
  mean: number | null;
  sd: number | null;
  /** Mean fit seconds per fold. */
  fit_seconds: number;
  /** Peak resident memory of the process that ran it, MiB; null where not recorded (the Lab, older records). */
  peak_rss_mib: number | null;
}

/** Which runs to keep: exact model and data set names when given. */
export interface RunFilter {
  model?: string;
  dataset?: string;
}

/** The protocol in a few words: name, fold count, and the split seed when the split is random. */
export function protocolLabel(r: RecommenderCvJson): string {
  const seed = r.protocol === "official" ? "" : ` seed ${r.seed}`;
  return `${r.protocol} ×${r.folds.length}${seed}`;
}

/** The rows, newest first (ties by id), keeping the runs that pass the filter. */
export function runListRows(records: readonly RecommenderCvJson[], filter: RunFilter = {}): RunListRow[] {
  return records
    .filter(
      (r) =>
        (filter.model === undefined || r.model === filter.model) &&
        (filter.dataset === undefined || r.dataset === filter.dataset)
    )
    .slice()
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id))
    .map((r) => {
      const h = headlineMetric(r);
      return {
        id: r.id,
        created_at: r.created_at,
        dataset: r.dataset,
        model: r.model,
        protocol: protocolLabel(r),
        metric: h?.name ?? null,
        mean: h?.value.mean ?? null,
        sd: h?.value.sd ?? null,
        fit_seconds: r.fit_seconds.mean,
        peak_rss_mib: (r as RunRecord).machine?.peak_rss_mib ?? null
      };
    });
}
