/** `movielab rank`: top-N quality of a model under a ranking protocol (default the Microsoft Recommenders one, 5 split seeds). */
import {crossValidate} from "../../lib/eval/cross-validate.js";
import type {ProtocolName} from "../../lib/eval/protocols/index.js";
import {seedParams} from "../../lib/models/estimator.js";
import {MODELS} from "../../lib/models/registry.js";
import {createProgress} from "../../lib/node/progress.js";
import {topNModel, topNModelName, topNNames} from "../../lib/models/top-n-names.js";
import {formatRank, rankCvToJson} from "../../lib/reports/rank-result.js";
import {UsageError, type Command, type CommandContext} from "../cli-command.js";
import {seedOption} from "../options/classifier.js";
import {protocolFolds, protocolHelp, protocolOption} from "../options/protocol.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {DATA_OPTIONS, datasetOptions} from "../options/dataset.js";
import {integerOption} from "../options/values.js";
import {fileRunRecord, invocationOf, RECORD_OPTIONS, withRunContext} from "../options/run-record.js";
import {datasetFingerprint} from "../../lib/lab/fingerprint.js";
import {rankRunRecord} from "../../lib/runs/rank-record.js";
import {useInverseThreads} from "../../lib/node/threads/spd-inverse-threads.js";

const WHERE = "movielab rank";

/** The protocols `movielab rank` runs. */
export const RANK_PROTOCOLS: readonly ProtocolName[] = ["msr", "temporal-global", "temporal-user"];

/** The registry name of the top-N model --model names (aliases resolved), or a usage error listing the accepted names. */
export function topNModelOption(ctx: CommandContext, where: string, fallback?: string): string {
  const raw = ctx.options.model ?? fallback;
  if (typeof raw !== "string" || raw === "")
    throw new UsageError(`--model is required: one of ${topNNames().join(", ")}`, where);
  if (topNModel(raw) === null)
    throw new UsageError(`unknown --model "${raw}": expected one of ${topNNames().join(", ")}`, where);
  return topNModelName(raw);
}

export const command: Command = {
  name: "rank",
  summary: "evaluate a model's top-k lists (precision, recall, nDCG, MAP, hit rate, coverage)",
  description:
    "Fits the model on each fold's training part, ranks every movie a test user did not rate in it and scores the top k\n" +
    "against the user's test movies (binary relevance); per fold and mean ± sd over folds. The default protocol, msr, is\n" +
    "the Microsoft Recommenders benchmark's split (75/25 per movie) over --seeds split seeds, so figures compare with\n" +
    "theirs. item-knn here is item-kNN on implicit feedback; item-knn-rating is the rating model.\n" +
    "Exit 0 on success, 1 on bad data, 2 on bad usage. Protocols:\n" +
    protocolHelp(RANK_PROTOCOLS),
  options: {
    ...DATA_OPTIONS,
    model: {type: "string", value: "NAME", description: `model (required): ${topNNames().join(", ")}`},
    protocol: {type: "string", value: "NAME", description: `${RANK_PROTOCOLS.join("|")} (default msr)`},
    k: {type: "string", value: "N", description: "length of the top-k lists, 1..100 (default 10)"},
    seeds: {type: "string", value: "N", description: "msr only: number of split seeds, 1..100 (default 5)"},
    seed: {
      type: "string",
      value: "N",
      description:
        "first split seed (msr: seed, seed+1, …; temporal-user: the user shuffle) and the model's seed (default 42)"
    },
    json: {type: "boolean", description: "print the result as JSON on stdout (no progress bar)"},
    ...RECORD_OPTIONS
  },
  async run(ctx) {
    const json = ctx.options.json === true;
    const name = topNModelOption(ctx, WHERE);
    const protocol = protocolOption(ctx.options.protocol ?? "msr", RANK_PROTOCOLS, WHERE);
    const k = integerOption(ctx.options.k, "k", 1, 100, WHERE, 10);
    if (ctx.options.seeds !== undefined && protocol !== "msr")
      throw new UsageError(`--seeds applies to --protocol msr only (${protocol} has fixed folds)`, WHERE);
    const seeds = integerOption(ctx.options.seeds, "seeds", 1, 100, WHERE, 5);
    const seed = seedOption(ctx, WHERE) ?? 42;
    // EASE's inverse splits over worker threads (same bits); they start while the data loads.
    useInverseThreads();
    const loaded = await openDataset(datasetOptions(ctx, {beforeRelease: false}));
    const made = await protocolFolds(loaded, {name: protocol, options: protocol === "msr" ? {seeds} : {}}, seed, WHERE);
    const model = MODELS[name];
    const progress = createProgress({
      label: `rank ${name}`,
      disabled: json || !ctx.stderrIsTTY,
      env: ctx.env,
      unit: "items"
    });
    progress.update(0, made.folds.length);
    const users: number[] = [];
    const rankSeconds: number[] = [];
    let predictStart = 0;
    const params = seedParams(model, seed);
    const t0 = performance.now();
    const result = await crossValidate(model, made.folds, {
      params,
      metrics: ["ranking"],
      ks: [k],
      onProgress: (p) => {
        if (p.phase === "predict") predictStart = performance.now();
        progress.update(p.phase === "done" ? p.fold + 1 : p.fold, made.folds.length);
      },
      onFold: ({fold}) => {
        rankSeconds.push((performance.now() - predictStart) / 1000);
        users.push(new Set(fold.test.user).size);
      }
    });
    progress.finish();
    const out = rankCvToJson(result, {
      dataset: loaded.dataset.name,
      model: name,
      description: model.description,
      protocol,
      protocol_description: made.description,
      seed,
      k,
      users,
      rankSeconds
    });
    const record = rankRunRecord(result, {
      dataset: loaded.dataset.name,
      fingerprint: await datasetFingerprint(loaded.dataset),
      n_ratings: loaded.dataset.ratings.rating.length,
      model: name,
      description: model.description,
      protocol,
      seed,
      params: {...(model.defaults as Record<string, unknown>), ...params, k},
      wall_seconds: (performance.now() - t0) / 1000,
      users,
      rankSeconds
    });
    await fileRunRecord(ctx, withRunContext(record, "rank", invocationOf(ctx, ["rank"], loaded.dir)));
    ctx.out(json ? `${JSON.stringify(out, null, 2)}\n` : formatRank(out));
    return 0;
  }
};
