/**
 * `movielab recommend --data …`: fits a recommender on every rating of a data set and prints a
 * user's top-k unseen movies with the model's scores and, for neighbour and item models, the rated
 * movies (or similar users) behind each one.
 */
import {idLookup} from "../../../lib/data/encode.js";
import {ID_MAX} from "../../../lib/data/fields.js";
import type {Dataset} from "../../../lib/data/types.js";
import {fullTrainSet} from "../../../lib/data/folds.js";
import {MODELS} from "../../../lib/models/registry.js";
import {seenMatrix} from "../../../lib/models/top-n.js";
import {createProgress} from "../../../lib/node/progress.js";
import type {Explanation} from "../../../lib/recommend/explain.js";
import {recommendWithReasons, type ExplainedRecommendation} from "../../../lib/recommend/recommend-user.js";
import type {CommandContext} from "../../cli-command.js";
import {topNModelOption} from "../rank.js";
import {openDataset} from "../../../lib/node/open-dataset.js";
import {datasetOptions} from "../../options/dataset.js";
import {integerOption} from "../../options/values.js";
import {formatTopList} from "./format.js";
import {useInverseThreads} from "../../../lib/node/threads/spd-inverse-threads.js";

export const DEFAULT_DATA_MODEL = "ease";

export interface FromDataJson {
  dataset: string;
  model: string;
  user_id: number;
  k: number;
  fit_seconds: number;
  items: Array<{rank: number; movie_id: number; title: string; score: number; because: unknown}>;
}

/** Explanation with raw ids and titles, for JSON and text. */
function explanationJson(d: Dataset, e: Explanation | null): unknown {
  if (e === null) return null;
  if (e.kind === "rated")
    return {
      kind: "rated",
      movies: e.reasons.map((r) => ({
        movie_id: d.movies.id[r.movie],
        title: d.movies.title[r.movie],
        rating: r.rating,
        weight: r.weight
      }))
    };
  return {
    kind: "neighbours",
    users: e.neighbours.map((n) => ({user_id: d.userIds[n.user], similarity: n.similarity, rating: n.rating}))
  };
}

/** One line of "because …" text. */
function explanationText(d: Dataset, e: Explanation | null): string | null {
  if (e === null) return null;
  if (e.kind === "rated") {
    return e.reasons.length === 0
      ? null
      : `because you rated ${e.reasons.map((r) => `${d.movies.title[r.movie]} (${r.rating})`).join(", ")}`;
  }
  if (e.neighbours.length === 0) return null;
  return `because similar users rated it ${e.neighbours.map((n) => `${n.rating} (user ${d.userIds[n.user]}, similarity ${n.similarity.toFixed(2)})`).join(", ")}`;
}

/** Runs the --data path of `movielab recommend` (where: the command path for usage errors); resolves to the exit code. */
export async function recommendFromData(ctx: CommandContext, where: string): Promise<number> {
  const json = ctx.options.json === true;
  const name = topNModelOption(ctx, where, DEFAULT_DATA_MODEL);
  const userId = integerOption(ctx.options.user, "user", 0, ID_MAX, where);
  const k = integerOption(ctx.options.k, "k", 1, 100, where, 10);
  // A final model: every cleaning rule applies (the noise rule included).
  // EASE's inverse splits over worker threads (same bits); they start while the data loads.
  useInverseThreads();
  const {dataset} = await openDataset(datasetOptions(ctx, {beforeRelease: true}));
  const user = idLookup(dataset.userIds)(userId);
  if (user < 0) {
    const ids = dataset.userIds;
    throw new Error(
      `--user ${userId}: no such user in ${dataset.name} (${ids.length} users, ids ${ids[0]}..${ids[ids.length - 1]})`
    );
  }
  const model = MODELS[name];
  const train = fullTrainSet(dataset);
  const progress = createProgress({
    label: `fit ${name}`,
    disabled: json || !ctx.stderrIsTTY,
    env: ctx.env,
    unit: "items"
  });
  progress.update(0, 1);
  const t0 = performance.now();
  const state = model.fit(train);
  const fitSeconds = (performance.now() - t0) / 1000;
  progress.update(1, 1);
  progress.finish();
  const items: ExplainedRecommendation[] = recommendWithReasons(model, state, seenMatrix(train), user, k);
  if (json) {
    const out: FromDataJson = {
      dataset: dataset.name,
      model: name,
      user_id: userId,
      k,
      fit_seconds: fitSeconds,
      items: items.map((r, i) => ({
        rank: i + 1,
        movie_id: dataset.movies.id[r.movie],
        title: dataset.movies.title[r.movie],
        score: r.score,
        because: explanationJson(dataset, r.because)
      }))
    };
    ctx.out(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `top ${items.length} for user ${userId} in ${dataset.name} (${name}, fitted on ${train.ratings.rating.length} ratings in ${fitSeconds.toFixed(2)} s):`
  ];
  lines.push(
    ...formatTopList(
      items.map((r) => {
        const why = explanationText(dataset, r.because);
        return {
          movieId: dataset.movies.id[r.movie],
          label: dataset.movies.title[r.movie],
          score: r.score,
          notes: why === null ? [] : [why]
        };
      })
    ),
    `scores are ${name}'s ranking scores, not ratings`
  );
  ctx.out(`${lines.join("\n")}\n`);
  return 0;
}
