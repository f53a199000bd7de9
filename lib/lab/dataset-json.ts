/**
 * A prepared data set as JSON and back, for the preview's "workbench data set" (a data loader writes
 * it, the Lab reads it): typed arrays become {"$typed": name, "values": […]} with NaN as null, and come
 * back as the same typed arrays, so the fingerprint computed in the page equals Node's.
 */
import type {CleaningReport} from "../data/cleaning-report.js";
import type {FoldRows} from "../data/folds.js";
import type {Dataset} from "../data/types.js";

const TYPED = {Int32Array, Uint8Array, Float32Array, Float64Array} as const;
type TypedName = keyof typeof TYPED;

/** A JSON-safe copy of a value holding typed arrays. */
export function toJsonValue(v: unknown): unknown {
  if (ArrayBuffer.isView(v) && v.constructor.name in TYPED) {
    const values = Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isNaN(x) ? null : x));
    return {$typed: v.constructor.name, values};
  }
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonValue(x)]));
  return v;
}

/** The value toJsonValue encoded. */
export function fromJsonValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromJsonValue);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.$typed === "string" && o.$typed in TYPED && Array.isArray(o.values))
      return TYPED[o.$typed as TypedName].from((o.values as (number | null)[]).map((x) => (x === null ? NaN : x)));
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fromJsonValue(x)]));
  }
  return v;
}

/** What the preview's loader writes: the workbench's set, cleaned as `movielab cv` does, or why there is none. */
export type WorkbenchJson =
  {available: false; reason: string} | {available: true; dataset: unknown; official: unknown; report: CleaningReport};

/** The JSON of a prepared set. */
export function workbenchJson(dataset: Dataset, official: FoldRows[] | null, report: CleaningReport): WorkbenchJson {
  return {available: true, dataset: toJsonValue(dataset), official: toJsonValue(official), report};
}

/** The set and official folds of an available WorkbenchJson. */
export function fromWorkbenchJson(json: WorkbenchJson & {available: true}): {
  dataset: Dataset;
  official: FoldRows[] | null;
  report: CleaningReport;
} {
  return {
    dataset: fromJsonValue(json.dataset) as Dataset,
    official: fromJsonValue(json.official) as FoldRows[] | null,
    report: json.report
  };
}
