// Data loader for data/release-noise.json: every rating's date against its movie's release date.
// The data set is cleaned by every rule EXCEPT before-release, so the ratings that rule removes are
// still there to be shown; every one of them is shipped, the ordinary ones as a seeded sample.
import {releaseGap} from "../../lib/analysis/release-gap.js";
import {cleanDataset} from "../../lib/data/clean.js";
import {openDataset} from "../../lib/node/open-dataset.js";

/** Ordinary ratings drawn in the scatter; every before-release rating is drawn in addition. */
const ORDINARY_SAMPLE = 4000;

const started = performance.now();
const {raw, report, dataset: d} = await openDataset({clean: {beforeRelease: false, maxExamples: 0}, keepRaw: true});
const gap = releaseGap(d, {ordinarySample: ORDINARY_SAMPLE, seed: 1});
// The report of the default cleaning, to show that the page and the cleaning rule agree.
const ruleCount =
  cleanDataset(raw, {maxExamples: 0}).report.rules.find((r) => r.rule === "before-release")?.removed ?? null;
const titles = gap.rows.movieRow.map((m) => d.movies.title[m]);
const yearOnly = d.movies.releaseDate.filter((x, m) => Number.isNaN(x) && Number.isFinite(d.movies.year[m])).length;
const out = {
  name: d.name,
  ...gap,
  titles,
  ruleCount,
  yearOnlyMovies: yearOnly,
  otherRulesRemoved: report.rowsIn - report.rowsOut,
  ordinarySample: ORDINARY_SAMPLE
};
process.stderr.write(
  `release-noise.json: ${d.name}, ${gap.before} before release of ${gap.total} in ${Math.round(performance.now() - started)} ms\n`
);
process.stdout.write(JSON.stringify(out));
