/** Reads a MovieLens directory from disk: lists it, detects the format, reads only the files that format uses. */
import {readdir, readFile, stat} from "node:fs/promises";
import {basename, join, resolve} from "node:path";
import {detectFormat, OPTIONAL_FILES, REQUIRED_FILES} from "../data/detect-format.js";
import {DataError} from "../data/errors.js";
import {parseDatasetFiles, type DatasetFiles} from "../data/read-files.js";
import type {RawDataset} from "../data/types.js";

const EXPECTED =
  "a MovieLens directory holding u.data + u.item (ml-100k), ratings.dat + movies.dat (ml-1m) or ratings.csv + movies.csv (CSV sets)";

/** Reads and validates the data set in `dir` (name defaults to the directory's base name); problems throw DataError. */
export async function readDatasetDir(dir: string, name?: string): Promise<RawDataset> {
  const path = resolve(dir);
  let entries: string[];
  try {
    if (!(await stat(path)).isDirectory())
      throw new DataError({file: path, expected: `${EXPECTED}, but this is not a directory`});
    entries = await readdir(path);
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError({
      file: path,
      expected: `${EXPECTED}, but it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`
    });
  }
  const format = detectFormat(entries);
  if (format === null) {
    throw new DataError({
      file: path,
      value: entries.sort().join(", ").slice(0, 200) || "empty directory",
      expected: EXPECTED
    });
  }
  const wanted = [...REQUIRED_FILES[format], ...OPTIONAL_FILES[format].filter((f) => entries.includes(f))];
  const files: DatasetFiles = {};
  await Promise.all(
    wanted.map(async (f) => {
      try {
        files[f] = await readFile(join(path, f));
      } catch (e) {
        throw new DataError({
          file: join(path, f),
          expected: `a readable ${format} file (${(e as NodeJS.ErrnoException).code ?? String(e)})`
        });
      }
    })
  );
  return parseDatasetFiles(files, {name: name ?? basename(path), dir: path});
}
