// Data loader for data/classifier-holdout.json (Training and Evaluation pages): one full-size fit of
// the rating classifier with its tuned defaults on the hold-out split (ml-100k: official u1; else
// stratified 80/20), then the learning curves, feature importance and every test-set diagnostic.
import {holdoutReport} from "../../lib/eval/holdout-report.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {budgeted} from "../../lib/node/budgeted.js";
import {BUDGETS} from "../../lib/reports/budgets.js";
import {parallelTrainer} from "../../lib/node/threads/gbdt-parallel.js";
import {
  DEFAULT_CLASSIFIER_PARAMS,
  fitClassifierAsync,
  predictClassifier
} from "../../lib/models/classifier/pipeline.js";

const started = performance.now();
const data = await openDataset({clean: {beforeRelease: false}});
const {dataset, folds, sample} = budgeted(data, BUDGETS["classifier-holdout"]);
const split = await folds.holdout();
const state = await fitClassifierAsync(dataset, split.train, DEFAULT_CLASSIFIER_PARAMS, {
  trainer: parallelTrainer()
});
const {probabilities} = predictClassifier(state, dataset, split.test);
const report = holdoutReport(dataset, state, split.train, split.test, probabilities);
const seconds = (performance.now() - started) / 1000;
process.stderr.write(
  `classifier-holdout.json: ${dataset.name}, ${sample.text}, ${state.log.rounds} rounds, test accuracy ${report.metrics.accuracy.toFixed(4)} in ${seconds.toFixed(1)} s\n`
);
process.stdout.write(
  JSON.stringify({
    name: dataset.name,
    sample,
    split: split.description,
    params: state.params,
    buildSeconds: seconds,
    ...report
  })
);
