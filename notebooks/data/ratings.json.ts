// Data loader for data/ratings.json: rating histogram, moments, ratings by user group and per week.
// Runs lib/analysis in Node at build time; ships aggregates only (a few KB).
import {ratingHistogram} from "../../lib/analysis/rating-histogram.js";
import {ratingMoments} from "../../lib/analysis/rating-moments.js";
import {ratingsByUserGroup} from "../../lib/analysis/ratings-by-group.js";
import {ratingsPerWeek} from "../../lib/analysis/ratings-per-week.js";
import {openDataset} from "../../lib/node/open-dataset.js";

const started = performance.now();
const {dataset: d} = await openDataset();
const out = {
  name: d.name,
  scale: d.scale,
  histogram: ratingHistogram(d.ratings.rating, d.scale),
  moments: ratingMoments(d.ratings.rating),
  groups: {
    gender: ratingsByUserGroup(d, "gender"),
    age: ratingsByUserGroup(d, "age"),
    occupation: ratingsByUserGroup(d, "occupation")
  },
  weekly: ratingsPerWeek(d.ratings.timestamp, d.ratings.rating)
};
process.stderr.write(
  `ratings.json: ${d.name}, ${d.ratings.rating.length} ratings in ${Math.round(performance.now() - started)} ms\n`
);
process.stdout.write(JSON.stringify(out));
