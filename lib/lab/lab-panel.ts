/**
 * The Lab's run panel: the model choice `select[name=model]` (every model of the registry), its
 * parameter inputs (param-form.ts), the protocol (k-fold, hold-out, and ml-100k's official folds when
 * the data have them), the seed, and the run button `[data-action=run]`. A run goes to the worker pool;
 * its row in the leaderboard (runs-table.ts) shows progress, the mean of the folds done, and a cancel
 * button; a finished run becomes a run record (the one `movielab cv --json` prints), kept in the run
 * store, and shown in the per-fold chart. Runs can be compared side by side, exported as JSON or CSV,
 * and imported (the CLI's JSON included). `.lab-announce` (a polite live region under the run button)
 * says when a run starts and how it ended, so that a keyboard or screen-reader user hears the outcome.
 */
import {defaultMetrics, type FoldScore, type MetricFamily} from "../eval/cross-validate.js";
import {MODELS, modelNames} from "../models/registry.js";
import {cvToJson, type RecommenderCvJson} from "../reports/cv-result.js";
import {CompareTable} from "./compare.js";
import {FoldChart} from "./fold-chart.js";
import {ParamForm} from "./param-form.js";
import {checkProtocol, recordProtocolName, type LabProtocol} from "./protocol.js";
import type {LabData} from "./read-upload.js";
import {parseRuns, runsToCsv, runsToJson} from "./run-io.js";
import type {RunStore} from "./run-store.js";
import {useLabStyles} from "./lab-styles.js";
import {recordMetric, RunsTable} from "./runs-table.js";
import {scrollRegion} from "../ui/scroll-region.js";
import type {CvWorkerPool} from "./worker-pool.js";

export interface LabPanelOptions {
  pool: CvWorkerPool;
  store: RunStore;
  document?: Document;
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {}
) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) (e as unknown as Record<string, unknown>)[k] = v;
  return e;
}

function labelled(doc: Document, text: string, input: HTMLElement): HTMLLabelElement {
  const label = el(doc, "label", {className: "lab-field"});
  label.style.cssText = "display:inline-block;margin:0 1rem 0.5rem 0;";
  label.append(`${text} `, input);
  return label;
}

