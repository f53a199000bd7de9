/**
 * Command-line options of the rating classifier shared by `movielab cv classifier` and
 * `movielab train classifier`, and their translation to ClassifierParams (XGBoost names inside).
 */
import {
  DEFAULT_CLASSIFIER_PARAMS,
  PEER_CLASSIFIER_PARAMS,
  resolveClassifierParams,
  type ClassifierParams
} from "../../lib/models/classifier/pipeline.js";
import {FACTOR_FEATURE_MODELS, type FactorFeatureModel} from "../../lib/features/factor-feature.js";
import {UsageError, type CommandContext, type OptionSpec} from "../cli-command.js";

export const CLASSIFIER_OPTIONS: Record<string, OptionSpec> = {
  peer: {
    type: "boolean",
    description: "the peer's configuration (13 features, 100 rounds, depth 6, eta 0.3) instead of the tuned defaults"
  },
  rounds: {
    type: "string",
    value: "N",
    description: "boosting rounds, n_estimators (tuned default 400 with early stopping; peer 100)"
  },
  eta: {type: "string", value: "X", description: "learning rate in (0, 1] (tuned 0.1; peer 0.3)"},
  "max-depth": {type: "string", value: "N", description: "maximum tree depth (tuned 7; peer 6)"},
  "min-child-weight": {type: "string", value: "X", description: "minimum hessian sum in a child (tuned 20; peer 1)"},
  subsample: {type: "string", value: "X", description: "row sampling per tree in (0, 1] (tuned 0.8; peer 1)"},
  colsample: {type: "string", value: "X", description: "feature sampling per tree in (0, 1] (1)"},
  "early-stopping": {
    type: "string",
    value: "N",
    description: "stop after N rounds without improvement on the inner validation part (0: off)"
  },
  validation: {
    type: "string",
    value: "X",
    description: "share of the training rows held out for early stopping, [0, 1) (tuned 0.1)"
  },
  components: {type: "string", value: "N", description: "genre PCA components (5)"},
  factors: {
    type: "string",
    value: ["none", ...Object.keys(FACTOR_FEATURE_MODELS)].join("|"),
    description:
      "add a factor model's out-of-fold rating estimate as a feature (default none; on u1..u5 svdpp gives accuracy 0.4574 and bayes-fm 0.472, macro F1 0.425, against 0.4505; not yet bundled)"
  },
  "model-seed": {
    type: "string",
    value: "N",
    description: "seed of the classifier: early-stopping hold-out, out-of-fold aggregates, row sampling (default 0)"
  },
  seed: {
    type: "string",
    value: "N",
    description: "",
    retired:
      "it seeded both the folds and the classifier; use --fold-seed N for the random folds (default 42) " +
      "and --model-seed N for the classifier (default 0)"
  }
};

/** --fold-seed, for the commands that cross-validate the classifier on random folds. */
export const FOLD_SEED_OPTION: Record<string, OptionSpec> = {
  "fold-seed": {
    type: "string",
    value: "N",
    description: "seed of the K random folds (default 42; the official folds need none)"
  }
};

/** Parses a numeric option; absent → undefined; malformed → UsageError naming the option. */
export function numberOption(
  ctx: CommandContext,
  name: string,
  where: string,
  check: (v: number) => boolean,
  expected: string
): number | undefined {
  const raw = ctx.options[name];
  if (raw === undefined) return undefined;
  const v = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  if (!Number.isFinite(v) || !check(v))
    throw new UsageError(`--${name} is "${String(raw)}": expected ${expected}`, where);
  return v;
}

/** Parses a seed option (--seed by default) as an integer (any sign); absent → undefined; malformed → UsageError naming the option. */
export function seedOption(ctx: CommandContext, where: string, name = "seed"): number | undefined {
  return numberOption(ctx, name, where, (v) => Number.isInteger(v), "an integer");
}

const isInt = (min: number) => (v: number) => Number.isInteger(v) && v >= min;
const inUnit = (v: number) => v > 0 && v <= 1;

/** The classifier parameters the options ask for, merged over the tuned defaults or the peer's. */
export function classifierParamsFrom(ctx: CommandContext, where: string): ClassifierParams {
  const base = ctx.options.peer === true ? PEER_CLASSIFIER_PARAMS : DEFAULT_CLASSIFIER_PARAMS;
  const num = (name: string, check: (v: number) => boolean, expected: string) =>
    numberOption(ctx, name, where, check, expected);
  const gbdt: ClassifierParams["gbdt"] = {};
  const set = <K extends keyof ClassifierParams["gbdt"]>(k: K, v: ClassifierParams["gbdt"][K] | undefined) => {
    if (v !== undefined) gbdt[k] = v;
  };
  set("n_estimators", num("rounds", isInt(1), "an integer ≥ 1"));
  set("learning_rate", num("eta", inUnit, "a number in (0, 1]"));
  set(
    "max_depth",
    num("max-depth", (v) => Number.isInteger(v) && v >= 1 && v <= 30, "an integer from 1 to 30")
  );
  set(
    "min_child_weight",
    num("min-child-weight", (v) => v >= 0, "a number ≥ 0")
  );
  set("subsample", num("subsample", inUnit, "a number in (0, 1]"));
  set("colsample_bytree", num("colsample", inUnit, "a number in (0, 1]"));
  const es = num("early-stopping", isInt(0), "an integer ≥ 0");
  if (es !== undefined) gbdt.early_stopping_rounds = es === 0 ? null : es;
  const validation = num("validation", (v) => v >= 0 && v < 1, "a number in [0, 1)");
  const components = num("components", isInt(1), "an integer ≥ 1");
  const seed = seedOption(ctx, where, "model-seed");
  const factors = ctx.options.factors;
  if (factors !== undefined && factors !== "none" && !Object.hasOwn(FACTOR_FEATURE_MODELS, String(factors)))
    throw new UsageError(
      `--factors "${String(factors)}": expected none or one of ${Object.keys(FACTOR_FEATURE_MODELS).join(", ")}`,
      where
    );
  return resolveClassifierParams(
    {
      gbdt,
      ...(validation !== undefined ? {validationFraction: validation} : {}),
      ...(components !== undefined || (factors !== undefined && factors !== "none")
        ? {
            features: {
              ...(components !== undefined ? {nComponents: components} : {}),
              ...(factors !== undefined && factors !== "none" ? {factors: factors as FactorFeatureModel} : {})
            }
          }
        : {}),
      ...(seed !== undefined ? {seed} : {})
    },
    base
  );
}
