/** `movielab train import-als`: a workbench bundle whose top-N comes from Spark ALS factors trained elsewhere. */
import {resolve} from "node:path";
import {attachFactors} from "../../../lib/bundle/attach-factors.js";
import {serializeBundle} from "../../../lib/bundle/bundle.js";
import type {WorkbenchState} from "../../../lib/bundle/workbench.js";
import {loadBundle, saveBundle} from "../../../lib/node/bundle-file.js";
import {createProgress} from "../../../lib/node/progress.js";
import {readAlsModel} from "../../../lib/node/read-als-factors.js";
import {createBundleService} from "../../../lib/serving/bundle-service.js";
import {UsageError, type Command} from "../../cli-command.js";
import {stringOption} from "../../options/values.js";

const WHERE = "movielab train import-als";

export const importAlsCommand: Command = {
  name: "import-als",
  summary: "build a bundle whose recommendations come from a Spark MLlib ALS model's saved factors",
  description:
    "Reads the directory Spark's ALSModel.save(path) wrote (userFactors/ and itemFactors/: part-*.parquet with\n" +
    "`id` int and `features` array<float>) and a workbench bundle of the same data set (from `movielab train\n" +
    "classifier`), and writes a copy of the bundle whose ranker is the factors: a user's top-N is the unseen movies\n" +
    "with the largest p_u · q_j. Ids are matched by MovieLens id; users without factors get popular movies, movies\n" +
    "without factors are not recommended, and both are counted in the output. Rating predictions stay the\n" +
    "classifier's. Train ALS on `movielab data export`'s ratings.parquet (userCol userId, itemCol movieId).",
  options: {
    bundle: {type: "string", value: "FILE", description: "the workbench bundle of the same data set (required)"},
    als: {type: "string", value: "DIR", description: "the saved ALSModel directory (required)"},
    out: {type: "string", short: "o", value: "FILE", description: "where to write the new bundle (required)"},
    name: {type: "string", value: "NAME", description: "the model name recommendations report (default als)"},
    json: {type: "boolean", description: "print a JSON summary on stdout"}
  },
  async run(ctx) {
    const input = resolve(ctx.cwd, stringOption(ctx.options.bundle, "bundle", WHERE, "FILE"));
    const als = resolve(ctx.cwd, stringOption(ctx.options.als, "als", WHERE, "DIR"));
    const out = resolve(ctx.cwd, stringOption(ctx.options.out, "out", WHERE, "FILE"));
    const name = ctx.options.name === undefined ? "als" : stringOption(ctx.options.name, "name", WHERE, "NAME");
    if (out === input)
      throw new UsageError("--out must differ from --bundle: the input bundle is kept as it is", WHERE);
    const t0 = performance.now();
    // Five steps, each up to 15 s at 25M ratings: a bar over them says which one the command is in.
    const progress = createProgress({
      label: "import-als: read bundle, read factors, attach, validate, write",
      disabled: ctx.options.json === true || !ctx.stderrIsTTY,
      env: ctx.env,
      unit: "items"
    });
    const STEPS = 5;
    progress.update(0, STEPS);
    const bundle = await loadBundle<WorkbenchState>(input, {kind: "classifier"});
    progress.update(1, STEPS);
    const {users, items, rank} = await readAlsModel(als);
    progress.update(2, STEPS);
    const {bundle: next, report} = attachFactors(bundle, users, items, name);
    progress.update(3, STEPS);
    createBundleService(next, out); // validates the whole bundle before anything is written
    progress.update(4, STEPS);
    await saveBundle(out, next);
    progress.update(5, STEPS);
    progress.finish();
    const bytes = serializeBundle(next).length;
    const seconds = (performance.now() - t0) / 1000;
    if (ctx.options.json === true) {
      ctx.out(`${JSON.stringify({out, from: input, als, bytes, seconds, ...report}, null, 2)}\n`);
      return;
    }
    const side = (what: string, r: typeof report.users) =>
      `  ${what}: ${r.matched.toLocaleString("en-US")} with factors, ${r.withoutFactors.toLocaleString("en-US")} without` +
      (r.unknownIds > 0 ? `, ${r.unknownIds} factor ids not in the bundle (e.g. ${r.unknownExamples.join(", ")})` : "");
    ctx.out(
      [
        `${out}: ${input} with recommendations from ALS factors of rank ${rank} (${(bytes / 1e6).toFixed(2)} MB, ${seconds.toFixed(1)} s)`,
        side("users", report.users),
        side("movies", report.movies),
        ""
      ].join("\n")
    );
  }
};
