// Data loader for data/genres.json: movies and ratings per genre, mean rating by genre, co-occurrence,
// and each genre's rating histogram for the genre picker.
import {genreCooccurrence} from "../../lib/analysis/genre-cooccurrence.js";
import {genreCounts, hasGenre} from "../../lib/analysis/genre-counts.js";
import {genreMeans} from "../../lib/analysis/genre-means.js";
import {ratingHistogram} from "../../lib/analysis/rating-histogram.js";
import {openDataset} from "../../lib/node/open-dataset.js";

const started = performance.now();
const {dataset: d} = await openDataset();
const G = d.movies.genreNames.length;
// Ratings of each genre's movies, for that genre's histogram.
const histograms = d.movies.genreNames.map((_, g) => {
  const keep: number[] = [];
  for (let i = 0; i < d.ratings.movie.length; i++)
    if (hasGenre(d.movies, d.ratings.movie[i], g)) keep.push(d.ratings.rating[i]);
  const h = ratingHistogram(keep, d.scale);
  return {counts: h.counts, shares: h.shares};
});
const out = {
  name: d.name,
  scale: d.scale,
  movies: d.movies.id.length,
  counts: genreCounts(d),
  means: genreMeans(d),
  cooccurrence: genreCooccurrence(d.movies),
  histogramValues: ratingHistogram([], d.scale).values,
  histograms,
  overall: ratingHistogram(d.ratings.rating, d.scale)
};
process.stderr.write(`genres.json: ${d.name}, ${G} genres in ${Math.round(performance.now() - started)} ms\n`);
process.stdout.write(JSON.stringify(out));
