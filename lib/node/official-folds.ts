/** ml-100k's official train/test splits (u1..u5: 80/20 with disjoint test sets; ua/ub: 10 ratings per user held out). */
import {readFile} from "node:fs/promises";
import {join, resolve} from "node:path";
import {DataError} from "../data/errors.js";
import {checkOfficialFoldNames, OFFICIAL_FOLDS, officialFoldFiles, parseOfficialFold, type RawFold} from "../data/folds.js";

export {OFFICIAL_FOLDS};

/** One official split, raw ids (same tab format as u.data). */
export type OfficialFold = RawFold;

/** Reads `<name>.base` / `<name>.test` from an ml-100k directory for each name in `which` (default u1..u5; ua, ub also accepted). */
export async function readOfficialFolds(dir: string, which: readonly string[] = OFFICIAL_FOLDS): Promise<OfficialFold[]> {
  const path = resolve(dir);
  checkOfficialFoldNames(which, path);
  const read = async (file: string): Promise<Uint8Array> => {
    try {
      return await readFile(join(path, file));
    } catch (e) {
      throw new DataError({file: join(path, file), expected: `the ml-100k official split file ${file}, but it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`});
    }
  };
  return Promise.all(
    which.map(async (name) => {
      const files = officialFoldFiles(name);
      const [base, test] = [await read(files.base), await read(files.test)];
      return parseOfficialFold(name, base, test, {base: join(path, files.base), test: join(path, files.test)});
    })
  );
}
