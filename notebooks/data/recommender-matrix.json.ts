// Data loader for data/recommender-matrix.json: the user–item matrix of the workbench's data set:
// a small dense-core pivot with titles, a larger block for the heat map, sparsity, storage per
// layout and the label encoding. Logic lives in lib/.
import {matrixBlock} from "../../lib/analysis/matrix-block.js";
import {sparsity} from "../../lib/analysis/sparsity.js";
import {labelEncodingSample, matrixStorage} from "../../lib/reports/matrix-summary.js";
import {openDataset} from "../../lib/node/open-dataset.js";

const started = performance.now();
const {dataset: d, synthetic} = await openDataset();
const nU = d.userIds.length,
  nM = d.movies.id.length,
  nnz = d.ratings.rating.length;
const pivot = matrixBlock(d, {users: 12, movies: 8, seed: 3, from: "dense"});
const out = {
  name: d.name,
  synthetic,
  scale: d.scale,
  sparsity: sparsity(nU, nM, nnz),
  storage: matrixStorage(nU, nM, nnz),
  pivot: {...pivot, title: pivot.movie.map((m) => d.movies.title[m])},
  block: matrixBlock(d, {users: 80, movies: 120, seed: 1, from: "random"}),
  encoding: labelEncodingSample(d, 5)
};
process.stderr.write(`recommender-matrix.json: ${d.name} in ${Math.round(performance.now() - started)} ms\n`);
process.stdout.write(JSON.stringify(out));
