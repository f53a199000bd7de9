/**
 * A data set as Parquet for Spark, DuckDB and pandas: ratings.parquet, movies.parquet and
 * folds.parquet, written with hyparquet-writer (pure JavaScript, maintained by hyparquet's author;
 * no native build, so `npm install` stays offline-safe). Ids are MovieLens' own, so Spark's ALS
 * (userCol "userId", itemCol "movieId") trains on ratings.parquet as it is, and its factor tables
 * come back with the same ids (see import-als.ts).
 *
 * - ratings: userId INT32, movieId INT32, rating FLOAT, timestamp INT64 (unix seconds), fold INT32
 *   (the test fold of the row, 1..k, the same folds `movielab cv` uses);
 * - movies: movieId INT32, title STRING, year INT32 (null when unknown), genres STRING ("A|B");
 * - folds: fold INT32, name STRING, protocol STRING (one row per fold, naming where it came from).
 * Files are written into a temporary sibling directory and renamed into place at the end: a failed
 * export (a full disk) leaves nothing behind that looks like an export.
 */
import {existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {fileWriter, parquetWrite} from "hyparquet-writer";
import type {Dataset} from "../data/types.js";
import {kFold} from "../eval/split.js";
import type {OpenedDataset} from "./open-dataset.js";

/** What an export wrote. */
export interface ParquetExport {
  dir: string;
  files: {name: string; rows: number; bytes: number}[];
  folds: {count: number; protocol: string; description: string};
  seconds: number;
}

/** Rows per row group: about 4 MB per column for ratings (the writer's default starts with 1,000-row groups). */
const ROW_GROUP = 1_000_000;

/**
 * Writes the opened set's ratings (with their test fold), movies and folds as Parquet into `outDir`,
 * which must not exist or be empty. Folds: ml-100k's official u1..u5 when present, else `count` seeded folds.
 */
export async function exportParquet(
  data: OpenedDataset,
  outDir: string,
  options: {
    count?: number;
    seed?: number;
    /** Called after each row group of ratings.parquet is written: rows written so far, of the total. */
    onProgress?: (rows: number, total: number) => void;
    /** Rows per Parquet row group (default 1,000,000). */
    rowGroupSize?: number;
  } = {}
): Promise<ParquetExport> {
  const started = performance.now();
  const dir = resolve(outDir);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0))
    throw new Error(`${dir}: exists and is not an empty directory; choose a new --out (nothing was written)`);
  const {count = 5, seed = 42, rowGroupSize = ROW_GROUP} = options;
  const d = data.dataset;
  const {fold, protocol, description} = await foldOfRows(data, count, seed);
  const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}`);
  rmSync(tmp, {recursive: true, force: true});
  mkdirSync(tmp, {recursive: true});
  try {
    const files: ParquetExport["files"] = [];
    const write = (
      name: string,
      rows: number,
      columnData: Parameters<typeof parquetWrite>[0]["columnData"],
      onGroup?: (rows: number) => void
    ) => {
      const filename = join(tmp, name);
      const writer = fileWriter(filename);
      // The writer calls flush() once per row group it has encoded: the only point where one
      // synchronous write of 25M rows (90 s) can say how far it is.
      let groups = 0;
      // It must return nothing: a returned value would make the writer asynchronous.
      writer.flush = () => {
        onGroup?.(Math.min(rows, ++groups * rowGroupSize));
      };
      const pending = parquetWrite({writer, columnData, rowGroupSize, createdBy: "movielab"});
      if (pending) throw new Error(`${filename}: the Parquet writer went asynchronous; expected a synchronous write`);
      files.push({name, rows, bytes: statSync(filename).size});
    };
    const n = d.ratings.rating.length;
    write(
      "ratings.parquet",
      n,
      [
        {name: "userId", data: Int32Array.from(d.ratings.user, (u) => d.userIds[u]), type: "INT32", nullable: false},
        {
          name: "movieId",
          data: Int32Array.from(d.ratings.movie, (m) => d.movies.id[m]),
          type: "INT32",
          nullable: false
        },
        {name: "rating", data: d.ratings.rating, type: "FLOAT", nullable: false},
        {
          name: "timestamp",
          data: BigInt64Array.from(d.ratings.timestamp, (t) => BigInt(t)),
          type: "INT64",
          nullable: false
        },
        {name: "fold", data: fold, type: "INT32", nullable: false}
      ],
      (rows) => options.onProgress?.(rows, n)
    );
    write("movies.parquet", d.movies.id.length, movieColumns(d));
    const k = count;
    write("folds.parquet", k, [
      {name: "fold", data: Int32Array.from({length: k}, (_, i) => i + 1), type: "INT32", nullable: false},
      {
        name: "name",
        data: Array.from({length: k}, (_, i) => (protocol === "official" ? `u${i + 1}` : `fold${i + 1}`)),
        type: "STRING"
      },
      {name: "protocol", data: Array.from({length: k}, () => description), type: "STRING"}
    ]);
    if (existsSync(dir)) rmSync(dir, {recursive: true});
    renameSync(tmp, dir);
    return {dir, files, folds: {count: k, protocol, description}, seconds: (performance.now() - started) / 1000};
  } catch (e) {
    rmSync(tmp, {recursive: true, force: true});
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOSPC")
      throw new Error(
        `${dir}: the disk filled while writing the Parquet files; nothing was left behind (${err.message})`
      );
    throw e;
  }
}

function movieColumns(d: Dataset) {
  const G = d.movies.genreNames.length;
  return [
    {name: "movieId", data: d.movies.id, type: "INT32" as const, nullable: false},
    {name: "title", data: d.movies.title, type: "STRING" as const},
    {name: "year", data: Array.from(d.movies.year, (y) => (Number.isFinite(y) ? y : null)), type: "INT32" as const},
    {
      name: "genres",
      data: Array.from(d.movies.id, (_, m) =>
        d.movies.genreNames.filter((_, g) => d.movies.genres[m * G + g] === 1).join("|")
      ),
      type: "STRING" as const
    }
  ];
}

/** The test fold (1..k) of every rating row: official u1..u5 when present (they partition ml-100k), else seeded k-fold. */
async function foldOfRows(
  data: OpenedDataset,
  count: number,
  seed: number
): Promise<{fold: Int32Array; protocol: "official" | "k-fold"; description: string}> {
  const n = data.dataset.ratings.rating.length;
  const fold = new Int32Array(n);
  if (data.folds.hasOfficial && count === 5) {
    const official = await data.folds.official();
    official.forEach((f, i) => f.test.forEach((row) => (fold[row] = i + 1)));
    const unassigned = fold.indexOf(0);
    if (unassigned >= 0) throw new Error(`rating row ${unassigned + 1} is in no official test fold u1..u5`);
    return {fold, protocol: "official", description: `${data.dataset.name}'s official folds u1–u5`};
  }
  kFold(n, count, seed).forEach((s, i) => s.test.forEach((row) => (fold[row] = i + 1)));
  return {fold, protocol: "k-fold", description: `${count} random folds (seed ${seed})`};
}
