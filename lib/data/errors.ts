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
  const got = d.value !== undefined ? `got "${truncate(d.value, 80)}", ` : "";
  return `${where}: ${got}expected ${d.expected}`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
