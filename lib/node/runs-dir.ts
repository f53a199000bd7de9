/**
 * The run records on disk: one JSON file per run under the runs directory, named after the run's id
 * (`<id>.json`), written atomically so that a failed write never leaves half a record. Reading checks
 * every record (lib/runs/record.ts) and names the file and field that is wrong.
 */
import {mkdirSync, readdirSync, readFileSync, statSync} from "node:fs";
import {basename, join, resolve} from "node:path";
import {DataError} from "../data/errors.js";
import {checkRunRecord, type RunRecord} from "../runs/record.js";
import {writeFileAtomic} from "./atomic-write.js";
import {PROJECT_ROOT} from "./public-path.js";

/** The runs directory: `given` (resolved against cwd), else MOVIELAB_RUNS_DIR, else `<project>/runs`. */
export function runsDirOf(given: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  if (given !== undefined && given !== "") return resolve(cwd, given);
  const fromEnv = env.MOVIELAB_RUNS_DIR;
  if (fromEnv !== undefined && fromEnv !== "") return resolve(cwd, fromEnv);
  return join(PROJECT_ROOT, "runs");
}

/** Ids are file names: letters, digits, dot, dash and underscore only. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Writes the record as `<dir>/<id>.json` (creating dir); returns the path. */
export async function writeRunRecord(dir: string, record: RunRecord): Promise<string> {
  if (!SAFE_ID.test(record.id))
    throw new Error(`run id "${record.id}" cannot be a file name: expected letters, digits, ".", "-" or "_"`);
  mkdirSync(dir, {recursive: true});
  const path = join(dir, `${record.id}.json`);
  await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

/** One record file, parsed and checked; a DataError names the file (and the field) when it is not a record. */
export function readRunFile(path: string): RunRecord {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new DataError({file: path, expected: `a readable run record (${(e as NodeJS.ErrnoException).code ?? e})`});
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DataError({file: path, expected: `a JSON run record, but it does not parse (${(e as Error).message})`});
  }
  if (Array.isArray(value))
    throw new DataError({
      file: path,
      expected: "one run record (an object); a Lab export holds a list: import it on the Runs page or in the Lab"
    });
  return checkRunRecord(value, path);
}

/** The record files of a directory (`*.json`, sorted; none when the directory does not exist). */
export function runFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  return names
    .filter((n) => n.endsWith(".json") && !n.startsWith("."))
    .sort()
    .map((n) => join(dir, n));
}

/** Every record of the directory, and the files that are not valid records with their error. */
export function readRunsDir(dir: string): {records: RunRecord[]; errors: {file: string; message: string}[]} {
  const records: RunRecord[] = [];
  const errors: {file: string; message: string}[] = [];
  for (const file of runFiles(dir)) {
    try {
      records.push(readRunFile(file));
    } catch (e) {
      errors.push({file, message: (e as Error).message});
    }
  }
  return {records, errors};
}

/**
 * The record `ref` names: a path to a record file, else a run id or a unique prefix of one in `dir`.
 * An unknown or ambiguous reference throws an error that lists what would match.
 */
export function findRun(dir: string, ref: string, cwd: string): {record: RunRecord; path: string} {
  const asPath = resolve(cwd, ref);
  if ((ref.includes("/") || ref.endsWith(".json")) && isFile(asPath))
    return {record: readRunFile(asPath), path: asPath};
  const files = runFiles(dir);
  const exact = files.find((f) => basename(f) === `${ref}.json`);
  if (exact !== undefined) return {record: readRunFile(exact), path: exact};
  const matches = files.filter((f) => basename(f).startsWith(ref));
  if (matches.length === 1) return {record: readRunFile(matches[0]), path: matches[0]};
  if (matches.length === 0)
    throw new Error(
      `no run "${ref}" in ${dir} (${files.length} record${files.length === 1 ? "" : "s"}; 'movielab runs list' shows them)`
    );
  throw new Error(
    `"${ref}" matches ${matches.length} runs in ${dir}: ${matches.map((f) => basename(f, ".json")).join(", ")}; give more of the id`
  );
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
