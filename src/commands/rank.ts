/** `movielab rank`: top-N quality of a model under the Microsoft Recommenders protocol. */
import {datasetRankingSplit, rankAll} from "../../lib/eval/evaluate-ranking.js";
import {seedParams} from "../../lib/models/estimator.js";
import {MODELS} from "../../lib/models/registry.js";
import {createProgress} from "../../lib/node/progress.js";
import {topNModel, topNModelName, topNNames} from "../../lib/models/top-n-names.js";
import {formatRank, rankToJson} from "../../lib/reports/rank-result.js";
import {UsageError, type Command, type CommandContext} from "../cli-command.js";
import {seedOption} from "../options/classifier.js";
import {openDataset} from "../../lib/node/open-dataset.js";
import {DATA_OPTIONS, datasetOptions} from "../options/dataset.js";
import {integerOption} from "../options/values.js";
import {fileRunRecord, invocationOf, RECORD_OPTIONS, withRunContext} from "../options/run-record.js";
import {datasetFingerprint} from "../../lib/lab/fingerprint.js";
import {rankRunRecord} from "../../lib/runs/rank-record.js";

const WHERE = "movielab rank";

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
    "Splits each user's ratings 75/25 at random (seeded), fits the model on the 75 %, ranks every movie the user did not\n" +
    "rate in it and scores the top k against the user's 25 % (binary relevance): the Microsoft Recommenders protocol, so\n" +
    "figures compare with theirs. item-knn here is item-kNN on implicit feedback; item-knn-rating is the rating model.\n" +
    "Exit 0 on success, 1 on bad data, 2 on bad usage.",
  options: {
    ...DATA_OPTIONS,
    model: {type: "string", value: "NAME", description: `model (required): ${topNNames().join(", ")}`},
    k: {type: "string", value: "N", description: "length of the top-k lists, 1..100 (default 10)"},
    seed: {type: "string", value: "N", description: "seed of the per-user split and of the model (default 42)"},
    json: {type: "boolean", description: "print the result as JSON on stdout (no progress bar)"},
    ...RECORD_OPTIONS
  },
  async run(ctx) {
    const json = ctx.options.json === true;
    const name = topNModelOption(ctx, WHERE);
    const k = integerOption(ctx.options.k, "k", 1, 100, WHERE, 10);
    const seed = seedOption(ctx, WHERE) ?? 42;
    const loaded = await openDataset(datasetOptions(ctx, {beforeRelease: false}));
    const {dataset} = loaded;
    const model = MODELS[name];
    const description = model.description;
    const split = datasetRankingSplit(dataset, seed);
    const progress = createProgress({
      label: `rank ${name} (fit, rank)`,
      disabled: json || !ctx.stderrIsTTY,
      env: ctx.env,
      unit: "items"
    });
    progress.update(0, 2);
    const t0 = performance.now();
    const params = seedParams(model, seed);
    const state = model.fit(split.train, params);
    const fitSeconds = (performance.now() - t0) / 1000;
    progress.update(1, 2);
    const t1 = performance.now();
    const {byK} = rankAll(model, state, split, [k]);
    const rankSeconds = (performance.now() - t1) / 1000;
    progress.update(2, 2);
    progress.finish();
    const out = rankToJson(
      {model: name, byK, fitSeconds, rankSeconds},
      {dataset: dataset.name, model: name, description, seed}
    );
    // The run record: this split seed is its one fold (lib/runs/rank-record.ts).
    const record = rankRunRecord(
      [
        {
          seed,
          summary: byK[0],
          fitSeconds,
          rankSeconds,
          nTrain: split.train.ratings.rating.length,
          nTest: split.test.rating.length
        }
      ],
      {
        dataset: dataset.name,
        fingerprint: await datasetFingerprint(dataset),
        n_ratings: dataset.ratings.rating.length,
        model: name,
        description,
        params: {...(model.defaults as Record<string, unknown>), ...params, k},
        wall_seconds: (performance.now() - t0) / 1000
      }
    );
    await fileRunRecord(ctx, withRunContext(record, "rank", invocationOf(ctx, ["rank"], loaded.dir)));
    ctx.out(json ? `${JSON.stringify(out, null, 2)}\n` : formatRank(out));
    return 0;
  }
};
