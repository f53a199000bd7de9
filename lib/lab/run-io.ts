/**
 * Exporting and importing runs. JSON: an array of run records (lib/reports/cv-result.ts); importing
 * also takes one record, as `movielab cv --json` prints it. CSV: one row per fold of each run, with the
 * run's fields repeated and its parameters as JSON; importing rebuilds every record, mean ± sd
 * recomputed from the folds (numbers are written in full, so nothing is lost). A bad file is a DataError
 * naming the file, the line or run, the field and what was expected.
 */
import {parseCsv} from "../data/csv.js";
import {DataError} from "../data/errors.js";
import {meanSd, type MeanSd} from "../eval/cross-validate.js";
import {RUN_RECORD, type CvFoldJson, type RecommenderCvJson} from "../reports/cv-result.js";
import {toCsv, type CsvValue} from "../ui/download-csv.js";

/** The runs as a JSON file. */
export function runsToJson(runs: readonly RecommenderCvJson[]): string {
  return `${JSON.stringify(runs, null, 2)}\n`;
}

const RUN_TEXT = ["id", "source", "created_at", "dataset", "fingerprint", "model", "description", "protocol"] as const;
const RUN_NUMBERS = ["n_ratings", "seed", "wall_seconds"] as const;
const FOLD_NUMBERS = ["n_train", "n_test", "fallbacks", "fit_seconds", "predict_seconds"] as const;
const FOLD_FIXED = new Set<string>(["fold", ...FOLD_NUMBERS]);

/** Metric columns of the folds (rmse, mae first, then the others in alphabetical order). */
function metricColumns(runs: readonly RecommenderCvJson[]): string[] {
  const names = new Set<string>();
  for (const r of runs) for (const f of r.folds) for (const k of Object.keys(f)) if (!FOLD_FIXED.has(k)) names.add(k);
  const rest = [...names].filter((n) => n !== "rmse" && n !== "mae").sort();
  return ["rmse", "mae", ...rest];
}

/** The runs as CSV: one row per fold (see the module comment). */
export function runsToCsv(runs: readonly RecommenderCvJson[]): string {
  const metrics = metricColumns(runs);
  const columns = [...RUN_TEXT, ...RUN_NUMBERS, "params", "fold", ...FOLD_NUMBERS, ...metrics];
  const rows: Record<string, CsvValue>[] = [];
  for (const r of runs) {
    for (const f of r.folds) {
      const row: Record<string, CsvValue> = {params: JSON.stringify(r.params)};
      for (const c of [...RUN_TEXT, ...RUN_NUMBERS]) row[c] = r[c];
      for (const c of ["fold", ...FOLD_NUMBERS, ...metrics]) row[c] = f[c];
      rows.push(row);
    }
  }
  return toCsv(rows, columns);
}

/** Runs from an exported JSON or CSV file (judged by its first character), each checked. */
export function parseRuns(text: string, file: string): RecommenderCvJson[] {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  return start.startsWith("[") || start.startsWith("{") ? parseRunsJson(text, file) : parseRunsCsv(text, file);
}

