// Data loader for data/recommender-ranking.json: precision, recall, nDCG (and MAP, hit rate,
// coverage) at k = 1..20 per model under the Microsoft Recommenders protocol (75/25 split
// stratified by movie, seed 42, every unseen movie ranked). Logic lives in lib/.
import {datasetRankingSplit} from "../../lib/eval/evaluate-ranking.js";
import {getModel, modelNames} from "../../lib/models/registry.js";
import {sharingFits} from "../../lib/models/fit-cache.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {budgeted} from "../../lib/node/budgeted.js";
import {BUDGETS} from "../../lib/reports/budgets.js";
import {PUBLISHED_RANKING} from "../../lib/reports/anchors.js";
import {MICROSOFT_PROTOCOL} from "../../lib/reports/rank-result.js";
import {rankingCurves, type RankingPlanEntry} from "../../lib/reports/ranking-curves.js";
import {rankingLeaderboard} from "../../lib/reports/ranking-leaderboard.js";
import type {RankingResult} from "../../lib/eval/evaluate-ranking.js";

// BPR runs its full 100 epochs (Cornac's setting): fewer make it look weaker than it is.
const BPR_EPOCHS = 100;
const started = performance.now();
const data = await openDataset({clean: {beforeRelease: false}});
const {dataset: d, sample} = budgeted(data, BUDGETS["recommender-ranking"]);
const split = datasetRankingSplit(d, 42);
// Every ranking model of the registry, and two rating models as references (the page's text discusses these two).
const plan = [...modelNames("ranking"), "mf", "baseline"].map((name) => {
  const model = getModel(name);
  const label =
    model.task === "rating"
      ? `${model.label} (rating model)`
      : name === "bpr"
        ? `${model.label} (${BPR_EPOCHS} epochs)`
        : model.label;
  return {name, label, model, params: name === "bpr" ? {epochs: BPR_EPOCHS} : undefined};
});
const results: {name: string; label: string; result: RankingResult}[] = [];
const keep = (p: RankingPlanEntry, result: RankingResult) => results.push({name: p.name, label: p.label, result});
// Fits shared between models (the ranking blend's members refitted on the split are EASE's and iALS's own).
const {result: curves} = await sharingFits(async () =>
  rankingCurves(plan, split, 20, (_, name) => process.stderr.write(`recommender-ranking.json: ${name}\n`), keep)
);
// At k = 10 (index 9): intervals over users, each model against the best, figures per gender and age.
const leaderboard = rankingLeaderboard(results, 9, d.users);
process.stderr.write(
  `recommender-ranking.json: ${d.name}, ${sample.text}, ${plan.length} models in ${((performance.now() - started) / 1000).toFixed(1)} s\n`
);
process.stdout.write(
  JSON.stringify({
    name: d.name,
    synthetic: data.synthetic,
    sample,
    protocol: MICROSOFT_PROTOCOL,
    seed: 42,
    bprEpochs: BPR_EPOCHS,
    trainRatings: split.train.ratings.rating.length,
    testRatings: split.test.rating.length,
    nMovies: d.movies.id.length,
    curves,
    leaderboard,
    published: PUBLISHED_RANKING
  })
);
