// Data loader for data/cleaning.json: the cleaning report of the workbench's data set, plus every
// rating removed by the before-release rule (for the timeline chart) and the titles the page shows.
// Runs under tsx at build time; JSON goes to stdout, progress to stderr. Ships aggregates and removed
// rows only (at most MAX_TIMELINE of them), never the rating files.
import {releaseCutoff} from "../../lib/data/release-noise.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {publicJson} from "../../lib/node/public-path.js";

/** Report examples per rule, as in the default report. */
const MAX_EXAMPLES = 5;
/** Removed before-release rows drawn at most (ml-100k has 231; big sets with year-only dates have more). */
const MAX_TIMELINE = 5000;

const started = performance.now();
// Every example of every rule, so that the before-release rows are all at hand; trimmed below.
const {raw, report, origin, reason} = await openDataset({
  log: (msg) => process.stderr.write(`cleaning.json: ${msg}\n`),
  clean: {maxExamples: Infinity},
  keepRaw: true
});

const rowOfMovie = new Map<number, number>();
raw.movies.id.forEach((id, row) => rowOfMovie.set(id, row));
const early = report.rules.find((r) => r.rule === "before-release")?.examples ?? [];
const beforeRelease = early.slice(0, MAX_TIMELINE).map((e) => ({
  userId: e.userId,
  movieId: e.movieId,
  rating: e.rating,
  timestamp: e.timestamp,
  release: releaseCutoff(raw.movies, rowOfMovie.get(e.movieId) ?? -1)
}));

const rules = report.rules.map((r) => ({...r, examples: r.examples.slice(0, MAX_EXAMPLES)}));
const titles: Record<number, string> = {};
for (const id of [...rules.flatMap((r) => r.examples.map((e) => e.movieId)), ...beforeRelease.map((e) => e.movieId)]) {
  const row = rowOfMovie.get(id);
  if (row !== undefined) titles[id] = raw.movies.title[row];
}

process.stderr.write(
  `cleaning.json: ${raw.name}, ${report.rowsIn} in, ${report.rowsOut} out, ${early.length} before release (${Math.round(performance.now() - started)} ms)\n`
);
// Local paths (in the reason, in examples' file names) never reach the deployed site.
process.stdout.write(
  publicJson(
    {
      name: raw.name,
      origin,
      reason,
      synthetic: raw.source.kind === "synthetic",
      report: {...report, rules},
      beforeRelease,
      beforeReleaseComplete: early.length <= MAX_TIMELINE,
      titles
    },
    [raw.source.dir]
  )
);
