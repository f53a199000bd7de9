// Data loader for data/recommender-users.json: 40 users spread from the least to the most active,
// their highest-rated movies and each model's top 10 with "because you rated …" reasons, and the
// nearest movies of the 300 most-rated ones. Models are fitted on every rating of the cleaned set.
// A bundle given by MOVIELAB_BUNDLE whose ranker is imported factors (Spark ALS) joins them.
import {importedFactorsModel} from "../../lib/bundle/factor-model.js";
import {isFactorRanker} from "../../lib/bundle/factor-ranker.js";
import {explainableNames, getModel} from "../../lib/models/registry.js";
import {siteBundle} from "../../lib/node/site-bundle.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {budgeted} from "../../lib/node/budgeted.js";
import {BUDGETS} from "../../lib/reports/budgets.js";
import {buildShowcase, spreadOfUsers} from "../../lib/reports/showcase.js";

const started = performance.now();
const data = await openDataset();
const {synthetic} = data;
const {dataset: d, sample} = budgeted(data, BUDGETS["recommender-users"]);
// Every model that explains its picks, then a factor model and popularity to compare with (no reasons).
const models = [...explainableNames(), "mf", "popular"].map((name) => ({
  name,
  label: getModel(name).label,
  model: getModel(name)
}));
const given = await siteBundle(data.dataset);
if (given !== null && isFactorRanker(given.bundle.state.ranker)) {
  const model = importedFactorsModel(given.bundle, given.path);
  models.push({name: model.name, label: model.label, model});
}
const showcase = buildShowcase(d, models, spreadOfUsers(d, 40), {
  k: 10,
  rated: 10,
  similarMovies: 300,
  similarCount: 10
});
process.stderr.write(
  `recommender-users.json: ${d.name}, ${showcase.users.length} users in ${((performance.now() - started) / 1000).toFixed(1)} s\n`
);
process.stdout.write(JSON.stringify({name: d.name, synthetic, sample, scale: d.scale, ...showcase}));
