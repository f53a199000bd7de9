/**
 * A "Download CSV" link for a table shown on a page: the CSV is built in the browser and offered
 * through a Blob URL, so nothing is fetched from a server.
 */

/** A table cell value; null/undefined/NaN become empty fields. */
export type CsvValue = string | number | boolean | Date | null | undefined;

/** One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF; dates as ISO strings. */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) return "";
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text (CRLF line ends, header row first) of rows, for the given columns or the first row's keys. */
export function toCsv(rows: readonly Record<string, CsvValue>[], columns?: readonly string[]): string {
  const cols = columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  const lines = [cols.map(csvField).join(",")];
  for (const row of rows) lines.push(cols.map((c) => csvField(row[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}

export interface DownloadCsvOptions {
  /** File name offered to the browser (default "table.csv"). */
  filename?: string;
  /** Link text (default "Download CSV"). */
  label?: string;
  /** Columns in order (default: the first row's keys). */
  columns?: readonly string[];
  /** Document to build in (tests); the page's document by default. */
  document?: Document;
}

/**
 * A link that downloads rows as CSV. The Blob URL is made when clicked and revoked right after,
 * so a page that re-renders the button often does not leak memory.
 */
export function DownloadCsv(
  rows: readonly Record<string, CsvValue>[],
  options: DownloadCsvOptions = {}
): HTMLAnchorElement {
  const doc = options.document ?? document;
  const a = doc.createElement("a");
  const filename = options.filename ?? "table.csv";
  a.textContent = `${options.label ?? "Download CSV"} (${rows.length.toLocaleString("en-US")} rows)`;
  a.className = "movielab-download-csv";
  a.download = filename;
  a.href = "#";
  a.setAttribute("role", "button");
  a.style.cssText = "display: inline-block; margin: 0.25rem 0 1rem; font: 13px var(--sans-serif); cursor: pointer;";
  a.addEventListener("click", (event) => {
    const win = doc.defaultView;
    if (!win) return;
    event.preventDefault();
    const url = win.URL.createObjectURL(new win.Blob([toCsv(rows, options.columns)], {type: "text/csv;charset=utf-8"}));
    const link = doc.createElement("a");
    link.href = url;
    link.download = filename;
    doc.body.append(link);
    link.click();
    link.remove();
    win.setTimeout(() => win.URL.revokeObjectURL(url), 0);
  });
  return a;
}
