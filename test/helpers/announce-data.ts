// vitest globalSetup: says once, before the tests, which MovieLens 100K the real-data tests use, or
// that they will skip and where they looked, so that a skip is never silent.
import {locateMl100k, ml100kCandidates} from "./ml100k.js";

export default function announce(): void {
  const found = locateMl100k();
  const msg = found
    ? `real-data tests: MovieLens 100K from ${found.dir} (${found.via})`
    : `real-data tests: SKIPPED, no MovieLens 100K (u.data) in ${ml100kCandidates()
        .map((c) => c.dir)
        .join(" or ")}; run \`npx movielab data fetch ml-100k\` or set MOVIELAB_TEST_DATA`;
  process.stderr.write(`${msg}\n`);
}
