// Data loader for data/users-movies.json: activity distributions, popularity bias and a per-movie table
// (count, mean, title, year, genres) for the ranking and search controls that run in the browser.
import {logBins, ratingsPerUser, topShare} from "../../lib/analysis/activity.js";
import {movieStats} from "../../lib/analysis/movie-stats.js";
import {popularityBias} from "../../lib/analysis/popularity-bias.js";
import {countsOfCounts} from "../../lib/analysis/sparsity.js";
import {rankMovies} from "../../lib/analysis/top-movies.js";
import {openDataset} from "../../lib/node/open-dataset.js";

/** Movies shipped to the page at most (the most rated): ml-latest-small's 9,742 fit; ml-32m's 87k would be ~7 MB. */
const MAX_MOVIES = 10_000;

const started = performance.now();
const {dataset: d} = await openDataset();
const perUser = ratingsPerUser(d);
const stats = movieStats(d);
const G = d.movies.genreNames.length;
const round3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);
const nM = d.movies.id.length;
// Shipped rows: every movie when they fit, else the MAX_MOVIES most rated, in movie-row order.
const shipped =
  nM <= MAX_MOVIES
    ? Int32Array.from({length: nM}, (_, m) => m)
    : Int32Array.from(rankMovies(stats.count, stats.mean, {by: "count", limit: MAX_MOVIES})).sort();
const genresOf = (m: number) => d.movies.genreNames.filter((_, g) => d.movies.genres[m * G + g] === 1).join("|");
const naive = rankMovies(stats.count, stats.mean, {by: "mean", minCount: 1, limit: 1})[0];
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
  // Every movie's count as counts of counts, so the page counts movies under any minimum over all of them.
  movieCounts: countsOfCounts(stats.count),
  moviesTotal: nM,
  // The best mean with no minimum, over every movie (the shipped rows may not hold it).
  naive:
    naive === undefined
      ? null
      : {title: d.movies.title[naive], mean: round3(stats.mean[naive]), ratings: stats.count[naive]},
  // Typed columns, one entry per shipped movie row.
  movies: {
    id: Array.from(shipped, (m) => d.movies.id[m]),
    title: Array.from(shipped, (m) => d.movies.title[m]),
    year: Array.from(shipped, (m) => (Number.isFinite(d.movies.year[m]) ? d.movies.year[m] : null)),
    genres: Array.from(shipped, genresOf),
    count: Array.from(shipped, (m) => stats.count[m]),
    mean: Array.from(shipped, (m) => round3(stats.mean[m]))
  }
};
process.stderr.write(`users-movies.json: ${d.name} in ${Math.round(performance.now() - started)} ms\n`);
process.stdout.write(JSON.stringify(out));

function median(a: Int32Array): number {
  const s = Int32Array.from(a).sort();
  const mid = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
