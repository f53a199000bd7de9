// Data loader for data/classifier-sample.json: the Training page's Web Worker retrains on this — the
// feature rows (features fitted on the hold-out split's training part) of a seeded sample of training
// rows and of test rows, with their classes. No ids or timestamps ship; arrays are zlib + base64.
import {openDataset} from "../../lib/node/open-dataset.js";
import {budgeted} from "../../lib/node/budgeted.js";
import {BUDGETS} from "../../lib/reports/budgets.js";
import {buildTrainingSample, encodeTrainingSample} from "../../lib/workers/training-sample.js";

/** Rows shipped: enough for a meaningful retrain, small enough for a ~1.5 MB file. */
const SAMPLE = {nTrain: 12000, nValid: 3000, seed: 0};

const started = performance.now();
const data = await openDataset({clean: {beforeRelease: false}});
const {dataset, folds, sample: budgetSample} = budgeted(data, BUDGETS["classifier-sample"]);
const split = await folds.holdout();
const sample = encodeTrainingSample(buildTrainingSample(dataset, split.train, split.test, SAMPLE));
const text = JSON.stringify({name: dataset.name, split: split.description, budgetSample, ...sample});
process.stderr.write(
  `classifier-sample.json: ${dataset.name}, ${sample.nTrain} + ${sample.nValid} rows × ${sample.featureNames.length} features, ${(text.length / 1e6).toFixed(2)} MB in ${Math.round(performance.now() - started)} ms\n`
);
process.stdout.write(text);
