/** Options every movielab chart accepts, in the style of Observable Plot's own. */

export interface ChartOptions {
  /** Width in pixels (pass Framework's `width` or resize()'s width). */
  width?: number;
  /** Height in pixels; each chart has a sensible default. */
  height?: number;
  /** Document to build the SVG in (jsdom in tests); the page's document by default. */
  document?: Document;
  /** Main mark colour; defaults to the theme's focus colour so light and dark themes both read well. */
  color?: string;
}

/** The theme's focus colour, with a fallback outside Framework. */
export const FOCUS = "var(--theme-foreground-focus, #4269d0)";
/** Red for "wrong" data points; readable on light and dark backgrounds. */
export const ALERT = "#e4572e";

/** Plot's `document` option only when one is given (Plot rejects an explicit undefined in some versions). */
export function docOption(options: ChartOptions): {document?: Document} {
  return options.document ? {document: options.document} : {};
}

/** Plot's document, width (default 640 px) and height (default `defaultHeight` px) from the chart options. */
export function chartFrame(
  options: ChartOptions,
  defaultHeight: number
): {document?: Document; width: number; height: number} {
  return {...docOption(options), width: options.width ?? 640, height: options.height ?? defaultHeight};
}

/** Average width of a character of the 10 px axis font, in px (Plot's labels are system-ui at 10 px). */
const CHAR_PX = 6.2;

/**
 * A left margin that fits the longest band label, but at most `share` of the chart's width (more of a
 * phone's, where names matter more than the bars' room), and the
 * axis `lineWidth` (in ems) past which Plot shortens a label with an ellipsis, so that on a phone
 * long labels are shortened instead of cut off at the svg's edge.
 */
export function labelMargin(
  labels: readonly string[],
  width: number,
  share = width < 480 ? 0.55 : 0.45
): {marginLeft: number; lineWidth: number} {
  const longest = labels.reduce((n, l) => Math.max(n, l.length), 0);
  const cap = Math.max(60, width * share);
  const needed = longest * CHAR_PX + 12;
  const marginLeft = Math.round(Math.min(needed, cap));
  // lineWidth is in ems of the 10 px font, by Plot's own width estimate (Helvetica's, narrower than
  // the fonts browsers fall back to, hence the slack): only when the cap bites.
  return {marginLeft, lineWidth: needed <= cap ? Infinity : ((marginLeft - 12) / 10) * 0.85};
}
