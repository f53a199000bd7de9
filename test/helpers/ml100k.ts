// Where the real MovieLens 100K lives for tests, first found of: MOVIELAB_TEST_DATA; data/ml-100k (where
// `movielab data fetch` puts it); ../shared/data/ml-100k (this project's CI machines). Tests that need it
// skip on a fresh machine, and test/helpers/announce-data.ts says which directory was used or why they
// skip; CI sets MOVIELAB_REQUIRE_DATA=1 and a missing set fails.
import {existsSync} from "node:fs";
import {resolve} from "node:path";

const PROJECT = resolve(import.meta.dirname, "../..");

/** The directories looked in, in order, each with where it comes from. */
export function ml100kCandidates(env: NodeJS.ProcessEnv = process.env): {dir: string; via: string}[] {
  if (env.MOVIELAB_TEST_DATA) return [{dir: resolve(env.MOVIELAB_TEST_DATA), via: "MOVIELAB_TEST_DATA"}];
  return [
    {dir: resolve(PROJECT, "data", "ml-100k"), via: "data/ml-100k (movielab data fetch)"},
    {dir: resolve(PROJECT, "..", "shared", "data", "ml-100k"), via: "../shared/data/ml-100k"}
  ];
}

/** The first candidate holding u.data, or null with every candidate tried. */
export function locateMl100k(env: NodeJS.ProcessEnv = process.env): {dir: string; via: string} | null {
  return ml100kCandidates(env).find((c) => existsSync(resolve(c.dir, "u.data"))) ?? null;
}

const found = locateMl100k();
export const ML100K_DIR = found?.dir ?? ml100kCandidates()[0].dir;
export const HAS_ML100K = found !== null;

if (!HAS_ML100K && process.env.MOVIELAB_REQUIRE_DATA === "1") {
  const tried = ml100kCandidates().map((c) => c.dir);
  throw new Error(
    `MOVIELAB_REQUIRE_DATA=1 but MovieLens 100K is in none of ${tried.join(", ")} (set MOVIELAB_TEST_DATA)`
  );
}
