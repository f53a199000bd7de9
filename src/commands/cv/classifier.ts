/** `movielab cv classifier`: cross-validates the rating classifier and prints per-fold and mean ± sd figures with the baselines. */
import {
  crossValidateClassifier,
  CV_METRICS,
  type CvResult,
  type MetricSummary
} from "../../../lib/eval/cross-validate-classifier.js";
import type {FoldRows} from "../../../lib/data/folds.js";
import {createProgress} from "../../../lib/node/progress.js";
import {UsageError, type Command, type CommandContext} from "../../cli-command.js";
import type {ProtocolName} from "../../../lib/eval/protocols/index.js";
import {protocolFolds, protocolHelp, protocolOption} from "../../options/protocol.js";
import {CV_PROTOCOLS} from "./recommender.js";
import {parallelTrainer} from "../../../lib/node/threads/gbdt-parallel.js";
import {useForestThreads} from "../../../lib/node/threads/forest-threads.js";
import {
  CLASSIFIER_OPTIONS,
  classifierParamsFrom,
  FOLD_SEED_OPTION,
  numberOption,
  seedOption
} from "../../options/classifier.js";
import {openDataset, type OpenedDataset} from "../../../lib/node/open-dataset.js";
import {DATA_OPTIONS, datasetOptions} from "../../options/dataset.js";
import {fileRunRecord, invocationOf, RECORD_OPTIONS, withRunContext} from "../../options/run-record.js";
import {datasetFingerprint} from "../../../lib/lab/fingerprint.js";
import {MODELS} from "../../../lib/models/registry.js";
import {classifierRunRecord} from "../../../lib/runs/classifier-record.js";

const WHERE = "movielab cv classifier";

/** The folds --folds asks for: "official" (u1..u5 files), a count k ≥ 2, or by default official when present, else 5. */
export async function foldsFor(
  ctx: CommandContext,
  loaded: OpenedDataset,
  where: string
): Promise<FoldRows[] | number> {
  const spec = ctx.options.folds;
  if (spec === "official" || spec === undefined) {
    if (loaded.folds.hasOfficial) return loaded.folds.official();
    if (spec === "official")
      throw new UsageError(
        `--folds official needs ml-100k's u1..u5.base/.test files; ${loaded.dir ?? "the synthetic set"} has none (use --folds K)`,
        where
      );
    return 5;
  }
  const k = numberOption(ctx, "folds", where, (v) => Number.isInteger(v) && v >= 2, `"official" or an integer k ≥ 2`);
  return k!;
}

/** The protocols `cv classifier --protocol` takes: those of `movielab cv` (the rating task). */
export const CLASSIFIER_PROTOCOLS: readonly ProtocolName[] = CV_PROTOCOLS;

/**
 * The folds --protocol NAME makes (lib/eval/protocols, the folds `movielab cv recommender --protocol` uses),
 * as row indices; --folds may only restate the protocol's own setting (official, or K for kfold).
 */
async function protocolFoldRows(
  ctx: CommandContext,
  loaded: OpenedDataset,
  where: string,
  seed: number
): Promise<{name: ProtocolName; folds: FoldRows[]}> {
  const name = protocolOption(ctx.options.protocol, CLASSIFIER_PROTOCOLS, where);
  const rawFolds = ctx.options.folds;
  let options: Record<string, unknown> = {};
  if (rawFolds !== undefined) {
    if (name === "kfold" && rawFolds !== "official")
      options = {
        k: numberOption(
          ctx,
          "folds",
          where,
          (v) => Number.isInteger(v) && v >= 2,
          "an integer k ≥ 2 with --protocol kfold"
        )
      };
    else if (!(name === "official" && rawFolds === "official"))
      throw new UsageError(
        `--folds ${String(rawFolds)} with --protocol ${name}: --folds only sets kfold's K (or restates official); without --protocol, --folds K means K stratified folds`,
        where
      );
  }
  const made = await protocolFolds(loaded, {name, options}, seed, where);
  return {name, folds: made.folds.map((f) => f.rows!)};
}

/** Runs the command's cross-validation with a progress bar on stderr (off with --json). */
export async function runClassifierCv(
  ctx: CommandContext,
  loaded: OpenedDataset,
  where: string,
  json: boolean
): Promise<CvResult> {
  const params = classifierParamsFrom(ctx, where);
  const seed = seedOption(ctx, where, "fold-seed");
  const chosen =
    ctx.options.protocol === undefined ? undefined : await protocolFoldRows(ctx, loaded, where, seed ?? 42);
  const folds = chosen?.folds ?? (await foldsFor(ctx, loaded, where));
  const progress = createProgress({
    label: "cv classifier",
    disabled: json || !ctx.stderrIsTTY,
    env: ctx.env,
    unit: "items"
  });
  // Test rows are predicted on two threads as well (the same bits; useForestThreads).
  useForestThreads({threads: 2});
  // Trees grow on two worker threads (same model as single-thread); small sets stay on this thread.
  const result = await crossValidateClassifier(loaded.dataset, {
    folds,
    ...(chosen ? {protocol: chosen.name} : {}),
    trainer: parallelTrainer(),
    params,
    base: params,
    seed,
    onProgress: (p) => {
      const rounds = p.rounds ?? 1;
      progress.update(p.fold * rounds + (p.phase === "fit" ? (p.round ?? 0) : rounds), p.folds * rounds);
    }
  });
  progress.finish();
  return result;
}

