// Data loader for data/protocols.json: a few rating models under official / u1 / kfold / temporal-global /
// temporal-user and a few top-N models under msr / temporal-global / temporal-user, with how much the random
// split flatters each. Logic lives in lib/reports/protocol-comparison.ts; the protocols in lib/eval/protocols/.
import {getModel} from "../../lib/models/registry.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {budgeted} from "../../lib/node/budgeted.js";
import {BUDGETS} from "../../lib/reports/budgets.js";
import {PUBLISHED_RANKING, PUBLISHED_RATING} from "../../lib/reports/anchors.js";
import {compareProtocols, flattery} from "../../lib/reports/protocol-comparison.js";
import type {ProtocolName} from "../../lib/eval/protocols/index.js";

const started = performance.now();
const log = (msg: string) =>
  process.stderr.write(`protocols.json: ${msg} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
const data = await openDataset({clean: {beforeRelease: false}});
// The same budget as the Model comparison's: the same kind of work (every fold of several protocols).
const {dataset, folds, sample} = budgeted(data, BUDGETS["recommender-comparison"]);
const official = folds.hasOfficial ? await folds.official() : null;
const input = {dataset, official, seed: 42};
const RATING_MODELS = ["baseline", "item-knn", "mf"];
const RANKING_MODELS = ["popular", "item-knn-implicit", "ease"];
const ratingProtocols: ProtocolName[] = [
  ...(official ? (["official", "u1"] as const) : []),
  "kfold",
  "temporal-global",
  "temporal-user"
];
// Top-N models fit a movie × movie model per fold (EASE ~10 s on ml-100k on a loaded 2-core machine): the page
// runs 2 of msr's 5 split seeds and 2 of temporal-user's 5 folds; `movielab rank` runs them all.
const RANKING_CAPS: Partial<Record<ProtocolName, number>> = {msr: 2, "temporal-user": 2};
const step = (model: string, protocol: ProtocolName) => log(`${model} under ${protocol}`);
const rating = await compareProtocols(
  input,
  {task: "rating", models: RATING_MODELS.map(getModel), protocols: ratingProtocols},
  step
);
const ranking = await compareProtocols(
  input,
  {
    task: "ranking",
    models: RANKING_MODELS.map(getModel),
    protocols: ["msr", "temporal-global", "temporal-user"],
    maxFolds: RANKING_CAPS
  },
  step
);
log(`${dataset.name}, ${sample.text}`);
process.stdout.write(
  JSON.stringify({
    name: dataset.name,
    synthetic: data.synthetic,
    sample,
    rating,
    ranking,
    ratingFlattery: flattery(rating, "rmse", "kfold", ["temporal-global", "temporal-user"], true),
    rankingFlattery: flattery(ranking, "ndcg@10", "msr", ["temporal-global", "temporal-user"], false),
    rankingCaps: RANKING_CAPS,
    published: {rating: PUBLISHED_RATING, ranking: PUBLISHED_RANKING},
    seconds: (performance.now() - started) / 1000
  })
);
