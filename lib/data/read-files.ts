/** Bytes in, RawDataset out: detects the MovieLens layout and runs its reader (browser-safe, no fs). */
import {chooseFormat, REQUIRED_FILES, type FileFormat} from "./detect-format.js";
import {DataError} from "./errors.js";
import {readCsvSet} from "./read-csv-set.js";
import {readMl100k} from "./read-ml100k.js";
import {readMl1m} from "./read-ml1m.js";
import type {RawDataset} from "./types.js";

/** File contents by base name (e.g. "u.data"), as raw bytes. */
export type DatasetFiles = Record<string, Uint8Array>;

/** Where the files came from: `name` labels the set and prefixes file names in errors; `dir` is recorded in the source. */
export interface FilesSource {
  /** The set's label, e.g. "ml-100k"; file names in errors read "<name>/u.data". */
  name: string;
  /** Where the files were read from, recorded in DatasetSource.dir (a Node path or a label). */
  dir?: string;
  /** The layout to read when the files hold more than one (default: the only one present). */
  format?: FileFormat;
}

/** Detects the format from the file names and reads the set; unknown layouts throw a DataError listing what was expected. */
export function parseDatasetFiles(input: DatasetFiles, source: FilesSource): RawDataset {
  const files = byBaseName(input, source);
  const format = chooseFormat(Object.keys(files), source.dir ?? source.name, source.format);
  switch (format) {
    case "ml-100k":
      return readMl100k(files, source);
    case "ml-1m":
      return readMl1m(files, source);
    case "csv":
      return readCsvSet(files, source);
    default: {
      const expected = Object.entries(REQUIRED_FILES)
        .map(([f, names]) => `${names.join(" + ")} (${f})`)
        .join(", or ");
      const found = Object.keys(files).sort().join(", ") || "no files";
      throw new DataError({file: source.dir ?? source.name, value: found, expected: `MovieLens files: ${expected}`});
    }
  }
}

/** Re-keys files by base name ("ml-100k/u.data" → "u.data", as a zip lists them); two paths with one base name are ambiguous. */
function byBaseName(files: DatasetFiles, source: FilesSource): DatasetFiles {
  const out: DatasetFiles = {};
  const from: Record<string, string> = {};
  for (const [path, bytes] of Object.entries(files)) {
    const base = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
    if (base in from) {
      throw new DataError({
        file: source.dir ?? source.name,
        value: `${from[base]} and ${path}`,
        expected: `one file named ${base}`
      });
    }
    from[base] = path;
    out[base] = bytes;
  }
  return out;
}
