/** Where in which file a value was wrong, and what was expected there. */
export interface DataErrorDetails {
  /** File name as given to the reader (e.g. "ml-100k/u.data"). */
  file: string;
  /** 1-based line number, absent for whole-file problems (missing, empty). */
  line?: number;
  /** Field name (e.g. "rating", "release date"). */
  field?: string;
  /** The offending value, as text (truncated to 80 characters). */
  value?: string;
  /** What was expected instead, in words. */
  expected: string;
}

/** The only error a reader throws for bad input: it names the file, line, field, value and expectation. */
export class DataError extends Error {
  readonly details: DataErrorDetails;
  constructor(details: DataErrorDetails) {
    super(formatDataError(details));
    this.name = "DataError";
    this.details = details;
  }
}

/** One-line message: `u.data line 3, field "rating": got "7", expected an integer from 1 to 5`. */
export function formatDataError(d: DataErrorDetails): string {
  let where = d.file;
  if (d.line !== undefined) where += ` line ${d.line}`;
  if (d.field !== undefined) where += `, field "${d.field}"`;
  const got = d.value !== undefined ? `got "${truncate(escapeControls(d.value), 80)}", ` : "";
  return `${where}: ${got}expected ${d.expected}`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Control characters as escapes (\n, \r, \t, \x00), so that a message stays on one line whatever the value holds. */
export function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`
  );
}

/** The error for a file whose lines end in a lone CR (classic Mac OS), at the first line that does. */
export function loneCrError(file: string, line: number): DataError {
  return new DataError({
    file,
    line,
    value: "\r",
    expected: "LF or CRLF line endings, but this file has lone CR line endings (classic Mac OS): convert them to LF"
  });
}

/** The error for a file with nothing to read: empty, or only blank characters (its size says which). */
export function emptyFileError(file: string, what: string, size: number): DataError {
  return new DataError({
    file,
    expected:
      size === 0
        ? `${what}, but the file is empty`
        : `${what}, but the file holds only spaces, tabs and line breaks (${size} ${size === 1 ? "character" : "characters"})`
  });
}
