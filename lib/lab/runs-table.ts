/**
 * The Lab's leaderboard: one row per run (`tr[data-run=<id>]` with `data-status` running | done |
 * failed | cancelled), metric cells `td[data-metric=rmse|mae|accuracy|ndcg]` holding the mean as text
 * (4 decimals; the full number in `data-value`), a progress bar and a cancel button while it runs, and a
 * checkbox to pick runs to compare. While a run goes, its metric cells show the mean of the folds done so
 * far. These attributes are the stable contract browser tests use (README, "The Lab"). Every control is
 * named for its run ("Cancel the run of mf (kfold)"); when a run ends under the keyboard, focus moves
 * from its Cancel button to its Delete button, or to its status cell, and a deleted row hands focus to
 * the next row (or the one above); never to the page's body.
 */
import type {FoldScore} from "../eval/cross-validate.js";
import type {RecommenderCvJson} from "../reports/cv-result.js";

export type RunStatus = "running" | "done" | "failed" | "cancelled";

/** The metric columns: contract name → the harness's metric. */
export const METRIC_COLUMNS = [
  ["rmse", "rmse", "RMSE"],
  ["mae", "mae", "MAE"],
  ["accuracy", "accuracy", "accuracy"],
  ["ndcg", "ndcg@10", "nDCG@10"]
] as const;

/** What a row shows before any fold is done. */
export interface RunLabel {
  id: string;
  model: string;
  dataset: string;
  protocol: string;
  seed: number;
  /** The parameters changed from the defaults. */
  changed: Record<string, unknown>;
}

/** A running row's handle. */
export interface RunRow {
  progress(fraction: number): void;
  fold(scores: readonly FoldScore[]): void;
  done(record: RecommenderCvJson): void;
  failed(message: string): void;
  cancelled(): void;
}

const fmt = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "" : x.toFixed(4));

function metricCell(doc: Document, name: string): HTMLTableCellElement {
  const td = doc.createElement("td");
  td.dataset.metric = name;
  td.style.textAlign = "right";
  td.style.fontVariantNumeric = "tabular-nums";
  return td;
}

function setMetric(td: HTMLElement, value: number | undefined): void {
  td.textContent = fmt(value);
  if (value === undefined) delete td.dataset.value;
  else td.dataset.value = String(value);
}

