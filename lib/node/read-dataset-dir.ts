/** Reads a MovieLens directory from disk: lists it, detects the format, reads only the files that format uses. */
import {readdir, stat} from "node:fs/promises";
import {basename, join, resolve} from "node:path";
import {chooseFormat, OPTIONAL_FILES, REQUIRED_FILES, type FileFormat} from "../data/detect-format.js";
import {DataError} from "../data/errors.js";
import {parseDatasetFiles, type DatasetFiles} from "../data/read-files.js";
import type {DatasetFormat, RawDataset} from "../data/types.js";
import {readRegularFile} from "./read-regular-file.js";

const EXPECTED =
  "a MovieLens directory holding u.data + u.item (ml-100k), ratings.dat + movies.dat (ml-1m) or ratings.csv + movies.csv (CSV sets)";

/**
 * Largest file each layout reads, in bytes: several times the largest published set of that layout
 * (ml-100k's u.data is 2 MB; ml-10m's ratings.dat, the largest "::" file, 265 MB; ml-32m's
 * ratings.csv 877 MB), so that a wrong or hostile file fails with a message instead of exhausting memory.
 */
export const MAX_FILE_BYTES: Readonly<Record<Exclude<DatasetFormat, "synthetic">, number>> = Object.freeze({
  "ml-100k": 256 * 2 ** 20,
  "ml-1m": 1024 * 2 ** 20,
  csv: 2048 * 2 ** 20
});

/** The layout of the data set in `dir` and the files it reads (required ones, and optional ones present); DataError when there is none. */
export async function datasetFilesOf(dir: string, format?: FileFormat): Promise<{format: FileFormat; paths: string[]}> {
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
  const chosen = chooseFormat(entries, path, format);
  if (chosen === null) {
    throw new DataError({
      file: path,
      value: entries.sort().join(", ").slice(0, 200) || "empty directory",
      expected: EXPECTED
    });
  }
  const wanted = [...REQUIRED_FILES[chosen], ...OPTIONAL_FILES[chosen].filter((f) => entries.includes(f))];
  return {format: chosen, paths: wanted.map((f) => join(path, f))};
}

/** Reads and validates the data set in `dir` (name defaults to the directory's base name; format: the layout to read when it holds several; listing: datasetFilesOf's answer when already known); problems throw DataError. */
export async function readDatasetDir(
  dir: string,
  name?: string,
  options: {maxFileBytes?: number; format?: FileFormat; listing?: {format: FileFormat; paths: string[]}} = {}
): Promise<RawDataset> {
  const path = resolve(dir);
  const {format, paths} = options.listing ?? (await datasetFilesOf(path, options.format));
  const files: DatasetFiles = {};
  await Promise.all(
    paths.map(async (p) => {
      files[basename(p)] = await readRegularFile(p, options.maxFileBytes ?? MAX_FILE_BYTES[format], `a ${format} file`);
    })
  );
  return parseDatasetFiles(files, {name: name ?? basename(path), dir: path, format});
}
