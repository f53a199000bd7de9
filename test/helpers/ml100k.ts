// Where the real MovieLens 100K lives for tests: MOVIELAB_TEST_DATA, else ../shared/data/ml-100k.
// Tests that need it skip on a fresh machine; CI sets MOVIELAB_REQUIRE_DATA=1 and a missing set fails.
import {existsSync} from "node:fs";
import {resolve} from "node:path";

export const ML100K_DIR = resolve(
  process.env.MOVIELAB_TEST_DATA ?? resolve(import.meta.dirname, "../../../shared/data/ml-100k")
);
export const HAS_ML100K = existsSync(resolve(ML100K_DIR, "u.data"));

if (!HAS_ML100K && process.env.MOVIELAB_REQUIRE_DATA === "1") {
  throw new Error(`MOVIELAB_REQUIRE_DATA=1 but MovieLens 100K is not at ${ML100K_DIR} (set MOVIELAB_TEST_DATA)`);
}
