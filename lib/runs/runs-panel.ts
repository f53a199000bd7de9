/**
 * The Runs page's panel: the recorded runs in the Lab's leaderboard (lib/lab/runs-table.ts), an import
 * of the Lab's exports (JSON or CSV, lib/lab/run-io.ts), the Lab's side-by-side comparison of the
 * ticked runs, their paired comparison over folds, and a chart of their folds. The same components as
 * the Lab's, so both pages show a run the same way.
 */
import {RunFolds} from "../charts/run-folds.js";
import {CompareTable} from "../lab/compare.js";
import {parseRuns} from "../lab/run-io.js";
import {RunsTable} from "../lab/runs-table.js";
import type {RecommenderCvJson} from "../reports/cv-result.js";
import {scrollRegion} from "../ui/scroll-region.js";
import {pairedDifferences, whyNotPaired} from "./paired-comparison.js";

/** Runs the chart shows when none is ticked: the newest ones. */
const CHART_DEFAULT = 8;

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string, className?: string) {
  const e = doc.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className !== undefined) e.className = className;
  return e;
}

const signed = (x: number) => (x >= 0 ? `+${x.toFixed(5)}` : x.toFixed(5));

/** The paired comparison of each ticked run against the first ticked, or why it is not made. */
export function PairedList(runs: readonly RecommenderCvJson[], doc: Document = document): HTMLElement {
  const box = el(doc, "div", undefined, "runs-paired");
  const [a, ...others] = runs;
  for (const b of others) {
    const why = whyNotPaired(a, b);
    const p = el(doc, "p");
    p.dataset.pair = `${a.id} ${b.id}`;
    if (why.length > 0) {
      p.textContent = `${b.model} (${b.id}) against ${a.model} (${a.id}): not comparable fold by fold (${why.join("; ")}).`;
      box.append(p);
      continue;
    }
    p.textContent = `${b.model} (${b.id}) against ${a.model} (${a.id}), paired over ${a.folds.length} folds: difference b − a per fold.`;
    const table = el(doc, "table", undefined, "runs-paired-table");
    const head = table.createTHead().insertRow();
    for (const h of ["metric", "mean", "sd", "t", "folds b wins"]) head.append(el(doc, "th", h));
    const body = table.createTBody();
    for (const d of pairedDifferences(a, b)) {
      const tr = body.insertRow();
      for (const v of [
        d.metric,
        signed(d.mean),
        d.sd.toFixed(5),
        d.t === null ? "" : d.t.toFixed(2),
        `${d.bBetter}/${d.n}`
      ])
        tr.insertCell().textContent = v;
    }
    const scroll = scrollRegion(el(doc, "div", undefined, "movielab-scroll"), "Paired comparison over folds");
    scroll.append(table);
    box.append(p, scroll);
  }
  return box;
}

export class RunsPanel {
  readonly element: HTMLElement;
  private readonly doc: Document;
  private readonly records = new Map<string, RecommenderCvJson>();
  private readonly table: RunsTable;
  private readonly compareBox: HTMLElement;
  private readonly chartBox: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly tableBox: HTMLElement;
  private readonly message: HTMLElement;
  private selected: string[] = [];
  private width = 640;

  /** The panel over `runs` (newest first as given); `emptyText` is shown while there is none. */
  constructor(runs: readonly RecommenderCvJson[], options: {document?: Document; emptyText: string}) {
    const doc = (this.doc = options.document ?? document);
    this.element = el(doc, "div", undefined, "runs-panel");
    this.empty = el(doc, "p", options.emptyText, "runs-empty");
    const label = el(doc, "label", "Import runs (the Lab's export, JSON or CSV, or a record from runs/): ");
    const input = el(doc, "input");
    input.type = "file";
    input.name = "runs";
    input.accept = ".json,.csv,application/json,text/csv";
    input.multiple = true;
    label.append(input);
    input.addEventListener("change", () => void this.importFiles([...(input.files ?? [])]));
    this.message = el(doc, "div", undefined, "lab-error");
    this.message.setAttribute("role", "status");
    this.table = new RunsTable({
      document: doc,
      onSelect: (ids) => {
        this.selected = ids;
        this.render();
      },
      onDelete: (id) => {
        this.records.delete(id);
        this.render();
      }
    });
    const tableBox = (this.tableBox = scrollRegion(el(doc, "div", undefined, "movielab-scroll"), "Run records"));
    tableBox.append(this.table.element);
    this.compareBox = el(doc, "div");
    this.chartBox = el(doc, "div");
    this.element.append(this.empty, label, this.message, tableBox, this.compareBox, this.chartBox);
    this.add(runs);
  }

  /** Adds runs (a run already shown is replaced by the newer copy). */
  add(runs: readonly RecommenderCvJson[]): void {
    for (const r of runs) {
      this.records.set(r.id, r);
      this.table.addDone(r);
    }
    this.render();
  }

  /** Redraws the chart at this width (px). */
  setWidth(width: number): void {
    this.width = width;
    this.render();
  }

  private async importFiles(files: File[]): Promise<void> {
    this.message.textContent = "";
    for (const file of files) {
      try {
        this.add(parseRuns(await file.text(), file.name));
      } catch (e) {
        this.message.textContent = (e as Error).message;
      }
    }
  }

  private render(): void {
    const all = [...this.records.values()];
    this.empty.hidden = all.length > 0;
    this.tableBox.hidden = all.length === 0;
    const ticked = this.selected.map((id) => this.records.get(id)).filter((r) => r !== undefined);
    this.compareBox.replaceChildren();
    if (ticked.length >= 2) {
      const scroll = scrollRegion(el(this.doc, "div", undefined, "movielab-scroll"), "Runs side by side");
      scroll.append(CompareTable(ticked, this.doc));
      this.compareBox.append(scroll, PairedList(ticked, this.doc));
    } else if (all.length >= 2) {
      this.compareBox.append(el(this.doc, "p", "Tick two runs or more to compare them side by side and fold by fold."));
    }
    const shown = ticked.length > 0 ? ticked : all.slice(0, CHART_DEFAULT);
    this.chartBox.replaceChildren();
    if (shown.length > 0) {
      // The wrapper exists only with runs to draw: the page check requires every data-chart to render.
      const card = el(this.doc, "div", undefined, "card");
      card.dataset.chart = "run-folds";
      card.append(RunFolds(shown, {width: Math.max(280, this.width - 40), document: this.doc}));
      this.chartBox.append(card);
    }
  }
}
