/** Which MovieLens layout a set of files is, judged by the file names alone. */
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

/** ml-100k for u.data + u.item, ml-1m for ratings.dat + movies.dat, csv for ratings.csv + movies.csv, else null (names may include a directory part). */
export function detectFormat(fileNames: string[]): Exclude<DatasetFormat, "synthetic"> | null {
  const names = new Set(fileNames.map((f) => f.slice(Math.max(f.lastIndexOf("/"), f.lastIndexOf("\\")) + 1)));
  for (const format of ["ml-100k", "ml-1m", "csv"] as const) {
    if (REQUIRED_FILES[format].every((f) => names.has(f))) return format;
  }
  return null;
}
