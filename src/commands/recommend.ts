/**
 * `movielab recommend`: a user's top-k unseen movies. One source today: `--model <bundle>` (the
 * classifier bundle's ranker). The sources are separate functions so that another one (e.g. fitting a
 * recommender on `--data`) is one more branch in `run`, not a rewrite.
 */
import {resolve} from "node:path";
import {ID_MAX} from "../../lib/data/fields.js";
import {NotFoundError, type RecommendResult} from "../../lib/serving/types.js";
import {recommendToWire} from "../../lib/serving/wire.js";
import {movieLabel} from "../../lib/widget/movie-search.js";
import {integerOption, stringOption} from "../options/values.js";
import {loadServiceFromFile} from "../server/load-service.js";
import {UsageError, type Command, type CommandContext} from "../cli-command.js";
import {DATA_OPTIONS} from "../options/dataset.js";
import {recommendFromData} from "./recommend/from-data.js";

const WHERE = "movielab recommend";

/** Top-k from a classifier bundle's ranker (popularity for a user it has no ratings of). */
async function recommendFromBundle(ctx: CommandContext, userId: number, k: number): Promise<RecommendResult> {
  const modelPath = resolve(ctx.cwd, stringOption(ctx.options.model, "model", WHERE, "<bundle>"));
  const {service} = await loadServiceFromFile(modelPath);
  try {
    return await service.recommend(userId, k);
  } catch (e) {
    if (e instanceof NotFoundError) throw new Error(`${e.message} in ${modelPath}`);
    throw e;
  }
}

export const command: Command = {
  name: "recommend",
  summary: "recommend top-k movies a user has not rated, from a model bundle or a recommender fitted on --data",
  description:
    "Prints the user's top-k unseen movies, best first, with the ranking model's scores (not ratings). Exit 0 on\n" +
    "success, 1 when the bundle is bad or the user is unknown to it, 2 on bad usage. --json prints the API's /recommend answer.",
  options: {
    model: {
      type: "string",
      value: "FILE|NAME",
      description:
        "classifier bundle with a ranker (required); with --data a recommender name (default ease, see 'movielab rank --help')"
    },
    ...DATA_OPTIONS,
    user: {type: "string", value: "ID", description: "user id as in the data set (required)"},
    k: {type: "string", value: "N", description: "how many movies, 1..100 (default 10)"},
    json: {type: "boolean", description: "print JSON (snake_case, as POST /recommend answers)"}
  },
  async run(ctx) {
    if (ctx.options.data !== undefined) return recommendFromData(ctx, WHERE);
    const userId = integerOption(ctx.options.user, "user", 0, ID_MAX, WHERE);
    const k = integerOption(ctx.options.k, "k", 1, 100, WHERE, 10);
    if (ctx.options.model === undefined) throw new UsageError("--model <bundle> is required", WHERE);
    const r = await recommendFromBundle(ctx, userId, k);
    if (ctx.options.json === true) {
      ctx.out(`${JSON.stringify(recommendToWire(r), null, 2)}\n`);
      return 0;
    }
    const lines = [
      `top ${r.items.length} for user ${userId} (${r.model}${r.coldStart ? ", cold start: most popular" : ""}):`
    ];
    r.items.forEach((m, i) =>
      lines.push(`${String(i + 1).padStart(4)}. ${movieLabel(m)}  [${m.movieId}]  score ${m.score.toFixed(3)}`)
    );
    lines.push(`model ${r.modelVersion}`);
    ctx.out(`${lines.join("\n")}\n`);
    return 0;
  }
};
