// Data loader for data/sparsity.json: density, ratings per user and per movie (for the threshold control),
// and two seeded blocks of the rating matrix (a random one and the dense core) for the heat maps.
import {ratingsPerMovie, ratingsPerUser} from "../../lib/analysis/activity.js";
import {matrixBlock} from "../../lib/analysis/matrix-block.js";
import {countsOfCounts, sparsity} from "../../lib/analysis/sparsity.js";
import {openDataset} from "../../lib/node/open-dataset.js";

const started = performance.now();
const {dataset: d} = await openDataset();
const perUser = ratingsPerUser(d);
const perMovie = ratingsPerMovie(d);
const out = {
  name: d.name,
  scale: d.scale,
  sparsity: sparsity(perUser.length, perMovie.length, d.ratings.rating.length),
  // Counts of counts: the page's size does not grow with the number of users and movies.
  perUser: countsOfCounts(perUser),
  perMovie: countsOfCounts(perMovie),
  blocks: {
    random: matrixBlock(d, {users: 60, movies: 100, seed: 1, from: "random"}),
    dense: matrixBlock(d, {users: 60, movies: 100, seed: 1, from: "dense"})
  }
};
process.stderr.write(`sparsity.json: ${d.name} in ${Math.round(performance.now() - started)} ms\n`);
process.stdout.write(JSON.stringify(out));