/** Offers text as a file download. */
function download(doc: Document, text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = el(doc, "a", {href: url, download: name});
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A finished run's first metric for the announcement: "RMSE 0.9412", else accuracy, else nDCG@10. */
function headline(r: RecommenderCvJson): string {
  for (const [metric, label] of [
    ["rmse", "RMSE"],
    ["accuracy", "accuracy"],
    ["ndcg@10", "nDCG@10"]
  ] as const) {
    const x = recordMetric(r, metric);
    if (x !== undefined) return `${label} ${x.toFixed(4)}`;
  }
  return "no metric";
}

export class LabPanel {
  readonly element: HTMLElement;
  private data: LabData | null = null;
  private records: RecommenderCvJson[] = [];
  private readonly table: RunsTable;
  private readonly doc: Document;
  private form: ReturnType<typeof ParamForm>;
  private readonly model: HTMLSelectElement;
  private readonly protocol: HTMLSelectElement;
  private readonly k: HTMLInputElement;
  private readonly seed: HTMLInputElement;
  private readonly ranking: HTMLInputElement;
  private readonly run: HTMLButtonElement;
  private readonly message: HTMLElement;
  private readonly announce: HTMLElement;
  private readonly paramsBox: HTMLElement;
  private readonly compareBox: HTMLElement;
  private readonly chartBox: HTMLElement;
  /** Ready when the kept runs are shown. */
  readonly ready: Promise<void>;

  constructor(private readonly options: LabPanelOptions) {
    const doc = (this.doc = options.document ?? document);
    useLabStyles(doc);
    this.element = el(doc, "div", {className: "lab-panel"});
    this.model = el(doc, "select", {name: "model"});
    for (const task of ["rating", "ranking"] as const) {
      const group = el(doc, "optgroup", {label: task === "rating" ? "rating models" : "ranking models (top-N)"});
      for (const name of modelNames(task)) group.append(new Option(`${name} — ${MODELS[name].label}`, name));
      this.model.append(group);
    }
    this.model.value = "mf";
    this.protocol = el(doc, "select", {name: "protocol"});
    this.protocol.append(
      new Option("k-fold", "k-fold"),
      new Option("hold-out (20% test)", "hold-out"),
      new Option("official u1–u5", "official"),
      new Option("temporal: train before the 80% time cut", "temporal-global"),
      new Option("temporal: each user's last 5 ratings (5 user folds)", "temporal-user")
    );
    this.k = el(doc, "input", {type: "number", name: "folds", min: "2", max: "10", step: "1", value: "5"});
    this.k.style.width = "4em";
    this.seed = el(doc, "input", {type: "number", name: "seed", step: "1", value: "42"});
    this.seed.style.width = "6em";
    this.ranking = el(doc, "input", {type: "checkbox", name: "ranking"});
    this.run = el(doc, "button", {textContent: "Run cross-validation", disabled: true});
    this.run.dataset.action = "run";
    this.message = el(doc, "div", {className: "lab-error"});
    this.message.setAttribute("role", "alert");
    this.announce = el(doc, "div", {className: "lab-announce"});
    this.announce.setAttribute("role", "status");
    this.paramsBox = el(doc, "details", {className: "lab-params-box", open: true});
    this.form = ParamForm(MODELS.mf, doc);
    this.showParams();
    this.model.addEventListener("change", () => {
      this.form = ParamForm(MODELS[this.model.value], doc);
      this.showParams();
    });
    const controls = el(doc, "div");
    controls.append(
      labelled(doc, "Model", this.model),
      labelled(doc, "Protocol", this.protocol),
      labelled(doc, "folds", this.k),
      labelled(doc, "Seed", this.seed),
      labelled(doc, "also nDCG@10 (top-N)", this.ranking)
    );
    this.table = new RunsTable({
      document: doc,
      onSelect: (ids) => this.showCompare(ids),
      onDelete: (id) => {
        this.records = this.records.filter((r) => r.id !== id);
        void options.store.delete(id);
        this.showChart();
        // The last row went with focus on its Delete button: the run button is where to go on.
        if (doc.activeElement === null || doc.activeElement === doc.body) this.run.focus();
      }
    });
    const io = el(doc, "div", {className: "lab-io"});
    const exportJson = el(doc, "button", {textContent: "Export JSON"});
    exportJson.dataset.action = "export-json";
    exportJson.addEventListener("click", () =>
      download(doc, runsToJson(this.records), "movielab-runs.json", "application/json")
    );
    const exportCsv = el(doc, "button", {textContent: "Export CSV"});
    exportCsv.dataset.action = "export-csv";
    exportCsv.addEventListener("click", () => download(doc, runsToCsv(this.records), "movielab-runs.csv", "text/csv"));
    const importRuns = el(doc, "input", {type: "file", name: "runs", accept: ".json,.csv"});
    importRuns.addEventListener("change", () => void this.importFiles([...(importRuns.files ?? [])]));
    io.append(
      exportJson,
      " ",
      exportCsv,
      " ",
      labelled(doc, "Import runs (JSON, CSV, or `movielab cv --json`)", importRuns)
    );
    // Both tables grow a column per metric or run: on a phone they scroll in their own box, not the page.
    this.compareBox = scrollRegion(el(doc, "div", {className: "lab-compare-box movielab-scroll"}), "Runs compared");
    const tableBox = scrollRegion(el(doc, "div", {className: "movielab-scroll"}), "Runs of this session");
    tableBox.append(this.table.element);
    this.chartBox = el(doc, "div", {className: "lab-chart-box"});
    this.run.addEventListener("click", () => this.start());
    this.element.append(
      controls,
      this.paramsBox,
      this.run,
      this.announce,
      this.message,
      tableBox,
      io,
      this.chartBox,
      this.compareBox
    );
    this.ready = options.store.list().then((runs) => {
      for (const r of runs) this.show(r);
      this.showChart();
    });
    this.setData(null);
  }

  /** The data the next runs use (null: none yet; the run button waits). */
  setData(data: LabData | null): void {
    this.data = data;
    this.run.disabled = data === null;
    // The workers get the set now, so that runs start at once and copy nothing while they train.
    if (data !== null) this.options.pool.warm(data.dataset, data.official);
    const official = this.protocol.querySelector<HTMLOptionElement>("option[value=official]")!;
    official.disabled = data?.official == null;
    if (data?.official) this.protocol.value = "official";
    else if (this.protocol.value === "official") this.protocol.value = "k-fold";
  }

  private showParams(): void {
    const m = MODELS[this.model.value];
    const summary = el(this.doc, "summary", {textContent: `Parameters of ${m.name}: ${m.description}`});
    this.paramsBox.replaceChildren(summary, this.form.element);
  }

  private show(record: RecommenderCvJson): void {
    this.records = [...this.records.filter((r) => r.id !== record.id), record];
    this.table.addDone(record);
  }

  private showChart(): void {
    this.chartBox.replaceChildren(...(this.records.length > 0 ? [FoldChart(this.records, {document: this.doc})] : []));
  }

  private showCompare(ids: string[]): void {
    const runs = ids.map((id) => this.records.find((r) => r.id === id)).filter((r) => r !== undefined);
    this.compareBox.replaceChildren(...(runs.length >= 2 ? [CompareTable(runs, this.doc)] : []));
  }

  private async importFiles(files: File[]): Promise<void> {
    this.message.textContent = "";
    try {
      for (const f of files) {
        for (const r of parseRuns(await f.text(), f.name)) {
          await this.options.store.put(r);
          this.show(r);
        }
      }
      this.showChart();
    } catch (e) {
      this.message.textContent = (e as Error).message;
    }
  }

  private protocolOf(data: LabData): LabProtocol {
    const kind = this.protocol.value;
    if (kind === "official" && data.official) return {kind: "official", folds: data.official};
    if (kind === "hold-out") return {kind: "hold-out", testFraction: 0.2};
    if (kind === "temporal-global" || kind === "temporal-user") return {kind};
    return {kind: "k-fold", k: Number(this.k.value)};
  }

  /** Starts a run of the chosen model on the current data; problems are shown, not thrown. */
  start(): void {
    const data = this.data;
    if (data === null) return;
    this.message.textContent = "";
    const model = MODELS[this.model.value];
    let changed: Record<string, unknown>;
    let protocol: LabProtocol;
    const seed = Number(this.seed.value);
    try {
      changed = this.form.read();
      protocol = this.protocolOf(data);
      checkProtocol(protocol, data.dataset.ratings.rating.length);
      if (!Number.isInteger(seed)) throw new RangeError(`seed: got "${this.seed.value}", expected an integer`);
    } catch (e) {
      this.message.textContent = (e as Error).message;
      return;
    }
    const params = {...changed, ...("seed" in model.params ? {seed} : {})};
    const metrics: MetricFamily[] =
      model.task === "ranking"
        ? ["ranking"]
        : [...defaultMetrics(model), ...(this.ranking.checked ? (["ranking"] as const) : [])];
    const label = {
      id: `lab-running-${performance.now().toFixed(3)}`,
      model: model.name,
      dataset: data.dataset.name,
      protocol: recordProtocolName(protocol),
      seed,
      changed
    };
    const t0 = performance.now();
    const scores: FoldScore[] = [];
    const pool = this.options.pool.run(
      {dataset: data.dataset, official: data.official, model: model.name, params, protocol, seed, metrics, ks: [10]},
      {
        onProgress: (f) => row.progress(f),
        onFold: (score) => {
          scores.push(score);
          row.fold(scores);
        }
      }
    );
    const row = this.table.addRunning(label, () => pool.cancel());
    const name = `${model.name}, ${label.protocol}`;
    this.announce.textContent = `${name}: running…`;
    pool.result.then(
      async (summary) => {
        const record = cvToJson(summary, {
          source: "lab",
          dataset: data.dataset.name,
          fingerprint: data.fingerprint,
          n_ratings: data.dataset.ratings.rating.length,
          model: model.name,
          description: model.description,
          protocol: recordProtocolName(protocol),
          seed,
          params: {...(model.defaults as Record<string, unknown>), ...params},
          wall_seconds: (performance.now() - t0) / 1000
        });
        row.done(record);
        this.announce.textContent = `${name}: done; ${headline(record)}.`;
        this.records.push(record);
        await this.options.store.put(record);
        // The chart (Plot, tens of ms) is drawn in its own task once the run has ended.
        setTimeout(() => this.showChart(), 0);
      },
      (e: Error) => {
        if (e.name === "AbortError") row.cancelled();
        else row.failed(e.message);
        this.announce.textContent = e.name === "AbortError" ? `${name}: cancelled.` : `${name}: failed: ${e.message}`;
      }
    );
  }
}
