/** `movielab train classifier`: fits the classifier on the whole cleaned data set and writes a workbench bundle atomically. */
import {resolve} from "node:path";
import {buildWorkbenchBundle, rankerNames} from "../../../lib/bundle/workbench.js";
import {serializeBundle} from "../../../lib/bundle/bundle.js";
import {CV_METRICS} from "../../../lib/eval/cross-validate-classifier.js";
import {createProgress} from "../../../lib/node/progress.js";
import {saveBundle} from "../../../lib/node/bundle-file.js";
import {parallelTrainer} from "../../../lib/node/threads/gbdt-parallel.js";
import {fitClassifierAsync} from "../../../lib/models/classifier/pipeline.js";
import {UsageError, type Command} from "../../cli-command.js";
import {CLASSIFIER_OPTIONS, classifierParamsFrom, FOLD_SEED_OPTION, numberOption} from "../../options/classifier.js";
import {runClassifierCv} from "../cv/classifier.js";
import {openDataset} from "../../../lib/node/open-dataset.js";
import {sampleUserRows} from "../../../lib/data/sample.js";
import {DATA_OPTIONS, datasetOptions} from "../../options/dataset.js";

const WHERE = "movielab train classifier";

/** Ratings `train classifier` fits on by default: ml-1m (1,000,209) whole, the 10M-and-larger sets sampled. */
export const MAX_RATINGS = 1_500_000;

