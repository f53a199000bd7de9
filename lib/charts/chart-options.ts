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
