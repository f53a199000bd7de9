/** Which MovieLens layout a set of files is, judged by the file names alone. */
import {DataError} from "./errors.js";
import type {DatasetFormat} from "./types.js";

/** The files each format needs (the rest are optional: u.user, u.genre, u.occupation, users.dat). */
export const REQUIRED_FILES: Record<Exclude<DatasetFormat, "synthetic">, readonly string[]> = {
  "ml-100k": ["u.data", "u.item"],
  "ml-1m": ["ratings.dat", "movies.dat"],
  csv: ["ratings.csv", "movies.csv"]
};

/** Optional files a reader uses when present. */
export const OPTIONAL_FILES: Record<Exclude<DatasetFormat, "synthetic">, readonly string[]> = {
  "ml-100k": ["u.user", "u.genre", "u.occupation"],
  "ml-1m": ["users.dat"],
  csv: []
};

/** A layout that is read from files: every format but the generated one. */
export type FileFormat = Exclude<DatasetFormat, "synthetic">;

/** The layouts whose required files are all present, in the order ml-100k, ml-1m, csv (names may include a directory part). */
export function matchingFormats(fileNames: string[]): FileFormat[] {
  const names = new Set(fileNames.map((f) => f.slice(Math.max(f.lastIndexOf("/"), f.lastIndexOf("\\")) + 1)));
  return (["ml-100k", "ml-1m", "csv"] as const).filter((format) => REQUIRED_FILES[format].every((f) => names.has(f)));
}

/** ml-100k for u.data + u.item, ml-1m for ratings.dat + movies.dat, csv for ratings.csv + movies.csv, else null; the first when several are present. */
export function detectFormat(fileNames: string[]): FileFormat | null {
  return matchingFormats(fileNames)[0] ?? null;
}

/**
 * The layout to read from these files: `explicit` when given (its files must be present), else the
 * only one present; null when none is. Two layouts in one place are refused, naming both, rather
 * than one being read and the other silently ignored.
 */
export function chooseFormat(fileNames: string[], where: string, explicit?: FileFormat): FileFormat | null {
  const found = matchingFormats(fileNames);
  const describe = (f: FileFormat) => `${REQUIRED_FILES[f].join(" + ")} (${f})`;
  if (explicit !== undefined) {
    if (found.includes(explicit)) return explicit;
    throw new DataError({
      file: where,
      field: "format",
      value: explicit,
      expected: `the ${describe(explicit)} files of the layout asked for${found.length ? `; found only ${found.map(describe).join(" and ")}` : ""}`
    });
  }
  if (found.length > 1) {
    throw new DataError({
      file: where,
      value: found.map(describe).join(" and "),
      expected: `the files of one MovieLens layout: move the others away, or name the layout to read (--format ${found.join("|")})`
    });
  }
  return found[0] ?? null;
}