/** Mean of a metric over fold scores (undefined when no fold has it). */
function meanOf(scores: readonly FoldScore[], metric: string): number | undefined {
  const xs = scores.map((s) => s.metrics[metric]).filter((x) => x !== undefined);
  return xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The mean of a record's metric. */
export function recordMetric(r: RecommenderCvJson, metric: string): number | undefined {
  if (metric === "rmse") return r.rmse?.mean;
  if (metric === "mae") return r.mae?.mean;
  return r.metrics?.[metric]?.mean;
}

/** How the controls of a row name their run: "mf (kfold)". */
function runName(model: string, protocol: string): string {
  return `${model} (${protocol})`;
}

function shortParams(p: Record<string, unknown>): string {
  const s = Object.entries(p)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(" ");
  return s === "" ? "defaults" : s;
}

export class RunsTable {
  readonly element: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;
  private readonly rows = new Map<string, HTMLTableRowElement>();

  constructor(
    private readonly options: {
      document?: Document;
      /** Called when the reader ticks or unticks rows, with the ticked ids. */
      onSelect?: (ids: string[]) => void;
      /** Called when the reader deletes a finished run. */
      onDelete?: (id: string) => void;
    } = {}
  ) {
    const doc = this.doc;
    this.element = doc.createElement("table");
    this.element.className = "lab-runs";
    const head = this.element.createTHead().insertRow();
    for (const h of [
      "compare",
      "model",
      "parameters",
      "data",
      "protocol",
      "seed",
      ...METRIC_COLUMNS.map((m) => m[2]),
      "wall s",
      "status",
      "actions"
    ]) {
      const th = doc.createElement("th");
      // The two control columns explain themselves on screen; their headers are for screen readers.
      if (h === "compare" || h === "actions") {
        const span = doc.createElement("span");
        span.className = "lab-sr-only";
        span.textContent = h;
        th.append(span);
      } else th.textContent = h;
      head.append(th);
    }
    this.body = this.element.createTBody();
  }

  private get doc(): Document {
    return this.options.document ?? document;
  }

  /** Ids of the ticked rows, in table order. */
  selected(): string[] {
    return [...this.rows.entries()]
      .filter(([, tr]) => (tr.querySelector("input[type=checkbox]") as HTMLInputElement).checked)
      .map(([id]) => id);
  }

  private row(label: RunLabel): {
    tr: HTMLTableRowElement;
    status: HTMLTableCellElement;
    action: HTMLTableCellElement;
    metrics: HTMLTableCellElement[];
    wall: HTMLTableCellElement;
  } {
    const doc = this.doc;
    this.rows.get(label.id)?.remove();
    const tr = doc.createElement("tr");
    tr.dataset.run = label.id;
    const pick = doc.createElement("input");
    pick.type = "checkbox";
    pick.name = "compare";
    pick.setAttribute("aria-label", `Compare the run of ${runName(label.model, label.protocol)}`);
    pick.addEventListener("change", () => this.options.onSelect?.(this.selected()));
    const cells = [label.model, shortParams(label.changed), label.dataset, label.protocol, String(label.seed)].map(
      (t) => {
        const td = doc.createElement("td");
        td.textContent = t;
        return td;
      }
    );
    const first = doc.createElement("td");
    first.append(pick);
    const metrics = METRIC_COLUMNS.map(([name]) => metricCell(doc, name));
    const wall = metricCell(doc, "wall_seconds");
    const status = doc.createElement("td");
    status.className = "lab-status";
    // Focus lands here when the run ends under the keyboard (see moveFocus).
    status.tabIndex = -1;
    const action = doc.createElement("td");
    tr.append(first, ...cells, ...metrics, wall, status, action);
    this.body.append(tr);
    this.rows.set(label.id, tr);
    return {tr, status, action, metrics, wall};
  }

  /** A finished run (from this session, the store or an import). */
  addDone(record: RecommenderCvJson): void {
    const {tr, status, action, metrics, wall} = this.row({
      id: record.id,
      model: record.model,
      dataset: record.dataset,
      protocol: `${record.protocol} (${record.folds.length})`,
      seed: record.seed,
      changed: record.params
    });
    this.fill(record, tr, status, action, metrics, wall);
  }

  private fill(
    record: RecommenderCvJson,
    tr: HTMLTableRowElement,
    status: HTMLElement,
    action: HTMLElement,
    metrics: HTMLElement[],
    wall: HTMLElement
  ): void {
    tr.dataset.status = "done";
    tr.title = `${record.source} run ${record.id}, ${record.created_at}, data ${record.fingerprint}`;
    METRIC_COLUMNS.forEach(([, metric], i) => setMetric(metrics[i], recordMetric(record, metric)));
    setMetric(wall, record.wall_seconds);
    status.textContent = record.source === "cli" ? "done (CLI)" : "done";
    const hadFocus = action.contains(this.doc.activeElement);
    action.replaceChildren();
    const del = this.doc.createElement("button");
    del.textContent = "Delete";
    del.dataset.action = "delete";
    del.setAttribute("aria-label", `Delete the run of ${runName(record.model, record.protocol)}, ${record.id}`);
    del.addEventListener("click", () => {
      // The button goes with its row: focus moves to the row that takes its place (or the one above).
      const neighbour = (tr.nextElementSibling ?? tr.previousElementSibling) as HTMLElement | null;
      const hadFocus = this.doc.activeElement === del;
      tr.remove();
      if (hadFocus)
        (neighbour?.querySelector<HTMLElement>("button") ?? neighbour?.querySelector<HTMLElement>("input"))?.focus();
      this.rows.delete(record.id);
      this.options.onDelete?.(record.id);
      this.options.onSelect?.(this.selected());
    });
    action.append(del);
    if (hadFocus) del.focus();
  }

  /** A run that starts now: progress bar and cancel button until it settles. */
  addRunning(label: RunLabel, onCancel: () => void): RunRow {
    const doc = this.doc;
    const {tr, status, action, metrics, wall} = this.row(label);
    tr.dataset.status = "running";
    const bar = doc.createElement("progress");
    bar.setAttribute("aria-label", `Progress of the run of ${runName(label.model, label.protocol)}`);
    bar.max = 1;
    bar.value = 0;
    status.append(bar);
    const cancel = doc.createElement("button");
    cancel.textContent = "Cancel";
    cancel.dataset.action = "cancel";
    cancel.setAttribute("aria-label", `Cancel the run of ${runName(label.model, label.protocol)}`);
    cancel.addEventListener("click", () => onCancel());
    action.append(cancel);
    const end = (state: RunStatus, text: string) => {
      tr.dataset.status = state;
      status.textContent = text;
      const hadFocus = action.contains(doc.activeElement);
      action.replaceChildren();
      if (hadFocus) status.focus();
    };
    return {
      progress: (f) => void (bar.value = f),
      fold: (scores) => METRIC_COLUMNS.forEach(([, metric], i) => setMetric(metrics[i], meanOf(scores, metric))),
      done: (record) => {
        this.rows.delete(label.id);
        tr.dataset.run = record.id;
        this.rows.set(record.id, tr);
        this.fill(record, tr, status, action, metrics, wall);
      },
      failed: (message) => {
        end("failed", "failed");
        const msg = doc.createElement("div");
        msg.className = "lab-error";
        msg.textContent = message;
        status.append(msg);
      },
      cancelled: () => end("cancelled", "cancelled")
    };
  }
}
