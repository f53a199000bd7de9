/**
 * Observable Inputs as the pages use them, with the accessible names Inputs 0.12 leaves out. Pages
 * import this module as `Inputs` (`import * as Inputs from "./lib/ui/inputs.js"`), so every table and
 * slider gets the repairs without the page repeating them:
 * - `table`: a display table has no selection column (Inputs.table's checkboxes had no name, and the
 *   pages never read a selection); a selectable one names each checkbox; a table whose box scrolls is
 *   a named, focusable region, so a keyboard can scroll it (axe: label, scrollable-region-focusable).
 * - `range`: the slider is named by the input's label, as its number box already is (axe: label).
 * Every other input is Inputs' own: its label already names it.
 */
import * as Inputs from "@observablehq/inputs";
import {scrollRegion} from "./scroll-region.js";

export {button, checkbox, date, form, radio, search, select, text, textarea, toggle} from "@observablehq/inputs";

/** Options of Inputs.table, plus the name of the table's scrolling box. */
export interface TableOptions extends Inputs.TableOptions {
  /** What the table lists, e.g. "Movies below the threshold"; named from its columns when absent. */
  label?: string;
}

/** Inputs.table(data, options) without a selection column unless `select: true`, with accessible names. */
export function table(data: Iterable<object> | ArrayLike<object>, options: TableOptions = {}): HTMLFormElement {
  const {label, ...rest} = options;
  const form = Inputs.table(data, {select: false, ...rest});
  if (rest.select === true) nameSelection(form);
  const columns = rest.columns ?? [...form.querySelectorAll("thead th")].map((th) => th.getAttribute("title") ?? "");
  const name = label ?? `Table of ${columns.filter(Boolean).join(", ")}`;
  scrollRegion(form, name);
  return form;
}

/** Inputs.range(extent, options), with the slider named by the label (Inputs names the number box only). */
export function range(extent?: [number, number], options: Inputs.RangeOptions = {}): HTMLFormElement {
  const form = Inputs.range(extent, options);
  const name = form.querySelector("label")?.textContent?.trim() || options.ariaLabel;
  const slider = form.querySelector<HTMLInputElement>("input[type=range]");
  if (slider && name && !slider.hasAttribute("aria-label")) slider.setAttribute("aria-label", name);
  return form;
}

/**
 * Names the selection checkboxes ("Select row 3", "Select all rows"), also on the rows Inputs.table adds
 * while the reader scrolls or sorts. A checkbox's value is its row's index in the data.
 */
function nameSelection(form: HTMLFormElement): void {
  const name = (): void => {
    form.querySelector("thead input")?.setAttribute("aria-label", "Select all rows");
    for (const input of form.querySelectorAll<HTMLInputElement>("tbody input:not([aria-label])"))
      input.setAttribute("aria-label", `Select row ${Number(input.value) + 1}`);
  };
  name();
  const tbody = form.querySelector("tbody");
  const Observer = form.ownerDocument.defaultView?.MutationObserver;
  if (tbody && Observer) new Observer(name).observe(tbody, {childList: true});
}
