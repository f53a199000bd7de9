// Renders chart components in jsdom, as Observable Plot's own tests do: a fresh JSDOM document passed
// to Plot through the `document` option, no browser globals needed.
import {JSDOM} from "jsdom";

/**
 * A fresh jsdom document. jsdom has no canvas, which Plot's continuous colour legends draw their ramp on:
 * a stub 2D context that draws nothing and a fixed data URL keep those legends (and snapshots) deterministic.
 */
export function jsdomDocument(): Document {
  const {window} = new JSDOM("");
  const proto = window.HTMLCanvasElement.prototype as unknown as {getContext: () => unknown; toDataURL: () => string};
  proto.getContext = () => ({fillStyle: "", fillRect: () => {}, clearRect: () => {}});
  proto.toDataURL = () => "data:image/png;base64,STUB";
  return window.document;
}

/** The plot's own <svg>: the element itself, or the last direct svg child of Plot's <figure> (legends come first). */
export function plotSvg(el: Element): Element {
  if (el.tagName.toLowerCase() === "svg") return el;
  const svg = [...el.children].reverse().find((c) => c.tagName.toLowerCase() === "svg");
  if (!svg) throw new Error(`no plot svg in <${el.tagName.toLowerCase()}>`);
  return svg;
}

/** Count of elements matching a selector inside a chart. */
export function count(el: Element, selector: string): number {
  return el.querySelectorAll(selector).length;
}

/** The mark group of a chart by its aria-label (Plot labels each mark's <g>, e.g. "bar", "dot", "cell"). */
export function mark(el: Element, label: string): Element | null {
  return el.querySelector(`g[aria-label="${label}"]`);
}
