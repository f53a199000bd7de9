// Data loader for data/classifier-cv.json: cross-validation of the rating classifier (tuned defaults)
// with the majority and user+item bias baselines on the same folds — ml-100k's official folds when
// present, else seeded stratified folds. CV_FOLDS folds keep the site build short (see the page).
import {crossValidateClassifier} from "../../lib/eval/cross-validate-classifier.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {budgeted} from "../../lib/node/budgeted.js";
import {BUDGETS} from "../../lib/reports/budgets.js";
import {parallelTrainer} from "../../lib/node/threads/gbdt-parallel.js";
import {DEFAULT_CLASSIFIER_PARAMS} from "../../lib/models/classifier/pipeline.js";

/** Folds run at build time (2..5): three of the five keep the build short (each fold is a full-size fit, ~25 s of CPU on ml-100k). */
const CV_FOLDS = 3;

const started = performance.now();
let lastLine = started;
const data = await openDataset({clean: {beforeRelease: false}});
const {dataset, folds: datasetFolds, sample} = budgeted(data, BUDGETS["classifier-cv"]);
const {protocol, description, folds} = await datasetFolds.classifier(CV_FOLDS);
const result = await crossValidateClassifier(dataset, {
  folds,
  trainer: parallelTrainer(),
  params: DEFAULT_CLASSIFIER_PARAMS,
  onProgress: (p) => {
    const at = `${((performance.now() - started) / 1000).toFixed(1)} s`;
    const fold = `fold ${p.name} (${p.fold + 1} of ${p.folds})`;
    if (p.phase === "done") process.stderr.write(`classifier-cv.json: ${fold} done at ${at}\n`);
    // Every 5 s within a fold, so the preview's panel (and the terminal) can say how far along it is.
    else if (p.phase === "fit" && performance.now() - lastLine > 5000) {
      lastLine = performance.now();
      process.stderr.write(`classifier-cv.json: ${fold}, boosting round ${p.round} of ${p.rounds} at ${at}\n`);
    }
  }
});
const seconds = (performance.now() - started) / 1000;
process.stderr.write(
  `classifier-cv.json: ${data.dataset.name}, ${result.folds.length} folds, accuracy ${result.summary.mean.accuracy.toFixed(4)} in ${seconds.toFixed(1)} s\n`
);
process.stdout.write(
  JSON.stringify({...result, protocol, description, synthetic: data.synthetic, sample, buildSeconds: seconds})
);
