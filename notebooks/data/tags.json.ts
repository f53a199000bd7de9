// Data loader for data/tags.json: what users tag movies with, for sets that have a tags table
// (tags.csv: ml-latest-small, ml-20m to ml-32m; tags.dat: ml-10m). Sets without one say so.
// Logic lives in lib/data/read-tags.ts and lib/analysis/tag-summary.ts.
import {existsSync} from "node:fs";
import {join} from "node:path";
import {tagSummary} from "../../lib/analysis/tag-summary.js";
import {readCsvTags, readDatTags} from "../../lib/data/read-tags.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {MAX_FILE_BYTES} from "../../lib/node/read-dataset-dir.js";
import {readRegularFile} from "../../lib/node/read-regular-file.js";

const started = performance.now();
const {dataset: d, dir} = await openDataset();
const file = dir === null ? null : ["tags.csv", "tags.dat"].map((f) => join(dir, f)).find((p) => existsSync(p));
let out: object = {name: d.name, present: false};
if (file) {
  const bytes = await readRegularFile(file, MAX_FILE_BYTES.csv, "a tags file");
  const tags = file.endsWith(".csv") ? readCsvTags(bytes, file) : readDatTags(bytes, file);
  const rowOf = new Map(Array.from(d.movies.id, (id, m) => [id, m]));
  const summary = tagSummary(tags, (id) => {
    const m = rowOf.get(id);
    return m === undefined ? undefined : d.movies.title[m];
  });
  out = {name: d.name, present: true, file: file.slice(dir!.length + 1), ...summary};
}
process.stderr.write(
  `tags.json: ${d.name}, ${file ? `${(out as {rows: number}).rows} tags` : "no tags table"} in ${Math.round(performance.now() - started)} ms\n`
);
process.stdout.write(JSON.stringify(out));
