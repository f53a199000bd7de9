/** The class probabilities of one prediction as a small horizontal bar chart in plain SVG. */
import type {ClassProbability} from "../serving/types.js";
import {s} from "./dom.js";

export interface BarsOptions {
  /** Chart width in CSS pixels (default 260). */
  width?: number;
  /** Height of one bar row in CSS pixels (default 18). */
  rowHeight?: number;
  /** Formats a rating class for its label (default "4★"). */
  formatValue?: (value: number) => string;
}

/** Formats a probability 0..1 as a percentage with one decimal below 10 %. */
export function formatPercent(p: number): string {
  const pct = p * 100;
  return `${pct < 10 ? pct.toFixed(1) : pct.toFixed(0)}%`;
}

/** An SVG (role img, labelled with every class's probability) with one bar per rating class, highest first. */
export function probabilityBars(
  doc: Document,
  probabilities: readonly ClassProbability[],
  options: BarsOptions = {}
): SVGElement {
  const width = options.width ?? 260;
  const row = options.rowHeight ?? 18;
  const fmt = options.formatValue ?? ((v: number) => `${v}★`);
  const labelW = 44;
  const valueW = 48;
  const barMax = width - labelW - valueW;
  const sorted = [...probabilities].sort((a, b) => b.value - a.value);
  const top = probabilities.reduce((best, c) => (c.p > best.p ? c : best), probabilities[0]);
  const summary = `Class probabilities: ${sorted.map((c) => `${fmt(c.value)} ${formatPercent(c.p)}`).join(", ")}`;
  const svg = s(doc, "svg", {
    class: "mlp-bars",
    width,
    height: sorted.length * row,
    viewBox: `0 0 ${width} ${sorted.length * row}`,
    role: "img",
    "aria-label": summary
  });
  svg.appendChild(s(doc, "title", {}, summary));
  sorted.forEach((c, i) => {
    const y = i * row;
    const w = Math.max(0, Math.min(1, c.p)) * barMax;
    svg.appendChild(s(doc, "text", {x: labelW - 6, y: y + row * 0.7, "text-anchor": "end"}, fmt(c.value)));
    svg.appendChild(s(doc, "rect", {class: "mlp-track", x: labelW, y: y + 3, width: barMax, height: row - 6, rx: 2}));
    svg.appendChild(
      s(doc, "rect", {
        class: c === top ? "mlp-bar mlp-bar-top" : "mlp-bar",
        x: labelW,
        y: y + 3,
        width: w.toFixed(1),
        height: row - 6,
        rx: 2
      })
    );
    svg.appendChild(s(doc, "text", {x: labelW + barMax + 6, y: y + row * 0.7}, formatPercent(c.p)));
  });
  return svg;
}
