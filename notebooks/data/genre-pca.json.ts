// Data loader for data/genre-pca.json: the classifier's genre PCA fitted on every rating of the
// workbench's data set — variance per component, loadings, and each rated movie in the PC1–PC2 plane.
import {genrePcaSummary} from "../../lib/analysis/genre-pca-summary.js";
import {openDataset} from "../../lib/node/open-dataset.js";

const started = performance.now();
const {dataset} = await openDataset();
const summary = genrePcaSummary(dataset, 5);
process.stderr.write(
  `genre-pca.json: ${dataset.name}, ${summary.genres.length} genres, ${summary.movies.movieId.length} movies in ${Math.round(performance.now() - started)} ms\n`
);
process.stdout.write(JSON.stringify({name: dataset.name, ratings: dataset.ratings.rating.length, ...summary}));
