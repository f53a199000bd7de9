/** Heat map of PCA loadings: genres (rows) × components (columns), diverging colours around 0. */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {docOption, type ChartOptions} from "./chart-options.js";

export interface LoadingsData {
  genres: string[];
  /** Row-major nComponents × genres. */
  loadings: number[];
  nComponents: number;
}

/** One cell per (genre, component), labelled with the loading to two decimals; symmetric colour domain. */
export function LoadingsHeatmap(data: LoadingsData, options: ChartOptions = {}): SVGSVGElement | HTMLElement {
  const G = data.genres.length;
  const cells: {genre: string; pc: string; loading: number}[] = [];
  let max = 0;
  for (let c = 0; c < data.nComponents; c++) {
    for (let g = 0; g < G; g++) {
      const loading = data.loadings[c * G + g];
      cells.push({genre: data.genres[g], pc: `PC${c + 1}`, loading});
      max = Math.max(max, Math.abs(loading));
    }
  }
  const width = Math.min(options.width ?? 640, 160 + 90 * data.nComponents);
  // Dark cells (|loading| near the maximum) get white text.
  const ink = (d: {loading: number}) => (max > 0 && Math.abs(d.loading) / max > 0.6 ? "white" : "black");
  return plot({
    ...docOption(options),
    width,
    height: options.height ?? 40 + 22 * G,
    marginLeft: 100,
    ariaLabel: `Loadings of ${G} genres on ${data.nComponents} principal components (covariance of each genre flag with the component score)`,
    x: {
      label: null,
      axis: "top",
      domain: cells
        .slice(0, data.nComponents * G)
        .filter((_, i) => i % G === 0)
        .map((d) => d.pc)
    },
    y: {label: null, domain: data.genres},
    color: {type: "diverging", scheme: "RdBu", domain: [-max || -1, max || 1], legend: true, label: "Loading"},
    marks: [
      Plot.cell(cells, {
        x: "pc",
        y: "genre",
        fill: "loading",
        inset: 0.5,
        tip: {format: {fill: (v: number) => v.toFixed(3)}}
      }),
      Plot.text(cells, {
        x: "pc",
        y: "genre",
        text: (d: {loading: number}) => fixed2(d.loading),
        fontSize: 10,
        fill: {value: ink, scale: null}
      })
    ]
  });
}

/** Two decimals without a negative zero ("-0.00" reads as a sign that is not there). */
function fixed2(x: number): string {
  const t = x.toFixed(2);
  return t === "-0.00" ? "0.00" : t;
}
