// Data loader for data/model.json: a classifier bundle for the Predict page, trained at build time on
// the workbench's data set (MOVIELAB_DATA, else data/ml-100k, else the synthetic set). Fewer boosting
// rounds and a smaller ranker than `movielab train classifier` keep the site build short; the page says
// so. With MOVIELAB_BUNDLE set, the site ships that bundle instead (validated, of the same data set), e.g.
// one whose recommendations come from Spark ALS factors (`movielab train import-als`).
// Bundle text to stdout, progress to stderr. The bundle carries no rating rows: no timestamps and, since
// visitors are served by cold start (fold-in and item-item, lib/serving/visitor-service.ts), no user's
// rating history either (MovieLens' licence forbids redistributing its rows; WorkbenchOptions.userRatings).
import {basename} from "node:path";
import {buildWorkbenchBundle} from "../../lib/bundle/workbench.js";
import {serializeBundle} from "../../lib/bundle/bundle.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {siteBundle} from "../../lib/node/site-bundle.js";
import {budgeted} from "../../lib/node/budgeted.js";
import {BUDGETS} from "../../lib/reports/budgets.js";
import {parallelTrainer} from "../../lib/node/threads/gbdt-parallel.js";
import {fitClassifierAsync} from "../../lib/models/classifier/pipeline.js";

/** The page's model: the peer's learning rate with fewer rounds; no inner validation, no early stopping. */
export const PAGE_MODEL = {rounds: 40, maxDepth: 6, eta: 0.3, neighbours: 32} as const;

const t0 = performance.now();
const data = await openDataset();
const given = await siteBundle(data.dataset);
process.stdout.write(given === null ? await trainPageModel() : imported(given));

/** The bundle MOVIELAB_BUNDLE gave, marked as imported for the page. */
function imported({path, bundle}: NonNullable<typeof given>): string {
  bundle.meta.params.page = {imported: basename(path)};
  bundle.state.ratings = null;
  bundle.meta.params.userRatings = false;
  const text = serializeBundle(bundle);
  process.stderr.write(`model.json: ${path} as given by MOVIELAB_BUNDLE (${(text.length / 1e6).toFixed(2)} MB)\n`);
  return text;
}

/** The page's own model, trained on the budgeted set. */
async function trainPageModel(): Promise<string> {
  const {dataset, sample} = budgeted(data, BUDGETS.model);
  const rows = Int32Array.from({length: dataset.ratings.rating.length}, (_, i) => i);
  const classifier = await fitClassifierAsync(
    dataset,
    rows,
    {
      gbdt: {
        n_estimators: PAGE_MODEL.rounds,
        max_depth: PAGE_MODEL.maxDepth,
        learning_rate: PAGE_MODEL.eta,
        early_stopping_rounds: null
      },
      validationFraction: 0
    },
    {trainer: parallelTrainer()}
  );
  const t1 = performance.now();
  const bundle = buildWorkbenchBundle(dataset, classifier, {
    ranker: "ease",
    neighbours: PAGE_MODEL.neighbours,
    synthetic: data.synthetic,
    userRatings: false
  });
  bundle.meta.params.page = {...PAGE_MODEL, sample: sample.text, sampleWhy: sample.why};
  const text = serializeBundle(bundle);
  process.stderr.write(
    `model.json: ${dataset.name}, ${sample.text}, ${classifier.log.rounds} rounds in ${((t1 - t0) / 1000).toFixed(1)} s, ` +
      `bundle ${(text.length / 1e6).toFixed(2)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`
  );
  return text;
}
