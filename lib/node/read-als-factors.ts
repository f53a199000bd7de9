/**
 * Reads the factor tables of a Spark MLlib ALSModel as `model.save(path)` leaves them:
 * `<path>/userFactors/part-*.parquet` and `<path>/itemFactors/part-*.parquet`, each row an `id`
 * (int) and its `features` (array<float>, `rank` values). Part files are read one at a time (a
 * table of 200k users × rank 50 is 40 MB of float32), in name order; Spark's `_SUCCESS`, `.crc`
 * and hidden files are skipped. Every problem throws an Error naming the file, and the row or
 * column, and what was expected. Parquet is read by hyparquet (snappy and uncompressed pages,
 * Spark's default; other codecs are refused by name).
 */
import {readdirSync, readFileSync, statSync} from "node:fs";
import {basename, join} from "node:path";
import {parquetMetadata, parquetReadObjects} from "hyparquet";

/** One factor table: ids in file order and their factors, row-major float32. */
export interface FactorTable {
  ids: Int32Array;
  features: Float32Array;
  rank: number;
  /** The part files read. */
  files: string[];
}

/** Both factor tables of a saved ALSModel directory; their ranks must agree (and match metadata/part-00000 when present). */
export async function readAlsModel(dir: string): Promise<{users: FactorTable; items: FactorTable; rank: number}> {
  const users = await readFactorTable(join(dir, "userFactors"));
  const items = await readFactorTable(join(dir, "itemFactors"));
  if (users.rank !== items.rank)
    throw new Error(
      `${dir}: userFactors have rank ${users.rank} but itemFactors rank ${items.rank}; expected one rank`
    );
  const meta = join(dir, "metadata", "part-00000");
  let recorded: unknown;
  try {
    recorded = (JSON.parse(readFileSync(meta, "utf8").split("\n")[0]) as {rank?: unknown}).rank;
  } catch {
    recorded = undefined; // metadata is optional: factor tables copied on their own have none
  }
  if (recorded !== undefined && recorded !== users.rank)
    throw new Error(`${meta}: records rank ${String(recorded)}, but the factor tables have rank ${users.rank}`);
  return {users, items, rank: users.rank};
}

/** The part files of a table: a directory's *.parquet in name order, or the one file given. */
export function partFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new Error(`${path}: not found; expected a Spark ALS factor table (a directory of part-*.parquet files)`);
  }
  if (st.isFile()) return [path];
  const parts = readdirSync(path)
    .filter((f) => f.endsWith(".parquet") && !f.startsWith(".") && !f.startsWith("_"))
    .sort()
    .map((f) => join(path, f));
  if (parts.length === 0) throw new Error(`${path}: holds no .parquet part files; expected Spark's part-*.parquet`);
  return parts;
}

/** Reads every part of one factor table; ids must be unique across parts and every row must have the same rank. */
export async function readFactorTable(path: string): Promise<FactorTable> {
  const files = partFiles(path);
  const ids: number[] = [];
  const chunks: Float32Array[] = [];
  const rowOf = new Map<number, string>();
  let rank = 0;
  for (const file of files) {
    const b = readFileSync(file);
    const buf = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    let rows: Record<string, unknown>[];
    try {
      checkSchema(file, parquetMetadata(buf).schema);
      rows = await parquetReadObjects({file: buf, columns: ["id", "features"]});
    } catch (e) {
      const msg = (e as Error).message;
      throw new Error(msg.startsWith(file) ? msg : `${file}: cannot be read as Parquet: ${msg}`);
    }
    const out = new Float32Array(rows.length * Math.max(rank, 1));
    let chunk = rank > 0 ? out : null;
    rows.forEach((row, i) => {
      const where = `${file}: row ${i + 1}`;
      const id = row.id;
      if (typeof id !== "number" || !Number.isInteger(id))
        throw new Error(`${where}: id is ${String(id)}, expected an integer`);
      const seen = rowOf.get(id);
      if (seen !== undefined) throw new Error(`${where}: id ${id} again (first at ${seen}); expected each id once`);
      rowOf.set(id, `${basename(file)} row ${i + 1}`);
      const f = row.features;
      if (!Array.isArray(f) || f.length === 0)
        throw new Error(`${where}: features is ${f === null ? "null" : typeof f}, expected an array of floats`);
      if (rank === 0) {
        rank = f.length;
        chunk = new Float32Array(rows.length * rank);
      }
      if (f.length !== rank)
        throw new Error(`${where}: features has ${f.length} values, expected ${rank} (the rank of the first row)`);
      for (let k = 0; k < rank; k++) {
        const x = f[k];
        if (typeof x !== "number" || !Number.isFinite(x))
          throw new Error(`${where}: features[${k}] is ${String(x)}, expected a finite number`);
        chunk![i * rank + k] = x;
      }
      ids.push(id);
    });
    if (chunk !== null) chunks.push(chunk.subarray(0, rows.length * rank));
  }
  if (ids.length === 0) throw new Error(`${path}: the factor table has no rows`);
  const features = new Float32Array(ids.length * rank);
  let o = 0;
  for (const c of chunks) {
    features.set(c, o);
    o += c.length;
  }
  return {ids: Int32Array.from(ids), features, rank, files};
}

/** The columns Spark writes: `id` INT32 (or INT64) and `features`, a LIST whose leaf is FLOAT (or DOUBLE). */
function checkSchema(file: string, schema: {name: string; type?: string; num_children?: number}[]): void {
  const id = schema.find((e, i) => i > 0 && e.name === "id");
  if (id === undefined || (id.type !== "INT32" && id.type !== "INT64"))
    throw new Error(
      `${file}: column "id" is ${id ? (id.type ?? "a group") : "missing"}, expected an int (Spark's userFactors/itemFactors)`
    );
  const at = schema.findIndex((e, i) => i > 0 && e.name === "features");
  // A LIST is a group holding a repeated group holding the element: the leaf is the next element with a type.
  const leaf = at < 0 ? undefined : schema.slice(at).find((e) => e.type !== undefined);
  if (leaf === undefined || (leaf.type !== "FLOAT" && leaf.type !== "DOUBLE"))
    throw new Error(
      `${file}: column "features" is ${at < 0 ? "missing" : `a list of ${leaf?.type ?? "nothing"}`}, expected array<float>`
    );
}