/** Runs from JSON: an array of records or one record. */
export function parseRunsJson(text: string, file: string): RecommenderCvJson[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new DataError({file, expected: `JSON run records, but it does not parse (${(e as Error).message})`});
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((v, i) => checkRun(v, `${file} run ${i + 1}`));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function checkMeanSd(v: unknown, where: string, field: string): MeanSd {
  if (!isObject(v) || typeof v.mean !== "number" || typeof v.sd !== "number")
    throw new DataError({file: where, field, value: JSON.stringify(v) ?? "nothing", expected: "{mean, sd} numbers"});
  return {mean: v.mean, sd: v.sd};
}

/** One record, checked field by field (extra fields are kept). */
export function checkRun(v: unknown, where: string): RecommenderCvJson {
  if (!isObject(v))
    throw new DataError({file: where, value: JSON.stringify(v) ?? "nothing", expected: "a run record (an object)"});
  if (v.record !== RUN_RECORD)
    throw new DataError({
      file: where,
      field: "record",
      value: String(v.record),
      expected: `"${RUN_RECORD}" (a run from the Lab or \`movielab cv --json\`)`
    });
  for (const f of RUN_TEXT)
    if (typeof v[f] !== "string")
      throw new DataError({file: where, field: f, value: String(v[f]), expected: "a string"});
  for (const f of RUN_NUMBERS)
    if (typeof v[f] !== "number")
      throw new DataError({file: where, field: f, value: String(v[f]), expected: "a number"});
  if (!isObject(v.params)) throw new DataError({file: where, field: "params", expected: "an object of parameters"});
  if (!Array.isArray(v.folds) || v.folds.length === 0)
    throw new DataError({file: where, field: "folds", expected: "a list of at least one fold"});
  v.folds.forEach((f, i) => {
    if (!isObject(f) || typeof f.fold !== "string")
      throw new DataError({file: where, field: `folds[${i}].fold`, expected: "a fold name"});
    for (const [k, x] of Object.entries(f))
      if (k !== "fold" && typeof x !== "number")
        throw new DataError({file: where, field: `folds[${i}].${k}`, value: String(x), expected: "a number"});
  });
  for (const f of ["fit_seconds", "predict_seconds"]) checkMeanSd(v[f], where, f);
  for (const f of ["rmse", "mae"]) if (v[f] !== undefined) checkMeanSd(v[f], where, f);
  if (v.metrics !== undefined) {
    if (!isObject(v.metrics)) throw new DataError({file: where, field: "metrics", expected: "an object of {mean, sd}"});
    for (const [k, m] of Object.entries(v.metrics)) checkMeanSd(m, where, `metrics.${k}`);
  }
  return v as unknown as RecommenderCvJson;
}

/** Runs from the CSV of runsToCsv. */
export function parseRunsCsv(text: string, file: string): RecommenderCvJson[] {
  const {records, lines} = parseCsv(text.replace(/^\uFEFF/, ""), {file});
  if (records.length < 2) throw new DataError({file, expected: "a header row and one row per fold of each run"});
  const header = records[0];
  for (const c of [...RUN_TEXT, ...RUN_NUMBERS, "params", "fold", ...FOLD_NUMBERS, "rmse", "mae"])
    if (!header.includes(c)) throw new DataError({file, line: 1, field: c, expected: `a column named ${c}`});
  const metrics = header
    .filter((c) => !FOLD_FIXED.has(c) && !(RUN_TEXT as readonly string[]).includes(c))
    .filter((c) => !(RUN_NUMBERS as readonly string[]).includes(c) && c !== "params");
  const runs = new Map<string, RecommenderCvJson>();
  for (let r = 1; r < records.length; r++) {
    const cells = Object.fromEntries(header.map((c, i) => [c, records[r][i] ?? ""]));
    const line = lines[r];
    const num = (c: string): number => {
      const x = cells[c] === "" ? NaN : Number(cells[c]);
      if (!Number.isFinite(x)) throw new DataError({file, line, field: c, value: cells[c], expected: "a number"});
      return x;
    };
    let run = runs.get(cells.id);
    if (run === undefined) {
      let params: unknown;
      try {
        params = JSON.parse(cells.params);
      } catch {
        params = undefined;
      }
      if (!isObject(params))
        throw new DataError({
          file,
          line,
          field: "params",
          value: cells.params,
          expected: "a JSON object of parameters"
        });
      const head: Record<string, unknown> = {record: RUN_RECORD, params, folds: []};
      for (const c of RUN_TEXT) head[c] = cells[c];
      for (const c of RUN_NUMBERS) head[c] = num(c);
      run = head as unknown as RecommenderCvJson;
      runs.set(cells.id, run);
    }
    const fold: Record<string, number | string> = {fold: cells.fold};
    for (const c of FOLD_NUMBERS) fold[c] = num(c);
    for (const c of metrics) if (cells[c] !== "") fold[c] = num(c);
    run.folds.push(fold as CvFoldJson);
  }
  return [...runs.values()].map((run) => withSummary(run));
}

/** Mean ± sd of every fold metric and timing, as the harness computes them. */
function withSummary(run: RecommenderCvJson): RecommenderCvJson {
  const of = (c: string) => meanSd(run.folds.map((f) => f[c] as number));
  const names = Object.keys(run.folds[0]).filter((k) => !FOLD_FIXED.has(k) && k !== "rmse" && k !== "mae");
  return {
    ...run,
    ...(typeof run.folds[0].rmse === "number" ? {rmse: of("rmse"), mae: of("mae")} : {}),
    fit_seconds: of("fit_seconds"),
    predict_seconds: of("predict_seconds"),
    ...(names.length > 0 ? {metrics: Object.fromEntries(names.map((n) => [n, of(n)]))} : {})
  };
}
