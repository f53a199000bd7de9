/**
 * What a page ran on when its loader's budget cut the data set (lib/reports/budgets.ts): one
 * Framework note callout naming the sample and why, or nothing when the whole set was used.
 */
import type {SampleNote as Note} from "../data/sample.js";

/** The class on the callout, for the page checks. */
export const SAMPLE_NOTE_CLASS = "movielab-sample-note";

/** A note callout "Sampled: …, because …" (what, e.g. "These models ran on"), or null when nothing was sampled. */
export function SampleNote(
  sample: (Note & {why: string | null}) | null | undefined,
  what = "The figures below were computed on",
  doc: Document = document
): HTMLElement | null {
  if (sample == null || sample.kind === "all") return null;
  const el = doc.createElement("div");
  el.classList.add(SAMPLE_NOTE_CLASS, "note");
  el.setAttribute("label", "Sampled to fit the build's budget");
  el.dataset.sampleKind = sample.kind;
  const p = doc.createElement("p");
  const b = doc.createElement("b");
  b.textContent = sample.text;
  p.append(`${what} `, b, sample.why ? `, because ${sample.why}. ` : ". ");
  p.append(
    "The sample is seeded, so the same data give the same figures; run the CLI (",
    code(doc, "movielab cv"),
    ", ",
    code(doc, "movielab rank"),
    ") for the whole set."
  );
  el.append(p);
  return el;
}

function code(doc: Document, text: string): HTMLElement {
  const c = doc.createElement("code");
  c.textContent = text;
  return c;
}
