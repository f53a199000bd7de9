/** ml-100k's official train/test splits (u1..u5: 80/20 with disjoint test sets; ua/ub: 10 ratings per user held out). */
import {readFile} from "node:fs/promises";
import {join, resolve} from "node:path";
import {DataError} from "../data/errors.js";
import {readMl100kRatings} from "../data/read-ml100k.js";
import type {RawRatings} from "../data/types.js";

export const OFFICIAL_FOLDS = ["u1", "u2", "u3", "u4", "u5"] as const;
const KNOWN = new Set(["u1", "u2", "u3", "u4", "u5", "ua", "ub"]);

/** One official split, raw ids (same tab format as u.data). */
export interface OfficialFold {
  name: string;
  train: RawRatings;
  test: RawRatings;
}

/** Reads `<name>.base` / `<name>.test` from an ml-100k directory for each name in `which` (default u1..u5; ua, ub also accepted). */
export async function readOfficialFolds(dir: string, which: string[] = [...OFFICIAL_FOLDS]): Promise<OfficialFold[]> {
  const path = resolve(dir);
  for (const name of which) {
    if (!KNOWN.has(name)) throw new DataError({file: path, field: "fold", value: name, expected: "an ml-100k official fold: u1, u2, u3, u4, u5, ua or ub"});
  }
  const read = async (file: string): Promise<RawRatings> => {
    const full = join(path, file);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(full);
    } catch (e) {
      throw new DataError({file: full, expected: `the ml-100k official split file ${file}, but it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`});
    }
    return readMl100kRatings(bytes, full);
  };
  return Promise.all(which.map(async (name) => ({name, train: await read(`${name}.base`), test: await read(`${name}.test`)})));
}
