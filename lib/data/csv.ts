/**
 * RFC 4180 record parser over decoded text. Quoted fields may hold separators, doubled quotes and
 * line breaks, so records are tracked by the physical line they start on (for error messages).
 *
 * Policy (MovieLens files have none of these, so each is an error rather than a guess):
 * a quote inside an unquoted field, text after a closing quote, a lone CR, and a blank line in
 * the middle of the file. Blank lines at the end of the file are accepted and ignored.
 */
import {DataError, loneCrError} from "./errors.js";

const LF = 10,
  CR = 13,
  QUOTE = 34;

export interface CsvOptions {
  /** File name for error messages. */
  file: string;
  /** One-character field separator, "," by default. */
  separator?: string;
}

/**
 * Calls `onRecord(fields, line)` for each record in file order (`line` is the 1-based physical line
 * where the record starts). The `fields` array is reused between calls: copy what you keep.
 * Returns the number of records.
 */
export function forEachCsvRecord(
  text: string,
  options: CsvOptions,
  onRecord: (fields: string[], line: number) => void
): number {
  const {file} = options;
  const sep = (options.separator ?? ",").charCodeAt(0);
  const n = text.length;
  const fields: string[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let records = 0;
  while (pos < n) {
    const recordLine = line;
    const first = text.charCodeAt(pos);
    if (first === LF || first === CR) {
      if (isBlankToEnd(text, pos)) break;
      throw new DataError({
        file,
        line,
        value: "",
        expected: "a record, not a blank line (blank lines are allowed only at the end of the file)"
      });
    }
    fields.length = 0;
    for (;;) {
      let c = text.charCodeAt(pos);
      if (c === QUOTE) {
        const openLine = line;
        let start = pos + 1;
        let value = "";
        for (;;) {
          const q = text.indexOf('"', start);
          if (q < 0) {
            throw new DataError({
              file,
              line: openLine,
              value: text.slice(pos, pos + 40),
              expected: "a closing quote for the field opened on this line"
            });
          }
          line += countLineFeeds(text, start, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(start, q + 1);
            start = q + 2;
            continue;
          }
          value += text.slice(start, q);
          pos = q + 1;
          break;
        }
        fields.push(value);
        c = text.charCodeAt(pos);
        if (c === sep) {
          pos++;
          continue;
        }
        if (pos < n && c !== LF && c !== CR) {
          throw new DataError({
            file,
            line,
            field: `column ${fields.length}`,
            value: text.slice(pos, pos + 20),
            expected: "a separator or the end of the line after a closing quote"
          });
        }
        break;
      }
      let end = pos;
      while (end < n) {
        c = text.charCodeAt(end);
        if (c === sep || c === LF || c === CR) break;
        if (c === QUOTE) {
          throw new DataError({
            file,
            line,
            field: `column ${fields.length + 1}`,
            value: text.slice(pos, lineEnd(text, end)),
            expected: 'a quote only around a whole field (write a quote inside a quoted field as "")'
          });
        }
        end++;
      }
      fields.push(text.slice(pos, end));
      pos = end;
      if (end < n && c === sep) {
        pos++;
        continue;
      }
      break;
    }
    if (pos < n) {
      if (text.charCodeAt(pos) === CR) {
        if (text.charCodeAt(pos + 1) !== LF) {
          throw loneCrError(file, line);
        }
        pos += 2;
      } else pos++;
      line++;
    }
    records++;
    onRecord(fields, recordLine);
  }
  return records;
}

/** All records as arrays of strings, with the 1-based line each starts on (for tests and small files). */
export function parseCsv(text: string, options: CsvOptions): {records: string[][]; lines: number[]} {
  const records: string[][] = [];
  const lines: number[] = [];
  forEachCsvRecord(text, options, (fields, line) => {
    records.push(fields.slice());
    lines.push(line);
  });
  return {records, lines};
}

/** True when text[from..] holds only CR and LF characters. */
export function isBlankToEnd(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== LF && c !== CR) return false;
  }
  return true;
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  let p = text.indexOf("\n", from);
  while (p >= 0 && p < to) {
    count++;
    p = text.indexOf("\n", p + 1);
  }
  return count;
}

function lineEnd(text: string, from: number): number {
  const p = text.indexOf("\n", from);
  return p < 0 ? text.length : p;
}