export const trainClassifierCommand: Command = {
  name: "classifier",
  summary: "fit the rating classifier on a whole data set and write a model bundle",
  description:
    "Cleans the data set (every rule, including ratings dated before release), fits the feature pipeline and the\n" +
    "gradient-boosted trees on all of it (early stopping picks the round count on a held-out 10%, then everything is\n" +
    "refitted on all rows), fits a ranking model for top-N, and writes one versioned JSON bundle\n" +
    "(written to a temporary file, then renamed). With --cv the bundle's metadata records cross-validated figures\n" +
    "(official u1..u5 on ml-100k, else 5-fold, or --folds). A set over --max-ratings (default 1,500,000: ml-1m and\n" +
    "smaller run whole) fits the trees on a seeded sample of whole users, said in the output and the bundle (their\n" +
    "cost grows with every rating); the bundle still knows every user and movie, its ranker is fitted on every\n" +
    "rating, and users outside the sample are predicted from priors (cold_start true).",
  options: {
    ...DATA_OPTIONS,
    out: {type: "string", short: "o", value: "FILE", description: "where to write the bundle (required)"},
    ranker: {
      type: "string",
      value: "NAME",
      description: `top-N model stored in the bundle: ${rankerNames().join(", ")} (default ease)`
    },
    neighbours: {type: "string", value: "N", description: "weights kept per movie in the ranker (default 64)"},
    "max-ratings": {
      type: "string",
      value: "N",
      description:
        "ratings the trees are fitted on at most; beyond, a seeded sample of whole users (default 1500000, 0: all)"
    },
    cv: {type: "boolean", description: "cross-validate first and record the mean figures in the bundle"},
    folds: {type: "string", value: "official|K", description: "folds of --cv (default official when present, else 5)"},
    ...FOLD_SEED_OPTION,
    ...CLASSIFIER_OPTIONS,
    json: {type: "boolean", description: "print a JSON summary on stdout (no progress bar)"}
  },
  async run(ctx) {
    const json = ctx.options.json === true;
    if (typeof ctx.options.out !== "string" || ctx.options.out === "")
      throw new UsageError("train classifier needs --out FILE", WHERE);
    const out = resolve(ctx.cwd, ctx.options.out);
    const ranker = ctx.options.ranker ?? "ease";
    if (typeof ranker !== "string" || !rankerNames().includes(ranker))
      throw new UsageError(`--ranker is "${String(ranker)}": expected one of ${rankerNames().join(", ")}`, WHERE);
    for (const name of ["folds", "fold-seed"])
      if (ctx.options[name] !== undefined && ctx.options.cv !== true)
        throw new UsageError(`--${name} sets the folds of --cv; add --cv or drop --${name}`, WHERE);
    const neighbours =
      numberOption(ctx, "neighbours", WHERE, (v) => Number.isInteger(v) && v >= 1, "an integer ≥ 1") ?? 64;
    // The final model sees every row: early stopping picks the round count on the inner validation part, then a refit uses all rows.
    const params = {...classifierParamsFrom(ctx, WHERE), refit: true};
    if (params.features.factors)
      throw new UsageError(
        `--factors ${params.features.factors} cannot be bundled yet: use it with 'movielab cv classifier'`,
        WHERE
      );

    let metrics: Record<string, number> = {};
    let cvProtocol: string | null = null;
    if (ctx.options.cv === true) {
      const evalSet = await openDataset(datasetOptions(ctx, {beforeRelease: false}));
      const cv = await runClassifierCv(ctx, evalSet, WHERE, json);
      cvProtocol = cv.protocol === "official" ? "official" : `${cv.folds.length}-fold`;
      metrics = Object.fromEntries(
        CV_METRICS.flatMap((m) => [
          [`cv_${m}`, cv.summary.mean[m]],
          [`cv_${m}_sd`, cv.summary.sd[m]]
        ])
      );
      metrics.cv_folds = cv.folds.length;
    }

    const maxRatings =
      numberOption(ctx, "max-ratings", WHERE, (v) => Number.isInteger(v) && v >= 0, "an integer ≥ 0") ?? MAX_RATINGS;
    const loaded = await openDataset(datasetOptions(ctx, {beforeRelease: true}));
    const {dataset} = loaded;
    const rows = Int32Array.from({length: dataset.ratings.rating.length}, (_, i) => i);
    const {rows: sampled, note: sample} =
      maxRatings === 0
        ? {rows: null, note: {kind: "all", text: "every rating"}}
        : sampleUserRows(dataset, maxRatings, 7);
    const rounds = params.gbdt.n_estimators ?? 100;
    const progress = createProgress({
      label: "train classifier",
      disabled: json || !ctx.stderrIsTTY,
      env: ctx.env,
      unit: "items"
    });
    const t0 = performance.now();
    const classifier = await fitClassifierAsync(dataset, sampled ?? rows, params, {
      onRound: (r) => progress.update(r + 1, rounds),
      trainer: parallelTrainer()
    });
    progress.finish();
    const fitSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const bundle = buildWorkbenchBundle(dataset, classifier, {
      ranker,
      neighbours,
      rows,
      metrics,
      synthetic: loaded.synthetic
    });
    const rankerSeconds = (performance.now() - t1) / 1000;
    if (cvProtocol !== null) bundle.meta.params.cv = cvProtocol;
    if (sample.kind !== "all") bundle.meta.params.sample = sample.text;
    await saveBundle(out, bundle);
    const bytes = serializeBundle(bundle).length;
    const summary = {
      out,
      dataset: bundle.meta.dataset,
      rounds: classifier.log.rounds,
      stopReason: classifier.log.stopReason,
      features: classifier.columnNames,
      ranker,
      sample: sample.kind === "all" ? null : sample.text,
      rankerNote: bundle.meta.params.rankerNote ?? null,
      fitSeconds,
      rankerSeconds,
      bytes,
      metrics
    };
    if (json) {
      ctx.out(`${JSON.stringify(summary, null, 2)}\n`);
      return;
    }
    const lines = [
      `${out}: classifier bundle, ${(bytes / 1e6).toFixed(2)} MB`,
      `  data set ${dataset.name}: ${dataset.ratings.rating.length} ratings, ${dataset.userIds.length} users, ${dataset.movies.id.length} movies`,
      ...(sample.kind === "all" ? [] : [`  trees fitted on ${sample.text} (--max-ratings ${maxRatings})`]),
      ...(bundle.meta.params.rankerNote ? [`  ranker: ${String(bundle.meta.params.rankerNote)}`] : []),
      `  ${classifier.log.rounds} rounds (${classifier.log.stopReason}) on ${classifier.columnNames.length} features in ${fitSeconds.toFixed(1)} s; ranker ${ranker} in ${rankerSeconds.toFixed(1)} s`
    ];
    if (cvProtocol !== null)
      lines.push(
        `  cross-validated (${cvProtocol}): accuracy ${metrics.cv_accuracy.toFixed(4)}, macro F1 ${metrics.cv_macro_f1.toFixed(4)}, RMSE ${metrics.cv_rmse.toFixed(4)}`
      );
    ctx.out(`${lines.join("\n")}\n`);
  }
};
