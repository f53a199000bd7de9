/**
 * The retrain control of the Training page: a button that starts a run in the training worker, a
 * progress bar, a cancel button and a status line. It counts the animation frames the page draws
 * during the run — proof that training does not block the main thread. It behaves as an Observable
 * input: `value` is the latest finished (or cancelled) run's result, announced with an "input" event.
 */
import type {RetrainParams, RetrainResult} from "../workers/train-classifier.js";
import type {RetrainProgress, RetrainRun} from "./training-worker.js";

/** What the panel needs of the worker client (TrainingWorkerClient, or a fake in tests). */
export interface RetrainClient {
  train(params: RetrainParams, onProgress: (p: RetrainProgress) => void): RetrainRun;
}

export interface RetrainPanelOptions {
  client: RetrainClient;
  /** Read when the button is pressed: the page's current inputs. */
  getParams: () => RetrainParams;
  document?: Document;
  /** Frame scheduler for the responsiveness counter (default requestAnimationFrame; none in jsdom). */
  requestFrame?: (callback: () => void) => unknown;
}

/** Panel state, mirrored in the element's data-state attribute. */
export type RetrainState = "idle" | "running" | "cancelling" | "done" | "cancelled" | "error";

export type RetrainPanelElement = HTMLElement & {value: RetrainResult | null};

/** Builds the panel; see the module comment for its behaviour. */
export function RetrainPanel(options: RetrainPanelOptions): RetrainPanelElement {
  const doc = options.document ?? document;
  const frame =
    options.requestFrame ??
    (typeof requestAnimationFrame === "function" ? (cb: () => void) => requestAnimationFrame(cb) : null);
  const root = doc.createElement("div") as unknown as RetrainPanelElement;
  root.className = "movielab-retrain";
  root.value = null;
  const start = button(doc, "Retrain in a Web Worker", "movielab-retrain-start");
  const cancel = button(doc, "Cancel", "movielab-retrain-cancel");
  cancel.disabled = true;
  const progress = doc.createElement("progress");
  progress.max = 1;
  progress.value = 0;
  progress.style.cssText = "width: 240px; vertical-align: middle; margin: 0 0.5rem;";
  const status = doc.createElement("span");
  status.className = "movielab-retrain-status";
  status.style.cssText = "font: 13px var(--sans-serif); margin-left: 0.5rem;";
  const line = doc.createElement("div");
  line.append(start, progress, cancel, status);
  root.append(line);
  setState("idle", "Not run yet: choose parameters and press the button.");

  let frames = 0;
  let run: RetrainRun | null = null;

  function setState(state: RetrainState, text: string): void {
    root.dataset.state = state;
    status.textContent = text;
    status.style.color = state === "error" ? "var(--theme-red, #e4572e)" : "";
  }

  function countFrames(token: RetrainRun): void {
    if (!frame) return;
    const tick = () => {
      if (run !== token) return;
      frames++;
      root.dataset.frames = String(frames);
      frame(tick);
    };
    frame(tick);
  }

  start.addEventListener("click", () => {
    if (run !== null) return;
    let params: RetrainParams;
    try {
      params = options.getParams();
      run = options.client.train(params, (p) => {
        progress.max = p.rounds;
        progress.value = p.round;
        if (root.dataset.state === "running") {
          setState(
            "running",
            `Round ${p.round} of ${p.rounds}: validation log loss ${p.validLoss.toFixed(4)} · ${frames} frames drawn meanwhile`
          );
        }
      });
    } catch (e) {
      setState("error", (e as Error).message);
      return;
    }
    const current = run;
    frames = 0;
    root.dataset.frames = "0";
    progress.max = params.n_estimators;
    progress.value = 0;
    start.disabled = true;
    cancel.disabled = false;
    setState("running", `Training on ${params.sampleSize.toLocaleString("en-US")} rows…`);
    countFrames(current);
    current.result
      .then(
        (result) => {
          const cancelled = result.stopReason === "cancelled";
          setState(
            cancelled ? "cancelled" : "done",
            `${cancelled ? "Cancelled after" : "Done:"} ${result.rounds} rounds in ${result.seconds.toFixed(1)} s; validation accuracy ${(100 * result.validAccuracy).toFixed(1)}%; the page drew ${frames} frames meanwhile.`
          );
          root.value = result;
          root.dispatchEvent(new (doc.defaultView ?? globalThis).Event("input", {bubbles: true}));
        },
        (e: Error) => setState("error", e.message)
      )
      .finally(() => {
        run = null;
        start.disabled = false;
        cancel.disabled = true;
      });
  });

  cancel.addEventListener("click", () => {
    if (run === null) return;
    cancel.disabled = true;
    setState("cancelling", "Cancelling after the current round…");
    run.cancel();
  });
  return root;
}

function button(doc: Document, label: string, className: string): HTMLButtonElement {
  const b = doc.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.className = className;
  return b;
}
