// Data loader for data/classifier-sample.zip: the Training page's Web Worker retrains on this — the
// feature rows (features fitted on the hold-out split's training part) of a seeded sample of training
// rows and of test rows, with their classes. No ids or timestamps ship. A zip (sample.json + raw
// column-major arrays, lib/workers/training-sample.ts) keeps it under 1 MB at any data set size.
import {openDataset} from "../../lib/node/open-dataset.js";
import {budgeted} from "../../lib/node/budgeted.js";
import {BUDGETS} from "../../lib/reports/budgets.js";
import {buildTrainingSample, packTrainingSample} from "../../lib/workers/training-sample.js";

/** Rows shipped: enough for a meaningful retrain; a fixed count, so the file does not grow with the set. */
const SAMPLE = {nTrain: 12000, nValid: 3000, seed: 0};

const started = performance.now();
const data = await openDataset({clean: {beforeRelease: false}});
const {dataset, folds, sample: budgetSample} = budgeted(data, BUDGETS["classifier-sample"]);
const split = await folds.holdout();
const sample = buildTrainingSample(dataset, split.train, split.test, SAMPLE);
const zip = packTrainingSample(sample, {name: dataset.name, split: split.description, budgetSample});
process.stderr.write(
  `classifier-sample.zip: ${dataset.name}, ${sample.trainLabels.length} + ${sample.validLabels.length} rows × ${sample.featureNames.length} features, ${(zip.length / 1e6).toFixed(2)} MB in ${Math.round(performance.now() - started)} ms\n`
);
process.stdout.write(zip);
