/** `movielab predict --bundle FILE --user N --movie N`: one rating prediction with its class probabilities. */
import {ID_MAX} from "../../lib/data/fields.js";
import {closeTopClasses} from "../../lib/widget/prediction-summary.js";
import {formatPercent} from "../../lib/widget/probability-bars.js";
import {NotFoundError} from "../../lib/serving/types.js";
import {predictToWire} from "../../lib/serving/wire.js";
import {BUNDLE_OPTIONS, bundlePath} from "../options/bundle.js";
import {integerOption} from "../options/values.js";
import {loadServiceFromFile} from "../server/load-service.js";
import type {Command} from "../cli-command.js";

const WHERE = "movielab predict";

export const command: Command = {
  name: "predict",
  summary: "predict a user's rating of a movie with a classifier bundle",
  description:
    "Prints the most probable rating, the expected rating, every class's probability (and whether the top two are\n" +
    "within 5 points) and, when the user already rated the movie in the bundle's training ratings, what they gave.\n" +
    "Exit 0 on success, 1 when the bundle is bad or the user or movie is unknown to it, 2 on bad usage. --json prints\n" +
    "the API's /predict answer.",
  options: {
    ...BUNDLE_OPTIONS,
    user: {type: "string", value: "ID", description: "user id as in the data set (required)"},
    movie: {type: "string", value: "ID", description: "movie id as in the data set (required)"},
    json: {type: "boolean", description: "print JSON (snake_case, as POST /predict answers)"}
  },
  async run(ctx) {
    const modelPath = bundlePath(ctx, WHERE);
    const userId = integerOption(ctx.options.user, "user", 0, ID_MAX, WHERE);
    const movieId = integerOption(ctx.options.movie, "movie", 0, ID_MAX, WHERE);
    const {service, bundle} = await loadServiceFromFile(modelPath);
    let p;
    try {
      p = await service.predict(userId, movieId);
    } catch (e) {
      if (e instanceof NotFoundError) throw new Error(`${e.message} in ${modelPath}`);
      throw e;
    }
    if (ctx.options.json === true) {
      ctx.out(`${JSON.stringify(predictToWire(p), null, 2)}\n`);
      return 0;
    }
    const title = bundle.titles?.[bundle.idMaps.movies.indexOf(movieId)];
    const lines = [
      `user ${userId}, movie ${movieId}${title !== undefined ? ` ${JSON.stringify(title)}` : ""}: predicted ${p.rating}★, expected ${p.expected.toFixed(2)}${p.coldStart ? " (cold start: answered from priors)" : ""}`
    ];
    const close = closeTopClasses(p.probabilities);
    if (close !== null)
      lines.push(
        `  the classes are close: ${close.map((c) => `${c.value}★ ${formatPercent(c.p)}`).join(", ")}; the expected rating says more`
      );
    if (p.userRating !== null)
      lines.push(
        `  user ${userId} already rated this movie ${p.userRating}★ in the training ratings (the model saw that rating)`
      );
    const width = 30;
    for (const c of [...p.probabilities].sort((a, b) => b.value - a.value)) {
      lines.push(
        `  ${String(c.value).padStart(3)}★ ${"█".repeat(Math.round(c.p * width)).padEnd(width)} ${formatPercent(c.p)}`
      );
    }
    lines.push(`model ${p.modelVersion}`);
    ctx.out(`${lines.join("\n")}\n`);
    return 0;
  }
};
