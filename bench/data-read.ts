/**
 * Reading and validating MovieLens 100K from files into a RawDataset (u.data, u.item, u.user,
 * u.genre, u.occupation), timed end to end including the disk reads. Prints one JSON object.
 * Also times ratings.csv parsing on a seeded in-memory file of 2,000,000 rows, to see how the
 * byte parser scales toward ml-25m (25M rows).
 * Usage: tsx bench/data-read.ts [dir] [runs]   (dir defaults to MOVIELAB_TEST_DATA or ../shared/data/ml-100k)
 */
import {readFile} from "node:fs/promises";
import {join, resolve} from "node:path";
import {decodeLatin1} from "../lib/data/decode.js";
import {readCsvRatings} from "../lib/data/read-csv-set.js";
import {createRng} from "../lib/random.js";
import {parseDatasetFiles} from "../lib/data/read-files.js";
import {readMl100kRatings} from "../lib/data/read-ml100k.js";
import {readDatasetDir} from "../lib/node/read-dataset-dir.js";

const dir = resolve(
  process.argv[2] ?? process.env.MOVIELAB_TEST_DATA ?? join(import.meta.dirname, "../../shared/data/ml-100k")
);
const runs = Number(process.argv[3] ?? 7);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number) => Math.round(x * 100) / 100;

async function time(fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms;
}

// The first call includes module JIT warm-up: report it separately, as a cold start.
const t0 = performance.now();
const first = await readDatasetDir(dir);
const coldMs = performance.now() - t0;
const rows = first.ratings.userId.length;

const endToEnd = await time(() => readDatasetDir(dir));
const files = Object.fromEntries(
  await Promise.all(
    ["u.data", "u.item", "u.user", "u.genre", "u.occupation"].map(
      async (f) => [f, await readFile(join(dir, f))] as const
    )
  )
);
const parseOnly = await time(() => parseDatasetFiles(files, {name: "ml-100k"}));
const ratingsOnly = await time(() => readMl100kRatings(files["u.data"], "u.data"));
const decodeItems = await time(() => decodeLatin1(files["u.item"]));

// A seeded ml-latest-shaped ratings.csv (half stars, CRLF), built once and not timed.
const CSV_ROWS = 2_000_000;
const rng = createRng(1);
const parts: string[] = ["userId,movieId,rating,timestamp"];
for (let i = 0; i < CSV_ROWS; i++)
  parts.push(
    `${1 + rng.int(162_541)},${1 + rng.int(209_171)},${(1 + rng.int(10)) / 2},${1_000_000_000 + rng.int(500_000_000)}`
  );
const csvBytes = new TextEncoder().encode(parts.join("\r\n") + "\r\n");
parts.length = 0;
const csvMs = await time(() => readCsvRatings(csvBytes, "ratings.csv"));

console.log(
  JSON.stringify({
    bench: "data-read",
    dataset: dir,
    node: process.version,
    runs,
    rows,
    movies: first.movies.id.length,
    users: first.users?.id.length ?? 0,
    coldMs: round(coldMs),
    readDirMedianMs: round(median(endToEnd)),
    readDirMinMs: round(Math.min(...endToEnd)),
    parseMedianMs: round(median(parseOnly)),
    parseMinMs: round(Math.min(...parseOnly)),
    ratingsParseMedianMs: round(median(ratingsOnly)),
    itemDecodeMedianMs: round(median(decodeItems)),
    rowsPerSecond: Math.round(rows / (median(endToEnd) / 1000)),
    csvRows: CSV_ROWS,
    csvMegabytes: round(csvBytes.length / 1e6),
    csvParseMedianMs: round(median(csvMs)),
    csvRowsPerSecond: Math.round(CSV_ROWS / (median(csvMs) / 1000)),
    targetMs: 300,
    underTarget: median(endToEnd) < 300 && coldMs < 300
  })
);
