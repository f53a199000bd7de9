/**
 * Runs side by side: one column per run, one row per field (data, fingerprint, model, protocol, seed,
 * each parameter where any run differs, each metric's mean ± sd, each fold's RMSE). Rows whose values
 * differ between the runs are flagged, so that what changed between two runs is what the eye finds.
 */
import type {RecommenderCvJson} from "../reports/cv-result.js";

export interface CompareRow {
  label: string;
  values: string[];
  differs: boolean;
}

const ms = (m: {mean: number; sd: number} | undefined) =>
  m === undefined ? "" : `${m.mean.toFixed(4)} ± ${m.sd.toFixed(4)}`;

/** The comparison's rows (see the module comment). */
export function compareRows(runs: readonly RecommenderCvJson[]): CompareRow[] {
  const row = (label: string, f: (r: RecommenderCvJson) => string): CompareRow => {
    const values = runs.map(f);
    return {label, values, differs: new Set(values).size > 1};
  };
  const params = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const metrics = [...new Set(runs.flatMap((r) => Object.keys(r.metrics ?? {})))].sort();
  const folds = [...new Set(runs.flatMap((r) => r.folds.map((f) => f.fold)))];
  return [
    row("source", (r) => `${r.source} ${r.created_at}`),
    row("data", (r) => `${r.dataset} (${r.n_ratings} ratings)`),
    row("fingerprint", (r) => r.fingerprint.slice(0, 19)),
    row("model", (r) => r.model),
    row("protocol", (r) => `${r.protocol}, ${r.folds.length} fold${r.folds.length > 1 ? "s" : ""}`),
    row("seed", (r) => String(r.seed)),
    ...params.map((p) => row(`param ${p}`, (r) => JSON.stringify(r.params[p]) ?? "")).filter((r) => r.differs),
    row("RMSE", (r) => ms(r.rmse)),
    row("MAE", (r) => ms(r.mae)),
    ...metrics.map((m) => row(m, (r) => ms(r.metrics?.[m]))),
    row("fit s", (r) => ms(r.fit_seconds)),
    row("wall s", (r) => r.wall_seconds.toFixed(2)),
    ...folds.map((f) =>
      row(`RMSE ${f}`, (r) => {
        const x = r.folds.find((g) => g.fold === f)?.rmse;
        return typeof x === "number" ? x.toFixed(4) : "";
      })
    )
  ];
}

/** The comparison as a table (`table.lab-compare`, differing rows `tr[data-differs]`). */
export function CompareTable(runs: readonly RecommenderCvJson[], doc: Document = document): HTMLTableElement {
  const table = doc.createElement("table");
  table.className = "lab-compare";
  const head = table.createTHead().insertRow();
  for (const h of ["", ...runs.map((r) => r.id)]) {
    const th = doc.createElement("th");
    th.textContent = h;
    head.append(th);
  }
  const body = table.createTBody();
  for (const r of compareRows(runs)) {
    const tr = body.insertRow();
    if (r.differs) {
      tr.dataset.differs = "";
      tr.style.fontWeight = "600";
    }
    for (const v of [r.label, ...r.values]) tr.insertCell().textContent = v;
  }
  return table;
}
