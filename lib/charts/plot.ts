/**
 * Observable Plot's `plot()` with the accessibility Plot leaves out, used by every movielab chart. Plot
 * names its svg (`ariaLabel`) but gives it no role, and puts `aria-label` on each mark's and axis's
 * `<g>` (or on the one `<rect>` of a frame), which has no role that may be named (axe:
 * aria-prohibited-attr). Here the svg becomes an image with the required text alternative, each
 * labelled `<g>` a group and each other labelled shape an image, so their labels stay valid.
 */
import * as Plot from "@observablehq/plot";

/** Plot's options with the text alternative required: what the chart shows, in one sentence. */
export type AccessiblePlotOptions = Plot.PlotOptions & {ariaLabel: string; ariaDescription?: string};

/** Plot.plot(options), with role="img" on the chart's svg and a role on each labelled element inside. */
export function plot(options: AccessiblePlotOptions): SVGSVGElement | HTMLElement {
  if (!options.ariaLabel?.trim()) throw new Error("plot: ariaLabel (the chart's text alternative) is required");
  return accessibleChart(Plot.plot(options));
}

/** Gives a Plot chart (an svg, or a figure holding legends and the svg) its roles, in place; returns it. */
export function accessibleChart<T extends Element>(chart: T): T {
  const svgs = chart.tagName.toLowerCase() === "svg" ? [chart] : [...chart.querySelectorAll("svg")];
  for (const svg of svgs) {
    // Plot's own svg carries the label; a legend's svg keeps its own text, read as it is.
    if (svg.hasAttribute("aria-label")) svg.setAttribute("role", "img");
    // A mark of one element (a frame's <rect>, a single line's <path>) carries its label itself.
    for (const el of svg.querySelectorAll("[aria-label]:not([role])"))
      el.setAttribute("role", el.tagName.toLowerCase() === "g" ? "group" : "img");
  }
  return chart;
}
