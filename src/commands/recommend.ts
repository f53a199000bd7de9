/**
 * `movielab recommend`: a user's top-k unseen movies, from one of two sources: `--bundle FILE` (a
 * trained bundle's ranker) or `--data` (fit the recommender `--model NAME` on a data set now). The
 * two were once one overloaded `--model FILE|NAME`; a file given to --model is refused with advice,
 * never read as a name.
 */
import {resolve} from "node:path";
import type {Bundle} from "../../lib/bundle/bundle.js";
import type {WorkbenchState} from "../../lib/bundle/workbench.js";
import {ID_MAX} from "../../lib/data/fields.js";
import {NotFoundError, type RecommendResult} from "../../lib/serving/types.js";
import {recommendToWire} from "../../lib/serving/wire.js";
import {movieLabel} from "../../lib/widget/movie-search.js";
import {integerOption, stringOption} from "../options/values.js";
import {loadServiceFromFile} from "../server/load-service.js";
import {UsageError, type Command, type CommandContext} from "../cli-command.js";
import {DATA_OPTIONS} from "../options/dataset.js";
import {DEFAULT_DATA_MODEL, recommendFromData} from "./recommend/from-data.js";
import {formatTopList} from "./recommend/format.js";

const WHERE = "movielab recommend";

/** Top-k from a bundle's ranker (popularity for a user it has no ratings of), with the bundle for the text form. */
async function recommendFromBundle(
  ctx: CommandContext,
  userId: number,
  k: number
): Promise<{result: RecommendResult; bundle: Bundle<WorkbenchState>}> {
  const path = resolve(ctx.cwd, stringOption(ctx.options.bundle, "bundle", WHERE, "<file>"));
  const {service, bundle} = await loadServiceFromFile(path);
  try {
    return {result: await service.recommend(userId, k), bundle};
  } catch (e) {
    if (e instanceof NotFoundError) throw new Error(`${e.message} in ${path}`);
    throw e;
  }
}

/** Which ranker produced the list and why, in words: the bundle's own, or popularity and the reason it stood in. */
export function rankerSentence(r: RecommendResult, bundle: Bundle<WorkbenchState>): string {
  const stored = bundle.state.ranker?.name ?? null;
  if (r.model !== "popular") return `ranked by ${r.model}, the bundle's ranker`;
  if (r.coldStart) return "ranked by popularity: the user has no ratings in the bundle";
  if (stored === null) return "ranked by popularity: the bundle has no ranker";
  return `ranked by popularity: the bundle's ranker ${stored} has no factors for this user`;
}

/** The text form of a bundle's answer: a header naming the ranker, the table, and the ranker's note. */
function formatFromBundle(r: RecommendResult, bundle: Bundle<WorkbenchState>): string {
  const note = bundle.meta.params.rankerNote;
  const lines = [
    `top ${r.items.length} for user ${r.userId}, ${rankerSentence(r, bundle)} (scores rank movies; they are not ratings):`,
    ...formatTopList(r.items.map((m) => ({movieId: m.movieId, label: movieLabel(m), score: m.score}))),
    ...(typeof note === "string" && r.model === bundle.state.ranker?.name ? [`note: ${note}`] : []),
    `list by ranker ${r.model}; bundle ${r.modelVersion}`
  ];
  return `${lines.join("\n")}\n`;
}

/** Refuses the mixes of the two sources with advice naming the options. */
function checkSource(ctx: CommandContext): void {
  const {bundle, data, model} = ctx.options;
  if (bundle !== undefined && data !== undefined)
    throw new UsageError(
      "--bundle and --data are two sources: --bundle FILE for a trained bundle, or --data with --model NAME to fit a recommender now",
      WHERE
    );
  if (data === undefined && model !== undefined)
    throw new UsageError(
      `--model names a recommender fitted on --data (default ${DEFAULT_DATA_MODEL}); for a bundle file use --bundle ${String(model)}`,
      WHERE
    );
  if (bundle === undefined && data === undefined)
    throw new UsageError(
      "needs a source: --bundle FILE (a trained bundle), or --data DIR|NAME|synthetic to fit --model NAME on it",
      WHERE
    );
}

export const command: Command = {
  name: "recommend",
  summary: "recommend top-k movies a user has not rated, from a model bundle or a recommender fitted on --data",
  description:
    "Prints the user's top-k unseen movies, best first: each movie's id, the ranking model's score (not a rating) and\n" +
    "its title, and which ranker produced the list. Exit 0 on success, 1 when the bundle is bad or the user is unknown\n" +
    "to it, 2 on bad usage. --json prints the API's /recommend answer.",
  options: {
    bundle: {
      type: "string",
      value: "FILE",
      description: "a trained bundle (movielab train); its ranker makes the list"
    },
    ...DATA_OPTIONS,
    model: {
      type: "string",
      value: "NAME",
      description: `with --data: the recommender fitted on it (default ${DEFAULT_DATA_MODEL}, see 'movielab rank --help')`
    },
    user: {type: "string", value: "ID", description: "user id as in the data set (required)"},
    k: {type: "string", value: "N", description: "how many movies, 1..100 (default 10)"},
    json: {type: "boolean", description: "print JSON (snake_case, as POST /recommend answers)"}
  },
  async run(ctx) {
    checkSource(ctx);
    if (ctx.options.data !== undefined) return recommendFromData(ctx, WHERE);
    const userId = integerOption(ctx.options.user, "user", 0, ID_MAX, WHERE);
    const k = integerOption(ctx.options.k, "k", 1, 100, WHERE, 10);
    const {result, bundle} = await recommendFromBundle(ctx, userId, k);
    ctx.out(
      ctx.options.json === true
        ? `${JSON.stringify(recommendToWire(result), null, 2)}\n`
        : formatFromBundle(result, bundle)
    );
    return 0;
  }
};
