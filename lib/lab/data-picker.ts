/**
 * The Lab's data choice: a file input `input[type=file][name=dataset]` (a GroupLens zip, or the files
 * themselves: u.data…, ratings.dat…, ratings.csv + movies.csv), a drop zone, and a button for the
 * seeded synthetic set (and, in the preview, one for the workbench's own set). Files are read in a Web
 * Worker when `readerUrl` names lib/workers/read-upload.js (lib/lab/read-in-worker.ts), else in the page,
 * with the same code (lib/lab/read-upload.ts); the status line's `data-reader` says which. A bad file
 * shows the readers' message (file, line, field, expected) in `.lab-error[role=alert]`, never only in
 * the console; the status line `.lab-data-status` is a polite
 * live region, so that "Reading…" and the set read are announced. Behaves as an Observable input: `value` is
 * the LabData read last (null before), announced with an "input" event.
 */
import {useLabStyles} from "./lab-styles.js";
import {readFiles} from "./read-in-worker.js";
import {syntheticLabData, type LabData} from "./read-upload.js";

export type DataPickerElement = HTMLElement & {value: LabData | null};

export interface DataPickerOptions {
  document?: Document;
  /** The workbench's own set (the preview only): loaded at once, and offered as a button. */
  workbench?: () => Promise<LabData>;
  /** URL of the file-reading worker module (lib/workers/read-upload.js); without it files are read in the page. */
  readerUrl?: string;
}

/** Describes a set for the status line. */
export function describeLabData(d: LabData): string {
  const removed = d.report.rules.reduce((s, r) => s + r.removed, 0);
  return (
    `${d.dataset.name}: ${d.dataset.ratings.rating.length.toLocaleString("en-US")} ratings, ` +
    `${d.dataset.userIds.length.toLocaleString("en-US")} users, ${d.dataset.movies.id.length.toLocaleString("en-US")} movies` +
    `${removed > 0 ? `, ${removed.toLocaleString("en-US")} removed by cleaning` : ""}` +
    `${d.official ? ", official folds u1–u5" : ""}; read in ${d.seconds.toFixed(2)} s`
  );
}

export function DataPicker(options: DataPickerOptions = {}): DataPickerElement {
  const doc = options.document ?? document;
  useLabStyles(doc);
  const root = doc.createElement("div") as unknown as DataPickerElement;
  root.className = "lab-data";
  root.value = null;
  const zone = doc.createElement("label");
  zone.className = "lab-drop";
  zone.style.cssText =
    "display:block;border:2px dashed var(--theme-foreground-faint,#aaa);border-radius:8px;padding:1rem;margin:0.5rem 0;cursor:pointer;";
  const input = doc.createElement("input");
  input.type = "file";
  input.name = "dataset";
  input.multiple = true;
  input.accept = ".zip,.data,.item,.user,.genre,.occupation,.base,.test,.dat,.csv";
  const hint = doc.createElement("span");
  hint.textContent =
    " Choose or drop a GroupLens zip, or its files (u.data + u.item…, ratings.dat + movies.dat…, ratings.csv + movies.csv).";
  zone.append(input, hint);
  const buttons = doc.createElement("div");
  const synth = doc.createElement("button");
  synth.textContent = "Use the synthetic set";
  synth.dataset.action = "synthetic";
  buttons.append(synth);
  if (options.workbench) {
    const own = doc.createElement("button");
    own.textContent = "Use the workbench's data set";
    own.dataset.action = "workbench";
    own.style.marginLeft = "0.5rem";
    own.addEventListener("click", () => void load(options.workbench!));
    buttons.append(own);
  }
  const status = doc.createElement("div");
  status.className = "lab-data-status";
  status.setAttribute("role", "status");
  status.dataset.state = "empty";
  status.textContent = "No data yet.";
  const error = doc.createElement("div");
  error.className = "lab-error";
  error.setAttribute("role", "alert");
  error.style.whiteSpace = "pre-wrap";
  root.append(zone, buttons, status, error);

  async function load(read: () => Promise<LabData>): Promise<void> {
    status.dataset.state = "reading";
    status.textContent = "Reading…";
    error.textContent = "";
    // Let the status line paint before the work starts.
    await new Promise((r) => setTimeout(r, 0));
    try {
      const data = await read();
      root.value = data;
      status.dataset.state = "ready";
      status.textContent = describeLabData(data);
      root.dispatchEvent(new Event("input", {bubbles: true}));
    } catch (e) {
      status.dataset.state = "error";
      status.textContent = root.value ? `Still using ${root.value.dataset.name}.` : "No data yet.";
      error.textContent = (e as Error).message;
    }
  }

  /** Reads chosen or dropped files, in the worker when there is one; the status line records where. */
  const readChosen = (files: File[]) =>
    load(async () => {
      const {data, place} = await readFiles(files, options.readerUrl);
      status.dataset.reader = place;
      return data;
    });
  input.addEventListener("change", () => {
    if (input.files && input.files.length > 0) void readChosen([...input.files]);
  });
  zone.addEventListener("dragover", (e) => e.preventDefault());
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    const files = e.dataTransfer?.files;
    if (files && files.length > 0) void readChosen([...files]);
  });
  synth.addEventListener("click", () => void load(syntheticLabData));
  if (options.workbench) void load(options.workbench);
  return root;
}
