// Data loader for data/users-movies.json: activity distributions, popularity bias and a per-movie table
// (count, mean, title, year, genres) for the ranking and search controls that run in the browser.
import {logBins, ratingsPerUser, topShare} from "../../lib/analysis/activity.js";
import {movieStats} from "../../lib/analysis/movie-stats.js";
import {popularityBias} from "../../lib/analysis/popularity-bias.js";
import {openDataset} from "../../lib/node/open-dataset.js";

const started = performance.now();
const {dataset: d} = await openDataset();
const perUser = ratingsPerUser(d);
const stats = movieStats(d);
const G = d.movies.genreNames.length;
const round3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);
const out = {
  name: d.name,
  users: perUser.length,
  ratings: d.ratings.rating.length,
  perUserBins: logBins(perUser),
  perMovieBins: logBins(stats.count),
  topUserShare: topShare(perUser, 0.1),
  topMovieShare: topShare(stats.count, 0.1),
  userMedian: median(perUser),
  movieMedian: median(stats.count),
  popularity: popularityBias(stats.count, stats.mean),
  globalMean: stats.globalMean,
  // Typed columns, one entry per movie row.
  movies: {
    id: Array.from(d.movies.id),
    title: d.movies.title,
    year: Array.from(d.movies.year, (y) => (Number.isFinite(y) ? y : null)),
    genres: Array.from(d.movies.id, (_, m) =>
      d.movies.genreNames.filter((_, g) => d.movies.genres[m * G + g] === 1).join("|")
    ),
    count: Array.from(stats.count),
    mean: Array.from(stats.mean, round3)
  }
};
process.stderr.write(`users-movies.json: ${d.name} in ${Math.round(performance.now() - started)} ms\n`);
process.stdout.write(JSON.stringify(out));

function median(a: Int32Array): number {
  const s = Int32Array.from(a).sort();
  const mid = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
