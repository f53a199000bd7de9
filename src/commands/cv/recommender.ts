/** `movielab cv --model NAME`: any rating model of the registry through the harness, per fold and mean ± sd. */
import {crossValidate} from "../../../lib/eval/cross-validate.js";
import {seedParams} from "../../../lib/models/estimator.js";
import {MODELS, modelNames} from "../../../lib/models/registry.js";
import {parallelTrainer} from "../../../lib/node/threads/gbdt-parallel.js";
import {useForestThreads} from "../../../lib/node/threads/forest-threads.js";
import {createProgress} from "../../../lib/node/progress.js";
import {cvToJson, formatCvTable} from "../../../lib/reports/cv-result.js";
import {datasetFingerprint} from "../../../lib/lab/fingerprint.js";
import {UsageError, type Command, type CommandContext} from "../../cli-command.js";
import {seedOption} from "../../options/classifier.js";
import {cvProtocolOption, protocolFolds, protocolHelp} from "../../options/protocol.js";
import type {ProtocolName} from "../../../lib/eval/protocols/index.js";
import {openDataset} from "../../../lib/node/open-dataset.js";
import {DATA_OPTIONS, datasetOptions} from "../../options/dataset.js";
import {fileRunRecord, invocationOf, RECORD_OPTIONS, withRunContext} from "../../options/run-record.js";

const WHERE = "movielab cv";

/** The protocols `movielab cv` runs (rating prediction; msr is rank's). */
export const CV_PROTOCOLS: readonly ProtocolName[] = ["official", "u1", "kfold", "temporal-global", "temporal-user"];

/** The rating model --model names, or a usage error listing the rating models (and pointing ranking models at `movielab rank`). */
export function ratingModelOption(ctx: CommandContext, where: string): string {
  const name = ctx.options.model;
  const known = modelNames("rating");
  if (typeof name !== "string" || name === "")
    throw new UsageError(`--model is required: one of ${known.join(", ")}`, where);
  if (MODELS[name]?.task === "ranking")
    throw new UsageError(
      `--model "${name}" is a ranking model (no rating estimates); use 'movielab rank --model ${name}', or one of ${known.join(", ")}`,
      where
    );
  if (!known.includes(name))
    throw new UsageError(`unknown --model "${name}": expected one of ${known.join(", ")}`, where);
  return name;
}

/** One line per rating model for --help, from the registry. */
function modelList(): string {
  return modelNames("rating")
    .map((n) => `  ${n.padEnd(12)} ${MODELS[n].description}`)
    .join("\n");
}

export const modelCvCommand: Command = {
  name: "recommender",
  summary: "cross-validate any rating model of the registry (RMSE, MAE, and for the classifier accuracy, F1, log loss)",
  description:
    "Fits the model on each fold's training part and predicts its test part. ml-100k uses its official u1..u5 splits\n" +
    "unless --protocol (or --folds K, K seeded random folds) asks otherwise; other data sets default to 5 random folds.\n" +
    "Every rating is kept (as Surprise and the published figures do), except that temporal-global drops, and counts,\n" +
    "test ratings of users or movies unseen before the cut. Exit 0 on success, 1 on bad data, 2 on bad usage.\n" +
    "Protocols:\n" +
    protocolHelp(CV_PROTOCOLS) +
    "\nRating models:\n" +
    modelList(),
  options: {
    ...DATA_OPTIONS,
    model: {type: "string", value: "NAME", description: `rating model (required): ${modelNames("rating").join(", ")}`},
    protocol: {
      type: "string",
      value: "NAME",
      description: `${CV_PROTOCOLS.join("|")} (default official when the files exist, else kfold)`
    },
    folds: {
      type: "string",
      value: "official|K",
      description: "alias: official is --protocol official, K is --protocol kfold with K folds (default 5)"
    },
    seed: {
      type: "string",
      value: "N",
      description: "seed of the split (kfold, temporal-user) and of the model (default 42)"
    },
    json: {type: "boolean", description: "print the result as JSON on stdout (no progress bar)"},
    ...RECORD_OPTIONS
  },
  async run(ctx) {
    const json = ctx.options.json === true;
    const name = ratingModelOption(ctx, WHERE);
    const seed = seedOption(ctx, WHERE) ?? 42;
    cvProtocolOption(ctx, WHERE, CV_PROTOCOLS, true);
    const loaded = await openDataset(datasetOptions(ctx, {beforeRelease: false}));
    const choice = cvProtocolOption(ctx, WHERE, CV_PROTOCOLS, loaded.folds.hasOfficial);
    const made = await protocolFolds(loaded, choice, seed, WHERE);
    const folds = made.folds;

    const model = MODELS[name];
    const progress = createProgress({
      label: `cv ${name}`,
      disabled: json || !ctx.stderrIsTTY,
      env: ctx.env,
      unit: "items"
    });
    progress.update(0, folds.length);
    const params = seedParams(model, seed);
    // The classifier's test rows are predicted on two threads (the same bits; useForestThreads).
    if (name === "classifier") useForestThreads({threads: 2});
    const t0 = performance.now();
    const result = await crossValidate(model, folds, {
      params,
      // Trees grow on worker threads (the same model as on one thread).
      fitOptions: {gbdtTrainer: parallelTrainer()},
      onProgress: (p) => progress.update(p.phase === "done" ? p.fold + 1 : p.fold, folds.length)
    });
    progress.finish();
    const wall = (performance.now() - t0) / 1000;
    const cv = cvToJson(result, {
      source: "cli",
      dataset: loaded.dataset.name,
      fingerprint: await datasetFingerprint(loaded.dataset),
      n_ratings: loaded.dataset.ratings.rating.length,
      model: name,
      description: model.description,
      protocol: made.protocol,
      seed,
      params: {...(model.defaults as Record<string, unknown>), ...params},
      wall_seconds: wall
    });
    const out = withRunContext(cv, "cv", invocationOf(ctx, ["cv", "recommender"], loaded.dir));
    await fileRunRecord(ctx, out);
    // The protocol's sentence says what the folds are and what a temporal cut dropped (never silently).
    ctx.out(json ? `${JSON.stringify(out, null, 2)}\n` : `${made.description}\n${formatCvTable(out)}`);
    return 0;
  }
};