export const classifierCvCommand: Command = {
  name: "classifier",
  summary: "cross-validate the rating classifier (features + gradient-boosted trees) against the baselines",
  description:
    "Fits the classifier on each fold's training part (every transform fitted there only; ratings dated before their\n" +
    "movie's release dropped from training) and scores the test part: accuracy, macro and weighted F1, log loss, RMSE\n" +
    "and MAE of the expected rating, fit and predict seconds, per fold and as mean ± sd, beside the majority class and\n" +
    "the rounded user+item bias on the same folds. ml-100k uses its official u1..u5 splits unless --folds K (K folds\n" +
    "stratified by rating) or --protocol NAME (the folds `movielab cv recommender --protocol NAME` uses) is given.\n" +
    "Protocols:\n" +
    protocolHelp(CLASSIFIER_PROTOCOLS),
  options: {
    ...DATA_OPTIONS,
    folds: {
      type: "string",
      value: "official|K",
      description: "official u1..u5 (default when the files exist) or K seeded stratified folds (default 5)"
    },
    protocol: {
      type: "string",
      value: "NAME",
      description: `${CLASSIFIER_PROTOCOLS.join("|")}: a shared protocol's folds instead (seed: --fold-seed, default 42)`
    },
    ...FOLD_SEED_OPTION,
    ...CLASSIFIER_OPTIONS,
    json: {type: "boolean", description: "print the full result as JSON on stdout (no progress bar)"},
    ...RECORD_OPTIONS
  },
  async run(ctx) {
    const json = ctx.options.json === true;
    classifierParamsFrom(ctx, WHERE); // usage errors before the data are read
    const loaded = await openDataset(datasetOptions(ctx, {beforeRelease: false}));
    const t0 = performance.now();
    const result = await runClassifierCv(ctx, loaded, WHERE, json);
    const record = classifierRunRecord(result, {
      fingerprint: await datasetFingerprint(loaded.dataset),
      n_ratings: loaded.dataset.ratings.rating.length,
      description: MODELS.classifier.description,
      wall_seconds: (performance.now() - t0) / 1000
    });
    await fileRunRecord(ctx, withRunContext(record, "cv", invocationOf(ctx, ["cv", "classifier"], loaded.dir)));
    ctx.out(json ? `${JSON.stringify(result, null, 2)}\n` : formatCv(result));
  }
};

const LABELS: Record<string, string> = {
  accuracy: "accuracy",
  macro_f1: "macro F1",
  weighted_f1: "weighted F1",
  log_loss: "log loss",
  rmse: "RMSE",
  mae: "MAE",
  fit_seconds: "fit s",
  predict_seconds: "predict s"
};

/** The text form: one row per fold, mean ± sd, and the baselines' means. */
export function formatCv(r: CvResult): string {
  const cols = [...CV_METRICS];
  const width = 13;
  const cell = (s: string) => s.padStart(width);
  const head = `${"fold".padEnd(10)}${cols.map((c) => cell(LABELS[c])).join("")}`;
  const lines = [
    `${r.dataset}: ${
      r.protocol === "official"
        ? "official folds"
        : r.protocol === "stratified-k-fold"
          ? `${r.folds.length}-fold stratified CV (seed ${r.seed})`
          : `protocol ${r.protocol}, ${r.folds.length} fold${r.folds.length === 1 ? "" : "s"} (seed ${r.seed})`
    }, classes ${r.classes.join(", ")}`,
    "",
    head
  ];
  for (const f of r.folds) lines.push(`${f.name.padEnd(10)}${cols.map((c) => cell(f.metrics[c].toFixed(4))).join("")}`);
  const summary = (name: string, s: MetricSummary, withTimes: boolean) =>
    `${name.padEnd(10)}${cols.map((c) => cell(!withTimes && c.endsWith("seconds") ? "" : `${s.mean[c].toFixed(3)}±${s.sd[c].toFixed(3)}`)).join("")}`;
  lines.push(
    summary("mean±sd", r.summary, true),
    "",
    "Baselines on the same folds:",
    summary("majority", r.baselines.majority, false),
    summary("user+item", r.baselines.bias, false)
  );
  const t = r.folds[0].training;
  lines.push(
    "",
    `Trees: ${r.folds.map((f) => f.training.rounds).join(", ")} rounds per fold (${t.stopReason} on ${r.folds[0].name}); parameters: ${JSON.stringify(r.params.gbdt)}`,
    ""
  );
  return lines.join("\n");
}
